import type { Entity, EntityKind } from '../model/entity.js';
import { enumValue } from '../model/semantics.js';
import { partitionPoint } from '../index/partitionPoint.js';
import type { IncomingReference, WorkspaceIndex } from '../index/workspaceIndex.js';

/**
 * Workspace facts shared by the rules that look across files, shaped so that a keystroke costs what
 * it touches, not the workspace:
 * - queries about one entity (what links to it, whether an objective is covered through its
 *   children), answered from its incoming references and memoised until the index next changes, so
 *   a full run still visits each entity about once;
 * - lists kept current file by file with index.maintain (the ids of a kind in order);
 * - the best few candidates for a fix, picked in one pass instead of sorting a whole kind.
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
    const entries = index.incoming(target, accept);
    // Asked of each objective for each kind and field (77k times at 10k heavy documents, 5 entries on
    // average): a short list is made unique without a Set and two more arrays.
    if (entries.length > 16) linked = [...new Set(entries.map((entry) => entry.from))];
    else {
      linked = [];
      for (const { from } of entries) if (!linked.includes(from)) linked.push(from);
    }
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

/** Ids in the order candidates are offered in: alphabetical as people read it, then by code unit so the order is total. */
export function compareIds(a: string, b: string): number {
  return a.localeCompare(b) || (a < b ? -1 : a > b ? 1 : 0);
}

interface IdsInOrder {
  /** Declarations per id, so an id leaves the list with its last declaration. */
  counts: Map<string, number>;
  ids: string[];
}

/**
 * The distinct ids of one kind in compareIds order, kept current file by file (index.maintain):
 * rules that offer "the first few other ids" read them from the front instead of sorting the kind.
 */
export function idsInOrder(index: WorkspaceIndex, kind: EntityKind): readonly string[] {
  const change = (value: IdsInOrder, entities: readonly Entity[], delta: 1 | -1) => {
    for (const entity of entities) {
      if (entity.kind !== kind || !entity.id) continue;
      const count = (value.counts.get(entity.id) ?? 0) + delta;
      if (count > 0) value.counts.set(entity.id, count);
      else value.counts.delete(entity.id);
      if (count === 1 && delta === 1) value.ids.splice(insertionPoint(value.ids, entity.id), 0, entity.id);
      if (count === 0) value.ids.splice(insertionPoint(value.ids, entity.id), 1);
    }
  };
  return index.maintain<IdsInOrder>(
    `facts:ids-in-order:${kind}`,
    () => {
      const counts = new Map<string, number>();
      for (const entity of index.entitiesOfKind(kind)) if (entity.id) counts.set(entity.id, (counts.get(entity.id) ?? 0) + 1);
      return { counts, ids: [...counts.keys()].sort(compareIds) };
    },
    (value, { before, after }) => {
      if (before) change(value, before.entities, -1);
      if (after) change(value, after.entities, 1);
    },
  ).ids;
}

/** Where `id` is, or would go, in a list in compareIds order. */
function insertionPoint(ids: readonly string[], id: string): number {
  return partitionPoint(ids.length, (i) => compareIds(ids[i]!, id) < 0);
}

/**
 * Up to `count` distinct ids of `kind`, best first, as sorting every entity of the kind by
 * (tier, id) would rank them, without that sort: first the ids of each preferred group in turn,
 * then the remaining ids in id order, tier by tier (`restTiers` tells the tiers apart; an id that
 * none accepts is left out). Each group is small (an objective's metrics, one file's entities).
 */
export function firstIds(
  index: WorkspaceIndex,
  kind: EntityKind,
  count: number,
  groups: readonly (readonly Entity[])[],
  restTiers: readonly ((id: string) => boolean)[] = [() => true],
): string[] {
  const picked: string[] = [];
  const seen = new Set<string>();
  for (const group of groups) {
    for (const id of [...new Set(group.filter((e) => e.kind === kind && e.id).map((e) => e.id))].sort(compareIds)) {
      if (seen.has(id)) continue;
      seen.add(id);
      picked.push(id);
      if (picked.length === count) return picked;
    }
  }
  const needed = count - picked.length;
  const tiers = restTiers.map((): string[] => []);
  for (const id of idsInOrder(index, kind)) {
    if (seen.has(id)) continue;
    const tier = restTiers.findIndex((accepts) => accepts(id));
    if (tier === -1 || tiers[tier]!.length === needed) continue;
    tiers[tier]!.push(id);
    // The first tier is full: no later id can come before any of these.
    if (tiers[0]!.length === needed) break;
  }
  return [...picked, ...tiers.flat()].slice(0, count);
}

/**
 * The `count` best distinct ids offered, lower rank first (ties by compareIds): what sorting every
 * offer and keeping each id's best would give, in one pass with no sort. An id offered again keeps
 * its better rank, and on a tie its first value. A finding's candidates must not cost a sort of its kind.
 */
export class BestIds<T> {
  private readonly best: { id: string; rank: number; value: T }[] = [];

  constructor(private readonly count: number) {}

  offer(id: string, rank: number, value: T): void {
    const best = this.best;
    const worst = best[best.length - 1];
    if (best.length === this.count && worst && !comesBefore(rank, id, worst)) return;
    const known = best.findIndex((b) => b.id === id);
    if (known !== -1) {
      if (rank >= best[known]!.rank) return;
      best.splice(known, 1);
    }
    let at = best.length;
    while (at > 0 && comesBefore(rank, id, best[at - 1]!)) at--;
    best.splice(at, 0, { id, rank, value });
    if (best.length > this.count) best.pop();
  }

  /** The rank an offer must reach (a tie wins on id) to be kept, once `count` ids are held; undefined before: any offer is kept. */
  threshold(): number | undefined {
    return this.best.length === this.count ? this.best[this.best.length - 1]!.rank : undefined;
  }

  values(): T[] {
    return this.best.map((b) => b.value);
  }
}

/** Whether an offer of `rank` for `id` comes before `other` in BestIds' order (a tie goes by id). */
export function comesBefore(rank: number, id: string, other: { id: string; rank: number }): boolean {
  return rank < other.rank || (rank === other.rank && compareIds(id, other.id) < 0);
}

/** Stable order whatever order files were loaded in, so messages do not change with unrelated edits. */
export function byIdThenPlace(a: Entity, b: Entity): number {
  return a.id.localeCompare(b.id) || a.file.localeCompare(b.file) || a.anchor.start - b.anchor.start;
}
