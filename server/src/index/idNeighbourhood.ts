import type { Entity, EntityKind } from '../model/entity.js';
import { partitionPoint } from './partitionPoint.js';
import { SortedNames, type NearName } from './sortedNames.js';
import type { FileChange, WorkspaceIndex } from './workspaceIndex.js';

/**
 * The declared ids of one kind, searchable by edit distance ("did you mean …?") and by equality
 * without case, so a near-miss costs the ids that are near it, not every id of the workspace.
 * Both are sorted arrays of the ids (the entities' own strings): one slot per id each.
 */
export class IdNeighbourhood {
  private readonly names: SortedNames;
  /**
   * The distinct ids in caseOrder (a case-only difference is the likeliest slip, §10.6): ids equal
   * but for case are side by side, found without a lower-cased copy of each id.
   */
  private readonly byLowerCase: string[];

  /** The neighbourhood of `ids` (one per declaration: several entities may declare one id). */
  constructor(ids: Iterable<string> = []) {
    this.names = new SortedNames([...ids].filter(Boolean));
    this.byLowerCase = [...this.names].map((id) => [id.toLowerCase(), id] as const).sort(([a, idA], [b, idB]) => byCodeUnits(a, b) || byCodeUnits(idA, idB)).map(([, id]) => id);
  }

  /** One more declaration of `id`. */
  add(id: string): void {
    if (!id || !this.names.add(id)) return;
    this.byLowerCase.splice(caseInsertionPoint(this.byLowerCase, id), 0, id);
  }

  /** One declaration of `id` fewer; the id leaves with its last declaration. */
  remove(id: string): void {
    if (!id || !this.names.remove(id)) return;
    this.byLowerCase.splice(caseInsertionPoint(this.byLowerCase, id), 1);
  }

  /** Ids within `maxDistance` edits of `query` (itself included when declared), in no particular order. */
  within(query: string, maxDistance: number): NearName[] {
    return this.names.within(query, maxDistance);
  }

  /** Ids equal to `query` but for case (itself included when declared), in caseOrder. */
  sameButCase(query: string): readonly string[] {
    const lower = query.toLowerCase();
    const ids = this.byLowerCase;
    const low = partitionPoint(ids.length, (i) => ids[i]!.toLowerCase() < lower);
    const found: string[] = [];
    for (let i = low; i < ids.length && ids[i]!.toLowerCase() === lower; i++) found.push(ids[i]!);
    return found;
  }

  get size(): number {
    return this.names.count;
  }
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ids by their lower-case form, then by code units (a total order: no two distinct ids tie). */
function caseOrder(a: string, b: string): number {
  return byCodeUnits(a.toLowerCase(), b.toLowerCase()) || byCodeUnits(a, b);
}

/** Where `id` is, or would go, among `ids` (in caseOrder). */
function caseInsertionPoint(ids: readonly string[], id: string): number {
  return partitionPoint(ids.length, (i) => caseOrder(ids[i]!, id) < 0);
}

/** The ids declared of one kind among `entities` (one per declaration). */
function idsIn(entities: Iterable<Entity>, kind: EntityKind): string[] {
  const ids: string[] = [];
  for (const entity of entities) if (entity.kind === kind && entity.id) ids.push(entity.id);
  return ids;
}

/**
 * The neighbourhood of `kind`'s ids, kept current file by file (WorkspaceIndex.maintain): the
 * first query builds it, later edits each cost the ids they change. An edit replaces its file (a
 * removal, then an addition): the ids removed wait for the file's addition and only those that
 * differ move in the sorted arrays (each move shifts them), so a keystroke in a file declaring
 * hundreds of ids moves none.
 */
export function idNeighbourhood(index: WorkspaceIndex, kind: EntityKind): IdNeighbourhood {
  const state = index.maintain(
    `id-neighbourhood:${kind}`,
    () => ({ ids: new IdNeighbourhood(idsIn(index.entitiesOfKind(kind), kind)), removed: new Map<string, string[]>() }),
    (value, change: FileChange) => {
      if (change.before) value.removed.set(change.before.path, idsIn(change.before.entities, kind));
      if (!change.after) return;
      const before = value.removed.get(change.after.path) ?? [];
      value.removed.delete(change.after.path);
      const after = idsIn(change.after.entities, kind);
      const left = new Map<string, number>();
      for (const id of before) left.set(id, (left.get(id) ?? 0) + 1);
      for (const id of after) {
        const count = left.get(id) ?? 0;
        if (count > 0) left.set(id, count - 1);
        else value.ids.add(id);
      }
      for (const [id, count] of left) for (let i = 0; i < count; i++) value.ids.remove(id);
    },
  );
  // A file removed and not added back took its ids away.
  if (state.removed.size) {
    for (const ids of state.removed.values()) for (const id of ids) state.ids.remove(id);
    state.removed.clear();
  }
  return state.ids;
}
