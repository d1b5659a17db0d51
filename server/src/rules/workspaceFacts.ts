import type { Entity, EntityKind } from '../model/entity.js';
import { enumValue } from '../model/semantics.js';
import type { IncomingReference, WorkspaceIndex } from '../index/workspaceIndex.js';

/**
 * Facts about the objective tree shared by the rules that look across files. Each is a query about
 * one entity, answered from its incoming references and memoised until the index next changes: a
 * keystroke costs the entities of the re-checked files (and what they reach), not the workspace,
 * while a full run still visits each entity about once.
 */

/** A memo that lives until the index next changes, filled only for what is asked. */
export function versionMemo<K, V>(index: WorkspaceIndex, key: string): Map<K, V> {
  return index.derive(key, () => new Map<K, V>());
}

/** Entities of `kind` that link to `target` through `field` (written or implied by nesting), each once. */
export function linkedFrom(index: WorkspaceIndex, target: Entity, kind: EntityKind, field: string): Entity[] {
  const memo = versionMemo<string, Map<Entity, Entity[]>>(index, 'facts:linked-from');
  const key = `${kind} ${field}`;
  let byTarget = memo.get(key);
  if (!byTarget) memo.set(key, (byTarget = new Map()));
  let linked = byTarget.get(target);
  if (!linked) {
    const accept = (entry: IncomingReference) => entry.from.kind === kind && entry.ref.field === field;
    linked = [...new Set(index.incoming(target, accept).map((entry) => entry.from))];
    byTarget.set(target, linked);
  }
  return linked;
}

/** Objectives whose `parent` resolves to `objective`. */
export function childObjectives(index: WorkspaceIndex, objective: Entity): Entity[] {
  return linkedFrom(index, objective, 'objective', 'parent');
}

/**
 * Whether `objective` is covered: `direct` holds for it, or for one of its child objectives,
 * transitively. A dropped child carries nothing up to its parent: its work no longer serves the
 * parent. `memoKey` names the memo of one kind of coverage (one `direct`).
 *
 * The search walks down `parent` links from the objective. A search that finds a covered objective
 * marks the path to it covered; one that finds none has seen everything below the objective, so it
 * marks all it visited uncovered. Either way no objective is searched twice per index version, and
 * cycles terminate because each objective is visited once.
 */
export function coveredThroughChildren(index: WorkspaceIndex, objective: Entity, memoKey: string, direct: (objective: Entity) => boolean): boolean {
  const memo = versionMemo<Entity, boolean>(index, memoKey);
  const known = memo.get(objective);
  if (known !== undefined) return known;
  const cameFrom = new Map<Entity, Entity | undefined>([[objective, undefined]]);
  const stack = [objective];
  while (stack.length) {
    const node = stack.pop()!;
    const state = memo.get(node);
    if (state === false) continue;
    if (state === true || direct(node)) {
      for (let at: Entity | undefined = node; at; at = cameFrom.get(at)) memo.set(at, true);
      return true;
    }
    for (const child of childObjectives(index, node)) {
      if (cameFrom.has(child) || enumValue(child, 'status') === 'dropped') continue;
      cameFrom.set(child, node);
      stack.push(child);
    }
  }
  for (const node of cameFrom.keys()) memo.set(node, false);
  return false;
}

/** Stable order whatever order files were loaded in, so messages do not change with unrelated edits. */
export function byIdThenPlace(a: Entity, b: Entity): number {
  return a.id.localeCompare(b.id) || a.file.localeCompare(b.file) || a.anchor.start - b.anchor.start;
}
