import type { Entity } from '../model/entity.js';
import { enumValue, fieldScalar, isActiveObjective } from '../model/semantics.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { docsUrl, type Rule } from './rule.js';
import { findDeclared, receivedBy, untilHealthChanges } from './healthFacts.js';
import { focusPeriod, topLevelObjectivesByPeriod } from './focus-limit.js';
import { describe, entitiesOf } from './support.js';
import { capitalise } from '../text/capitalise.js';

/**
 * Resources against priorities: effort should go to what matters most. In one period (the
 * top-level objectives focus-limit counts), an objective that receives more `effort` than one of
 * higher `priority` is reported; so is a P0 objective all of whose initiatives are only `proposed`
 * (its top priority has nobody working on it). Effort rolls up from child objectives.
 */
export const rule: Rule = {
  meta: {
    id: 'allocation',
    description: 'Lower-priority objective receiving more effort than a higher-priority one; P0 objective with only proposed initiatives',
    defaultSeverity: 'warning',
    fixable: false,
    docsUrl: docsUrl('allocation'),
  },
  check({ file, index, settings, report }) {
    const fy = settings.fiscalYearStart;
    for (const objective of entitiesOf(file.entities, 'objective')) {
      const rank = priorityRank(objective);
      if (rank === undefined || !isActiveObjective(objective)) continue;
      const priority = fieldScalar(objective, 'priority')!;
      const received = receivedBy(index, objective);
      if (rank === 0 && received.initiatives.length && received.initiatives.every((i) => enumValue(i, 'status') === 'proposed')) {
        report({
          span: priority.span,
          message:
            `${capitalise(describe(objective))} is P0, yet all ${received.initiatives.length} of its initiatives are only \`proposed\`: nobody is working on the top priority. ` +
            `Plan at least one of them (\`status: planned\`) with an owner and effort, or lower the priority.`,
          related: received.initiatives.map((i) => ({ file: i.file, span: i.anchor, message: `proposed initiative '${i.id}'` })),
        });
      }
      const period = focusPeriod(objective, fy);
      if (period === undefined || received.effort <= 0) continue;
      const outspent = leastFundedAbove(index, period, rank, fy);
      if (!outspent || receivedBy(index, outspent).effort >= received.effort) continue;
      const other = receivedBy(index, outspent).effort;
      const unit = settings.effortUnit;
      report({
        span: priority.span,
        message:
          `${capitalise(describe(objective))} (${PRIORITY_NAMES[rank]}) receives ${round(received.effort)} ${unit} of effort in ${period}, more than the higher-priority '${outspent.id}' ` +
          `(${PRIORITY_NAMES[priorityRank(outspent)!]}, ${round(other)} ${unit}). Move effort to the higher priority, or revisit the priorities.`,
        // No related place in the other objective's file: this file is not re-checked when that one's text moves.
      });
    }
  },
};

const PRIORITY_NAMES = ['P0', 'P1', 'P2', 'P3'];

/** 0 for P0 … 3 for P3; undefined without a valid priority. */
export function priorityRank(objective: Entity): number | undefined {
  const priority = fieldScalar(objective, 'priority') ? enumValue(objective, 'priority') : undefined;
  return priority ? PRIORITY_NAMES.indexOf(priority) : undefined;
}

/** What allocation keeps of an objective in a period's summary: enough to find it again and compare. */
interface Funded {
  id: string;
  file: string;
  start: number;
  effort: number;
}

/**
 * Of the period's objectives with a priority above `rank`, the one receiving the least effort
 * (ties: by id and place), found again in the index so its spans are current. Per period, the
 * least funded objective of each priority is kept until healthEpoch moves (effort depends only on
 * the fields healthSignature lists).
 */
function leastFundedAbove(index: WorkspaceIndex, period: string, rank: number, fiscalYearStart: number): Entity | undefined {
  const least = untilHealthChanges(index, `allocation ${fiscalYearStart} ${period}`, () => {
    const least: (Funded | undefined)[] = [undefined, undefined, undefined, undefined];
    for (const objective of topLevelObjectivesByPeriod(index, fiscalYearStart).get(period) ?? []) {
      const r = priorityRank(objective);
      if (r === undefined) continue;
      const funded = { id: objective.id, file: objective.file, start: objective.anchor.start, effort: receivedBy(index, objective).effort };
      const best = least[r];
      if (!best || lessFunded(funded, best)) least[r] = funded;
    }
    return least;
  });
  let found: Funded | undefined;
  for (let r = 0; r < rank; r++) {
    const candidate = least[r];
    if (candidate && (!found || lessFunded(candidate, found))) found = candidate;
  }
  if (!found) return undefined;
  return findDeclared(index, 'objective', found.id, found.file);
}

function lessFunded(a: Funded, b: Funded): boolean {
  return a.effort < b.effort || (a.effort === b.effort && (a.id.localeCompare(b.id) || a.file.localeCompare(b.file) || a.start - b.start) < 0);
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}
