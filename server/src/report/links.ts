import type { Entity, EntityKind } from '../model/entity.js';
import { enumValue } from '../model/semantics.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';

/**
 * How the report follows links, with the rules' reading of them: a reference counts when it
 * resolves to an entity of the expected kind (nesting links included; every declaration of a
 * duplicated id), so the report's orphans are the entities the link rules report.
 */
export function linked(entity: Entity, field: string, kind: EntityKind, index: WorkspaceIndex): Entity[] {
  const found: Entity[] = [];
  for (const ref of entity.refs) {
    if (ref.field !== field) continue;
    for (const target of index.resolve(ref)) if (target.kind === kind && target !== entity && !found.includes(target)) found.push(target);
  }
  return found;
}

/**
 * Closes `direct` upwards along `parent` links, as `objective-initiatives` and `objective-metric`
 * do: an objective is covered when it or one of its (non-dropped) descendants is.
 */
export function coveredUpwards(direct: Iterable<Entity>, parentsOf: (objective: Entity) => readonly Entity[]): Set<Entity> {
  const covered = new Set(direct);
  const queue = [...covered];
  while (queue.length) {
    const child = queue.pop()!;
    if (enumValue(child, 'status') === 'dropped') continue;
    for (const parent of parentsOf(child)) {
      if (covered.has(parent)) continue;
      covered.add(parent);
      queue.push(parent);
    }
  }
  return covered;
}

/** A declared owner, or a handle (`@x`, `x`, `[[x]]`) that no file declares. */
export type OwnerKey = { declared: Entity } | { handle: string };

/** The owners an entity's `owner` field names; links that resolve to no owner name nobody. */
export function ownersOf(entity: Entity, index: WorkspaceIndex): OwnerKey[] {
  const owners: OwnerKey[] = [];
  for (const ref of entity.refs) {
    if (ref.field !== 'owner') continue;
    const declared = index.resolve(ref).filter((e) => e.kind === 'owner');
    if (declared.length) owners.push(...declared.map((d) => ({ declared: d })));
    else if ((ref.form === 'id' || ref.form === 'wiki') && ref.id) owners.push({ handle: ref.id });
  }
  return owners;
}

export function ownerHandle(key: OwnerKey): string {
  return `@${'declared' in key ? key.declared.id : key.handle}`;
}

/** Document order: by file, then position, so the report reads like the sources. */
export function byPlace(a: Entity, b: Entity): number {
  return a.file.localeCompare(b.file) || a.anchor.start - b.anchor.start;
}
