import type { Entity } from '../model/entity.js';
import { enumValue, fieldScalar, isActiveObjective } from '../model/semantics.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { docsUrl, type Rule } from './rule.js';
import { receivedBy } from './healthFacts.js';
import { focusPeriod, topLevelObjectivesByPeriod } from './focus-limit.js';
import { byIdThenPlace, versionMemo } from './workspaceFacts.js';
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
        related: [{ file: outspent.file, span: fieldScalar(outspent, 'priority')?.span ?? outspent.anchor, message: `'${outspent.id}' is ${PRIORITY_NAMES[priorityRank(outspent)!]} with ${round(other)} ${unit}` }],
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

/**
 * Of the period's objectives with a priority above `rank`, the one receiving the least effort
 * (ties: by id and place). Computed once per period and index version: for each rank, its least
 * funded objective, then the least of the ranks above.
 */
function leastFundedAbove(index: WorkspaceIndex, period: string, rank: number, fiscalYearStart: number): Entity | undefined {
  const memo = versionMemo<string, (Entity | undefined)[]>(index, 'allocation:least-funded');
  let least = memo.get(period);
  if (!least) {
    least = [undefined, undefined, undefined, undefined];
    for (const objective of topLevelObjectivesByPeriod(index, fiscalYearStart).get(period) ?? []) {
      const r = priorityRank(objective);
      if (r === undefined) continue;
      const best = least[r];
      if (!best || lessFunded(index, objective, best)) least[r] = objective;
    }
    memo.set(period, least);
  }
  let found: Entity | undefined;
  for (let r = 0; r < rank; r++) {
    const candidate = least[r];
    if (candidate && (!found || lessFunded(index, candidate, found))) found = candidate;
  }
  return found;
}

function lessFunded(index: WorkspaceIndex, a: Entity, b: Entity): boolean {
  const ea = receivedBy(index, a).effort;
  const eb = receivedBy(index, b).effort;
  return ea < eb || (ea === eb && byIdThenPlace(a, b) < 0);
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}
