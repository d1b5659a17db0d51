import type { Entity, EntityKind } from '../model/entity.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { requiredFieldState } from '../rules/support.js';
import { ENTITY_KINDS } from '../model/kinds.js';

/**
 * Who links to whom, as the editor features show it (hover, code lens, Strategy view).
 * Implicit links (an initiative nested under an objective) count like written ones.
 */

/** Entities of `kind` whose `field` references resolve to `target`, in declaration order. */
export function linkedFrom(target: Entity, kind: EntityKind, field: string, index: WorkspaceIndex): Entity[] {
  const found: Entity[] = [];
  for (const { ref, from } of index.incoming(target)) {
    if (from.kind === kind && ref.field === field && !found.includes(from)) found.push(from);
  }
  return found.sort(byPlace);
}

/** Entities of `kind` that `entity`'s `field` references resolve to. */
export function linkedTo(entity: Entity, field: string, kind: EntityKind, index: WorkspaceIndex): Entity[] {
  const found: Entity[] = [];
  for (const ref of entity.refs) {
    if (ref.field !== field) continue;
    for (const target of index.resolve(ref)) if (target.kind === kind && !found.includes(target)) found.push(target);
  }
  return found;
}

export const initiativesOf = (objective: Entity, index: WorkspaceIndex) => linkedFrom(objective, 'initiative', 'objective', index);
export const metricsMeasuring = (objective: Entity, index: WorkspaceIndex) => linkedFrom(objective, 'metric', 'objective', index);
export const childObjectivesOf = (objective: Entity, index: WorkspaceIndex) => linkedFrom(objective, 'objective', 'parent', index);

/**
 * Why an initiative is an orphan (SPEC §1): no owner, no objective or no metric. A written link that
 * resolves to nothing of the right kind leaves the initiative as unaligned as a missing one.
 */
export function orphanReasons(initiative: Entity, index: WorkspaceIndex): string[] {
  if (initiative.kind !== 'initiative') return [];
  const reasons: string[] = [];
  if (requiredFieldState(initiative, 'owner').state !== 'present') reasons.push('no owner');
  if (!linkedTo(initiative, 'objective', 'objective', index).length) reasons.push('no objective');
  if (!linkedTo(initiative, 'metrics', 'metric', index).length) reasons.push('no metric');
  return reasons;
}

/** Counts of what links to an entity, by kind of the linking entity: "2 initiatives, 1 prd". */
export function incomingCounts(entity: Entity, index: WorkspaceIndex): Map<EntityKind, number> {
  const seen = new Set<Entity>();
  const counts = new Map<EntityKind, number>();
  for (const { from } of index.incoming(entity)) {
    if (seen.has(from) || from === entity) continue;
    seen.add(from);
    counts.set(from.kind, (counts.get(from.kind) ?? 0) + 1);
  }
  return new Map(ENTITY_KINDS.filter((k) => counts.has(k)).map((k) => [k, counts.get(k)!]));
}

export function plural(count: number, word: string): string {
  const singular = word === 'prd' ? 'PRD' : word;
  if (count === 1) return `1 ${singular}`;
  return `${count} ${singular.endsWith('y') ? `${singular.slice(0, -1)}ies` : `${singular}s`}`;
}

export function byPlace(a: Entity, b: Entity): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.anchor.start - b.anchor.start;
}
