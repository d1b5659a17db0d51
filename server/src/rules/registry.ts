import { rule as initiativeObjective } from './initiative-objective.js';
import { rule as initiativeOwner } from './initiative-owner.js';
import { rule as initiativeMetric } from './initiative-metric.js';
import { rule as unresolvedReference } from './unresolved-reference.js';
import { rule as kindMismatch } from './kind-mismatch.js';
import { rule as duplicateId } from './duplicate-id.js';
import { rule as syntax } from './syntax.js';
import { rule as invalidValue } from './invalid-value.js';
import { rule as unknownField } from './unknown-field.js';
import { rule as parentCycle } from './parent-cycle.js';
import { rule as prdLink } from './prd-link.js';
import { rule as objectiveInitiatives } from './objective-initiatives.js';
import { rule as objectiveMetric } from './objective-metric.js';
import { rule as metricTarget } from './metric-target.js';
import { rule as metricBalance } from './metric-balance.js';
import { rule as focusLimit } from './focus-limit.js';
import { rule as ownerLoad } from './owner-load.js';
import { rule as unknownOwner } from './unknown-owner.js';
import { rule as schedule } from './schedule.js';
import { rule as droppedLink } from './dropped-link.js';
import { rule as placeholderValue } from './placeholder-value.js';
import { rule as templateSchema } from './template-schema.js';
import { rule as requiredSection } from './required-section.js';
import { rule as metricPace } from './metric-pace.js';
import { rule as staleUpdate } from './stale-update.js';
import { rule as allocation } from './allocation.js';
import { rule as dependencyOrder } from './dependency-order.js';
import { rule as milestoneSchedule } from './milestone-schedule.js';
import { rule as krCount } from './kr-count.js';
import { rule as perspectiveCoverage } from './perspective-coverage.js';
import type { Rule } from './rule.js';
import { RULE_IDS } from './ruleIds.js';

/** Every rule, in SPEC §6 order. Adding a rule: one module, one docs page, one test file, one line here. */
export const RULES: readonly Rule[] = [
  initiativeObjective, initiativeOwner, initiativeMetric, unresolvedReference, kindMismatch, duplicateId, syntax, invalidValue, unknownField, parentCycle, prdLink, objectiveInitiatives, objectiveMetric, metricTarget, metricBalance, focusLimit, ownerLoad, unknownOwner, schedule, droppedLink, placeholderValue, templateSchema, requiredSection,
  metricPace, staleUpdate, allocation, dependencyOrder, milestoneSchedule, krCount, perspectiveCoverage,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));

if (RULES.length !== RULE_IDS.length) throw new Error('rule registry and RULE_IDS disagree');
