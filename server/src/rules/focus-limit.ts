import type { Entity } from '../model/entity.js';
import { fieldScalar, fieldText, isActiveObjective, parsePeriod } from '../model/semantics.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { docsUrl, type Rule } from './rule.js';
import { entitiesOf } from './support.js';

const DEFAULT_MAX = 5;

/**
 * Too many top-level objectives in one period means no focus: effort spreads thin and nothing gets
 * finished. Objectives are grouped by normalised period (§10.4: `FY27` ≡ `FY2027`, a year does not
 * absorb its halves or quarters); child objectives (with a `parent`) refine a top-level one and do not count.
 */
export const rule: Rule = {
  meta: {
    id: 'focus-limit',
    description: 'More active top-level objectives in one period than the limit',
    defaultSeverity: 'warning',
    fixable: false,
    docsUrl: docsUrl('focus-limit'),
    optionsSchema: {
      type: 'object',
      properties: { max: { type: 'integer', minimum: 1, description: 'Most active top-level objectives allowed in one period.' } },
      additionalProperties: false,
    },
    defaultOptions: { max: DEFAULT_MAX },
  },
  check({ file, index, options, settings, report }) {
    const fy = settings.fiscalYearStart;
    const mine = entitiesOf(file.entities, 'objective').filter((o) => focusPeriod(o, fy) !== undefined);
    if (!mine.length) return;
    const max = positiveInteger(options.max) ?? DEFAULT_MAX;
    const byPeriod = topLevelObjectivesByPeriod(index, fy);
    for (const objective of mine) {
      const key = focusPeriod(objective, fy)!;
      const count = byPeriod.get(key)?.size ?? 0;
      if (count <= max) continue;
      // The finding names only the period and the count (no list of the others), so it changes only
      // when that count does: editing one objective's title does not re-check the whole period.
      report({
        span: objective.anchor,
        message:
          `${count} active top-level objectives in period ${key}, more than the limit of ${max}: focus is spread too thin. ` +
          `Merge or drop objectives, make some children of another (\`parent:\`), or move them to another period.`,
      });
    }
  },
};

/**
 * The normalised period an objective counts in, or undefined when it does not count: it is not
 * active, has a `parent` (written, even if broken: that is reported elsewhere) or no valid period.
 * The engine uses it too, to re-check a period's files only when its count changes.
 */
export function focusPeriod(objective: Entity, fiscalYearStart: number): string | undefined {
  if (!isActiveObjective(objective) || fieldText(objective, 'parent') !== undefined) return undefined;
  return parsePeriod(fieldScalar(objective, 'period')?.value, fiscalYearStart)?.key;
}

/**
 * The objectives that count in each period, kept current file by file (index.maintain): an edit
 * costs the edited file's objectives, not a sweep of every objective in the workspace.
 * The engine uses it too, to find the files of a period whose count changed.
 */
export function topLevelObjectivesByPeriod(index: WorkspaceIndex, fiscalYearStart: number): ReadonlyMap<string, ReadonlySet<Entity>> {
  const add = (byPeriod: Map<string, Set<Entity>>, entities: Iterable<Entity>) => {
    for (const objective of entities) {
      const key = objective.kind === 'objective' ? focusPeriod(objective, fiscalYearStart) : undefined;
      if (key === undefined) continue;
      let members = byPeriod.get(key);
      if (!members) byPeriod.set(key, (members = new Set()));
      members.add(objective);
    }
  };
  return index.maintain(
    `focus-limit:by-period:${fiscalYearStart}`,
    () => {
      const byPeriod = new Map<string, Set<Entity>>();
      add(byPeriod, index.entitiesOfKind('objective'));
      return byPeriod;
    },
    (byPeriod, { before, after }) => {
      for (const objective of before?.entities ?? []) {
        const key = objective.kind === 'objective' ? focusPeriod(objective, fiscalYearStart) : undefined;
        const members = key === undefined ? undefined : byPeriod.get(key);
        if (!members) continue;
        members.delete(objective);
        if (!members.size) byPeriod.delete(key!);
      }
      add(byPeriod, after?.entities ?? []);
    },
  );
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}
