import type { Entity } from '../model/entity.js';
import { fieldScalar, fieldText, isActiveObjective, parsePeriod } from '../model/semantics.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { docsUrl, type Rule } from './rule.js';
import { byIdThenPlace } from './workspaceFacts.js';
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
    const mine = entitiesOf(file.entities, 'objective').filter(isTopLevelActive);
    if (!mine.length) return;
    const max = positiveInteger(options.max) ?? DEFAULT_MAX;
    const fy = settings.fiscalYearStart;
    const byPeriod = index.derive(`focus-limit:periods:${fy}`, () => topLevelObjectivesByPeriod(index, fy));
    for (const objective of mine) {
      const key = periodKey(objective, fy);
      const group = key === undefined ? undefined : byPeriod.get(key);
      if (!group || group.length <= max) continue;
      report({
        span: objective.anchor,
        message:
          `${group.length} active top-level objectives in period ${key}, more than the limit of ${max}: focus is spread too thin. ` +
          `Merge or drop objectives, make some children of another (\`parent:\`), or move them to another period.`,
        related: group.filter((o) => o !== objective).map((o) => ({ file: o.file, span: o.anchor, message: `also in ${key}: objective '${o.id}'` })),
      });
    }
  },
};

function isTopLevelActive(objective: Entity): boolean {
  // A written `parent` makes an objective a child even if the reference is broken (that is reported elsewhere).
  return isActiveObjective(objective) && fieldText(objective, 'parent') === undefined;
}

function periodKey(objective: Entity, fiscalYearStart: number): string | undefined {
  return parsePeriod(fieldScalar(objective, 'period')?.value, fiscalYearStart)?.key;
}

function topLevelObjectivesByPeriod(index: WorkspaceIndex, fiscalYearStart: number): Map<string, Entity[]> {
  const byPeriod = new Map<string, Entity[]>();
  for (const objective of index.entitiesOfKind('objective')) {
    if (!isTopLevelActive(objective)) continue;
    const key = periodKey(objective, fiscalYearStart);
    if (key === undefined) continue;
    const group = byPeriod.get(key);
    if (group) group.push(objective);
    else byPeriod.set(key, [objective]);
  }
  for (const group of byPeriod.values()) group.sort(byIdThenPlace);
  return byPeriod;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}
