import type { Entity, EntityKind } from '../model/entity.js';
import { enumValue } from '../model/semantics.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';

/**
 * Workspace-wide facts shared by the rules that look across files (the objective tree, loads).
 * Callers memoise them with index.derive, so linting 10k files walks the workspace once per index version.
 */

/** Objectives that `entity`'s references in `field` resolve to (every declaration of a duplicated id). */
export function referencedObjectives(entity: Entity, field: 'objective' | 'parent', index: WorkspaceIndex): Entity[] {
  const targets: Entity[] = [];
  for (const ref of entity.refs) {
    if (ref.field !== field) continue;
    for (const target of index.resolve(ref)) if (target.kind === 'objective' && !targets.includes(target)) targets.push(target);
  }
  return targets;
}

/**
 * Objectives linked (explicitly or by nesting) from at least one entity of `kind` that `counts`.
 * `objective-initiatives` passes initiatives that are not dropped; `objective-metric` every metric.
 */
export function objectivesLinkedFrom(index: WorkspaceIndex, kind: EntityKind, counts: (entity: Entity) => boolean = () => true): Set<Entity> {
  const linked = new Set<Entity>();
  for (const entity of index.entitiesOfKind(kind)) {
    if (!counts(entity)) continue;
    for (const objective of referencedObjectives(entity, 'objective', index)) linked.add(objective);
  }
  return linked;
}

/**
 * Closes `direct` upwards along `parent` links: an objective is covered when it is directly, or when
 * one of its child objectives is (transitively). A dropped child carries nothing up to its parent:
 * its work no longer serves the parent. The walk visits each objective once, so cycles terminate.
 */
export function coveredThroughChildren(direct: ReadonlySet<Entity>, index: WorkspaceIndex): Set<Entity> {
  const covered = new Set(direct);
  const queue = [...direct];
  while (queue.length) {
    const child = queue.pop()!;
    if (enumValue(child, 'status') === 'dropped') continue;
    for (const parent of referencedObjectives(child, 'parent', index)) {
      if (covered.has(parent)) continue;
      covered.add(parent);
      queue.push(parent);
    }
  }
  return covered;
}

/** Stable order whatever order files were loaded in, so messages do not change with unrelated edits. */
export function byIdThenPlace(a: Entity, b: Entity): number {
  return a.id.localeCompare(b.id) || a.file.localeCompare(b.file) || a.anchor.start - b.anchor.start;
}
