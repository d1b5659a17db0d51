import type { EntityKind } from '../model/entity.js';
import { HashedMultimap } from './hashedMultimap.js';
import { NameTrie, type NearName } from './nameTrie.js';
import type { FileChange, WorkspaceIndex } from './workspaceIndex.js';

/**
 * The declared ids of one kind, searchable by edit distance ("did you mean …?") and by equality
 * without case, so a near-miss costs the ids that are near it, not every id of the workspace.
 */
export class IdNeighbourhood {
  private readonly trie = new NameTrie();
  /**
   * Ids by their lower-case form (a case-only difference is the likeliest slip, §10.6), without a
   * lower-cased copy of each id (HashedMultimap).
   */
  private readonly byLowerCase = new HashedMultimap<string>((id) => id.toLowerCase());

  /** One more declaration of `id` (several entities may declare one id). */
  add(id: string): void {
    if (!id || !this.trie.add(id)) return;
    this.byLowerCase.add(id);
  }

  /** One declaration of `id` fewer; the id leaves with its last declaration. */
  remove(id: string): void {
    if (!id || !this.trie.remove(id)) return;
    this.byLowerCase.delete(id);
  }

  /** Ids within `maxDistance` edits of `query` (itself included when declared), in no particular order. */
  within(query: string, maxDistance: number): NearName[] {
    return this.trie.within(query, maxDistance);
  }

  /** Ids equal to `query` but for case (itself included when declared). */
  sameButCase(query: string): readonly string[] {
    return this.byLowerCase.get(query.toLowerCase());
  }

  get size(): number {
    return this.trie.count;
  }
}

/**
 * The neighbourhood of `kind`'s ids, kept current file by file (WorkspaceIndex.maintain): the
 * first query builds it, later edits each cost their own entities.
 */
export function idNeighbourhood(index: WorkspaceIndex, kind: EntityKind): IdNeighbourhood {
  return index.maintain(
    `id-neighbourhood:${kind}`,
    () => {
      const ids = new IdNeighbourhood();
      for (const entity of index.entitiesOfKind(kind)) ids.add(entity.id);
      return ids;
    },
    (ids, change: FileChange) => {
      for (const entity of change.before?.entities ?? []) if (entity.kind === kind) ids.remove(entity.id);
      for (const entity of change.after?.entities ?? []) if (entity.kind === kind) ids.add(entity.id);
    },
  );
}
