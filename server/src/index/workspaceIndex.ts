import type { Entity, EntityKind, Reference } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import { IndexedReference } from '../model/indexed.js';
import { partitionPoint } from './partitionPoint.js';

/** A reference together with the entity that wrote it. */
export interface IncomingReference {
  ref: Reference;
  from: Entity;
}

/** One file entering or leaving the index (a replacement is a removal, then an addition). */
export interface FileChange {
  before?: ParsedFile;
  after?: ParsedFile;
}

/** File changes remembered for maintain(); a value further behind is rebuilt from scratch. */
const JOURNAL_LENGTH = 128;

/** Why a reference resolves to nothing, for messages that say how to fix it. */
export type UnresolvedReason = 'no-such-id' | 'no-such-document' | 'document-declares-several' | 'no-such-anchor' | 'external';

/**
 * The workspace index (§ "one pipeline"): entities, references and reverse references of every
 * taking-part file, in one id namespace. Updated one file at a time, so an edit costs one file.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, ParsedFile>();
  /** Declarations by id: the entity itself for an id declared once (nearly all: no array per id), else them in order. */
  private readonly byId = new Map<string, OneOrMany<Entity>>();
  private readonly byKind = new Map<EntityKind, Set<Entity>>();
  /**
   * Reverse references that name an id (refKey `id:…`, nearly all), keyed by the id itself, the
   * reference's own string (no `id:` key string per id: 31k at 10k heavy documents); an id named
   * once holds its entry alone (no array).
   */
  private readonly byRefId = new Map<string, Entries>();
  /** The other reverse references (links to documents and anchors), keyed by refKey. */
  private readonly byRefKey = new Map<string, Entries>();
  /** How many of those name each file (Reference.path): a file no link names has no incoming link. */
  private readonly linkedPaths = new Map<string, number>();
  private versionCounter = 0;
  private readonly derived = new Map<string, { version: number; value: unknown }>();
  private readonly maintained = new Map<string, { version: number; value: unknown }>();
  /** The latest file changes, oldest first, each with the version it produced (consecutive). */
  private journal: { version: number; change: FileChange }[] = [];

  /** Each file's place (setOrder); undefined: files are kept in the order they come. */
  private order: ReadonlyMap<string, number> | undefined;
  /** The highest place of a file set so far: a file placed below it is inserted, not appended. */
  private lastPlace = -1;

  get version(): number {
    return this.versionCounter;
  }

  /**
   * Keeps files, the entities of each kind and the references to each key in this order of files
   * from now on, whatever order files are set in (files not named go last). Where ids tie,
   * candidates and related locations come in index order: the lint cache restores a workspace and
   * then replaces the files that changed, and must iterate as a run that loaded them in this order.
   */
  setOrder(paths: Iterable<string>): void {
    let i = 0;
    const order = new Map<string, number>();
    for (const p of paths) order.set(p, i++);
    this.order = order;
  }

  private placeOf(filePath: string): number {
    return this.order?.get(filePath) ?? Number.MAX_SAFE_INTEGER;
  }

  setFile(file: ParsedFile): void {
    const place = this.placeOf(file.path);
    // Without an order, or in order: appended. Otherwise inserted at its place (an ordered index keeps a replaced file's).
    const inPlace = this.order !== undefined && place < this.lastPlace;
    if (inPlace && this.files.has(file.path)) {
      this.unindex(this.files.get(file.path)!);
      this.files.set(file.path, file);
    } else {
      this.removeFile(file.path);
      this.files.set(file.path, file);
      if (inPlace) this.reorderFiles(file.path, place);
    }
    this.lastPlace = Math.max(this.lastPlace, place);
    const kinds = new Set<EntityKind>();
    for (const entity of file.entities) {
      insertSorted(this.byId, entity.id, entity);
      let kindSet = this.byKind.get(entity.kind);
      if (!kindSet) this.byKind.set(entity.kind, (kindSet = new Set()));
      kindSet.add(entity);
      kinds.add(entity.kind);
      for (const ref of entity.refs) {
        const entry = incomingEntry(ref, entity);
        const id = refId(ref);
        const [map, key] = id === undefined ? [this.byRefKey, refKey(ref)] : [this.byRefId, id];
        if (inPlace) insertAtPlace(map, key, entry, place, (e) => this.placeOf(e.from.file));
        else push(map, key, entry);
        if (id === undefined && linkedPath(ref)) this.linkedPaths.set(ref.path!, (this.linkedPaths.get(ref.path!) ?? 0) + 1);
      }
    }
    if (inPlace) for (const kind of kinds) this.byKind.set(kind, this.inOrder(this.byKind.get(kind)!, file.path, place));
    this.record({ after: file });
  }

  removeFile(filePath: string): void {
    const old = this.files.get(filePath);
    if (!old) return;
    this.files.delete(filePath);
    this.unindex(old);
  }

  /** Takes a file's entities and references out of the index (its entry in `files` is the caller's). */
  private unindex(old: ParsedFile): void {
    for (const entity of old.entities) {
      pullWhere(this.byId, entity.id, (declared) => declared === entity);
      this.byKind.get(entity.kind)?.delete(entity);
      for (const ref of entity.refs) {
        const id = refId(ref);
        const [map, key] = id === undefined ? [this.byRefKey, refKey(ref)] : [this.byRefId, id];
        pullWhere(map, key, (entry) => entry.ref === ref);
        if (id === undefined && linkedPath(ref)) {
          const count = this.linkedPaths.get(ref.path!)! - 1;
          if (count) this.linkedPaths.set(ref.path!, count);
          else this.linkedPaths.delete(ref.path!);
        }
      }
    }
    this.record({ before: old });
  }

  /** `files` again with the file just added (last) moved to its place. */
  private reorderFiles(filePath: string, place: number): void {
    const added = this.files.get(filePath)!;
    const entries = [...this.files.entries()];
    this.files.clear();
    let done = false;
    for (const [p, f] of entries) {
      if (p === filePath) continue;
      if (!done && this.placeOf(p) > place) {
        this.files.set(filePath, added);
        done = true;
      }
      this.files.set(p, f);
    }
    if (!done) this.files.set(filePath, added);
  }

  /** A kind's entities with those of `filePath` (added last) moved to the file's place. */
  private inOrder(entities: Set<Entity>, filePath: string, place: number): Set<Entity> {
    const own = [...entities].filter((e) => e.file === filePath);
    const out = new Set<Entity>();
    let done = false;
    for (const e of entities) {
      if (e.file === filePath) continue;
      if (!done && this.placeOf(e.file) > place) {
        for (const o of own) out.add(o);
        done = true;
      }
      out.add(e);
    }
    if (!done) for (const o of own) out.add(o);
    return out;
  }

  /**
   * Forgets every workspace-wide value derived or maintained so far: the lint cache replaces files
   * in a restored index, and the rules must then see values built as a run without it builds them.
   */
  forgetDerived(): void {
    this.derived.clear();
    this.maintained.clear();
  }

  /**
   * Lets go of the values derived so far (derive): the next query builds what it needs again.
   * Values kept current by maintain() stay: they are what makes the next edit cheap. The language
   * server calls this once it has linted what it had to (its initial scan left 13 MB of them at 10k
   * heavy documents, which no edit could use: an edit changes the index, and they with it).
   */
  releaseDerived(): void {
    this.derived.clear();
  }

  private record(change: FileChange): void {
    // A derived value is for one version: from now on nothing can read it (derive compares versions),
    // so it goes now, not when it is next derived (then the stale value and its successor both lived).
    this.derived.clear();
    this.journal.push({ version: ++this.versionCounter, change });
    if (this.journal.length > 2 * JOURNAL_LENGTH) this.journal = this.journal.slice(-JOURNAL_LENGTH);
  }

  getFile(filePath: string): ParsedFile | undefined {
    return this.files.get(filePath);
  }

  allFiles(): IterableIterator<ParsedFile> {
    return this.files.values();
  }

  get fileCount(): number {
    return this.files.size;
  }

  /** Every declaration of an id (owners without `@`), of any kind. */
  declarations(id: string): readonly Entity[] {
    return listOf(this.byId.get(id));
  }

  entitiesOfKind(kind: EntityKind): Iterable<Entity> {
    return this.byKind.get(kind) ?? [];
  }

  countOfKind(kind: EntityKind): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  allIds(): IterableIterator<string> {
    return this.byId.keys();
  }

  /** All entities a reference points at (several when the id is duplicated, §10.6), of any kind. */
  resolve(ref: Reference): Entity[] {
    if (ref.form === 'implicit') return ref.implicitTarget ? [ref.implicitTarget] : [];
    if (ref.form !== 'link') {
      // One array of the caller's own (rules resolve every reference: 2.2M times at 50k heavy documents).
      const declared = this.byId.get(ref.id ?? '');
      return declared === undefined ? [] : Array.isArray(declared) ? declared.slice() : [declared];
    }
    if (ref.external || !ref.path) return [];
    const file = this.files.get(ref.path);
    if (!file) return [];
    if (ref.anchor === undefined || ref.anchor === '') return documentEntity(file);
    const anchor = ref.anchor.toLowerCase();
    return file.entities.filter((e) => e.id.toLowerCase() === anchor || e.headingSlug === anchor);
  }

  /** Why `ref` resolves to nothing (only meaningful when resolve(ref) is empty). */
  unresolvedReason(ref: Reference): UnresolvedReason {
    if (ref.form !== 'link') return 'no-such-id';
    if (ref.external) return 'external';
    const file = ref.path ? this.files.get(ref.path) : undefined;
    if (!file) return 'no-such-document';
    if (ref.anchor) return 'no-such-anchor';
    return file.entities.length > 1 ? 'document-declares-several' : 'no-such-document';
  }

  /**
   * References that resolve to `entity`, from anywhere in the workspace. `accept` filters entries
   * before they are checked.
   *
   * Rules ask this of each objective up to 18 times per run (77k calls at 10k heavy documents,
   * 384k at 50k, walking 5 entries each on average), and it grew 13x from 10k to 50k (measured
   * 2026-12-06): each call built three key strings and resolved every entry to a fresh array. So a
   * reference by id is checked without resolving it (it resolves to every declaration of the id, so
   * to `entity` if `entity` is declared), and the link keys are built only for a file some link
   * names (linkedPaths), which most are not.
   */
  incoming(entity: Entity, accept?: (entry: IncomingReference) => boolean): IncomingReference[] {
    const result: IncomingReference[] = [];
    const declarations = this.byId.get(entity.id);
    const declared = declarations === entity || (Array.isArray(declarations) && declarations.includes(entity));
    for (const entry of listOf(this.byRefId.get(entity.id))) {
      if (accept && !accept(entry)) continue;
      const ref = entry.ref;
      if (ref.form === 'implicit' ? ref.implicitTarget === entity : declared) result.push(entry);
    }
    if (!this.linkedPaths.has(entity.file)) return result;
    const keys = new Set([`doc:${entity.file}`, `anchor:${entity.file}#${entity.id.toLowerCase()}`]);
    if (entity.headingSlug) keys.add(`anchor:${entity.file}#${entity.headingSlug}`);
    for (const key of keys) {
      for (const entry of listOf(this.byRefKey.get(key))) if ((!accept || accept(entry)) && this.resolve(entry.ref).includes(entity)) result.push(entry);
    }
    return result;
  }

  /** References written with this id (resolving or not): owners use it for undeclared handles. */
  referencesToId(id: string): readonly IncomingReference[] {
    return listOf(this.byRefId.get(id));
  }

  /** References by their key (see refKey): what the incremental re-check follows. */
  referencesByKey(key: string): readonly IncomingReference[] {
    return key.startsWith('id:') ? this.referencesToId(key.slice(3)) : listOf(this.byRefKey.get(key));
  }

  /** Every distinct id that references name (refKeys `id:…`, without the prefix): what "did you mean" re-checks scan for near names. */
  referencedIds(): IterableIterator<string> {
    return this.byRefId.keys();
  }

  /** Every distinct key of the other references (links to documents and anchors, see refKey). */
  linkKeys(): IterableIterator<string> {
    return this.byRefKey.keys();
  }

  /** Memoises a workspace-wide computation until the index next changes. */
  derive<T>(key: string, compute: () => T): T {
    const cached = this.derived.get(key);
    if (cached && cached.version === this.versionCounter) return cached.value as T;
    const value = compute();
    this.derived.set(key, { version: this.versionCounter, value });
    return value;
  }

  /**
   * A workspace-wide value kept current file by file: `build` makes it from the whole index once;
   * after that, each file change since it was last asked for is handed to `apply`, which updates it
   * in place. So an edit costs the edited file, not the workspace. `apply` sees every change in
   * order (a replaced file as its removal, then its addition); when more changes than the journal
   * keeps have happened, the value is built again.
   */
  maintain<T>(key: string, build: () => T, apply: (value: T, change: FileChange) => void): T {
    const state = this.maintained.get(key);
    if (state && state.version === this.versionCounter) return state.value as T;
    const oldest = this.journal[0]?.version ?? this.versionCounter + 1;
    if (state && state.version >= oldest - 1) {
      try {
        for (let i = state.version - oldest + 1; i < this.journal.length; i++) apply(state.value as T, this.journal[i]!.change);
      } catch (error) {
        this.maintained.delete(key);
        throw error;
      }
      state.version = this.versionCounter;
      return state.value as T;
    }
    const value = build();
    this.maintained.set(key, { version: this.versionCounter, value });
    return value;
  }
}

/** §5: a link to a document means the one entity it declares (its front matter entity, or its only entity). */
function documentEntity(file: ParsedFile): Entity[] {
  const front = file.entities.find((e) => e.form === 'front-matter');
  if (front) return [front];
  return file.entities.length === 1 ? [file.entities[0]!] : [];
}

/** A reference's entry among the reverse references: an indexed reference is its own (IndexedReference.from). */
function incomingEntry(ref: Reference, from: Entity): IncomingReference {
  return ref instanceof IndexedReference ? ref.indexedBy(from) : { ref, from };
}

/**
 * What a map holds under one key: the value alone (nearly always: no array per key), or several in
 * order (arrays of exact size). Declarations by id and reverse references are kept so.
 */
type OneOrMany<T extends object> = T | T[];
/** Reverse references under one key. */
type Entries = OneOrMany<IncomingReference>;

function listOf<T extends object>(values: OneOrMany<T> | undefined): readonly T[] {
  return values === undefined ? [] : Array.isArray(values) ? values : [values];
}

/** The id a reference names (refKey `id:…` without its prefix), or undefined for a link to a document or an anchor. */
function refId(ref: Reference): string | undefined {
  if (ref.form === 'implicit') return ref.implicitTarget?.id ?? '';
  if (ref.form !== 'link') return ref.id ?? '';
  return undefined;
}

/** Whether a link names a workspace file (its refKey is `doc:` or `anchor:` of Reference.path). */
function linkedPath(ref: Reference): boolean {
  return !ref.external && !!ref.path;
}

export function refKey(ref: Reference): string {
  const id = refId(ref);
  if (id !== undefined) return `id:${id}`;
  if (ref.external || !ref.path) return 'external:';
  return ref.anchor ? `anchor:${ref.path}#${ref.anchor.toLowerCase()}` : `doc:${ref.path}`;
}

/** Inserts after every entry placed at or before `place` (the list is in place order). */
function insertAtPlace(map: Map<string, Entries>, key: string, value: IncomingReference, place: number, placeOf: (v: IncomingReference) => number): void {
  const entries = map.get(key);
  if (entries === undefined) {
    map.set(key, value);
    return;
  }
  const list = Array.isArray(entries) ? entries : [entries];
  if (list !== entries) map.set(key, list);
  list.splice(partitionPoint(list.length, (i) => placeOf(list[i]!) <= place), 0, value);
}

function push(map: Map<string, Entries>, key: string, value: IncomingReference): void {
  const entries = map.get(key);
  if (entries === undefined) map.set(key, value);
  else if (Array.isArray(entries)) entries.push(value);
  else map.set(key, [entries, value]);
}

/**
 * Declarations of one id stay in (path, offset) order whatever order files were loaded or edited in,
 * so the CLI and the language server word duplicate findings identically.
 */
function insertSorted(map: Map<string, OneOrMany<Entity>>, key: string, entity: Entity): void {
  const declared = map.get(key);
  if (!declared) {
    map.set(key, entity);
    return;
  }
  const list = Array.isArray(declared) ? declared : [declared];
  if (list !== declared) map.set(key, list);
  // Files loaded in path order (a run, the lint cache restoring one) add each declaration after the
  // others: that case is checked first and costs no scan (the index adds ~170k declarations at 50k
  // heavy documents).
  const last = list[list.length - 1]!;
  if (last.file < entity.file || (last.file === entity.file && last.anchor.start <= entity.anchor.start)) {
    list.push(entity);
    return;
  }
  const at = list.findIndex((e) => e.file > entity.file || (e.file === entity.file && e.anchor.start > entity.anchor.start));
  if (at === -1) list.push(entity);
  else list.splice(at, 0, entity);
}

/** Takes the values `drop` matches out of the key's (a key left with one value holds it alone again). */
function pullWhere<T extends object>(map: Map<string, OneOrMany<T>>, key: string, drop: (value: T) => boolean): void {
  const values = map.get(key);
  if (values === undefined) return;
  const kept = listOf(values).filter((value) => !drop(value));
  if (kept.length > 1) map.set(key, kept);
  else if (kept.length === 1) map.set(key, kept[0]!);
  else map.delete(key);
}
