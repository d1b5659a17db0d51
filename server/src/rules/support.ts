import { distance } from 'fastest-levenshtein';
import type { Entity, EntityKind, Field, ScalarValue } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import { fieldFor, isPlaceholderText } from '../model/kinds.js';
import { scalarItems } from '../parse/entityRefs.js';
import { isWritableId } from '../parse/references.js';
import { valueOrKeySpan } from './values/plain.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { idNeighbourhood, type IdNeighbourhood } from '../index/idNeighbourhood.js';
import type { NearName } from '../index/sortedNames.js';
import type { Span } from '../model/span.js';

/** Entities of one kind declared in the file being checked. */
export function entitiesOf(entities: readonly Entity[], kind: EntityKind): Entity[] {
  return entities.filter((e) => e.kind === kind);
}

/**
 * Whether a model link is required of this entity: always for the SPEC forms (§3); for a templated
 * entity only when its template lists it in `links` (docs/templates.md).
 */
export function requiresLink(entity: Entity, field: string): boolean {
  return !entity.template || entity.template.links.has(field);
}

/** How a required field is written (§10.1): absent, empty/placeholder (with where), or present. */
export type RequiredState = { state: 'absent' } | { state: 'placeholder'; value: ScalarValue; field: Field } | { state: 'present' };

export function requiredFieldState(entity: Entity, fieldName: string): RequiredState {
  const fields = entity.fields.filter((f) => fieldFor(entity.kind, f.key) === fieldName);
  if (!fields.length) return { state: 'absent' };
  for (const field of fields) {
    const items = scalarItems(field.value);
    if (field.value.type === 'list' && field.value.items.length === 0) continue;
    if (items.some((v) => v.value !== null && !isPlaceholderText(String(v.value)))) return { state: 'present' };
  }
  const field = fields[0]!;
  const value = scalarItems(field.value)[0] ?? { type: 'scalar' as const, value: null, text: '', span: field.value.span };
  return { state: 'placeholder', value, field };
}

/**
 * Where a "missing field" finding goes (§3, §6): at the placeholder, on the field's own line; an
 * empty value (`- owner:`) has no width to point at, so its key; a field not written at all, the
 * entity's anchor.
 */
export function missingSpan(entity: Entity, state: RequiredState): Span {
  return state.state === 'placeholder' ? valueOrKeySpan(state.value, state.field.keySpan) : entity.anchor;
}

/** Display name of an entity in messages: `initiative 'INIT-x' (One-click onboarding)`. */
export function describe(entity: Entity): string {
  const id = entity.kind === 'owner' ? `@${entity.id}` : entity.id;
  return `${entity.kind} '${id || entity.title || '(no id)'}'`;
}

/** Ids within `maxDistance` edits of `id`, closest first (ties: alphabetical). */
export function closest(id: string, candidates: Iterable<string>, maxDistance = 2): string[] {
  return closestScored(id, candidates, maxDistance).map((s) => s.name);
}

/**
 * `closest` with each candidate's distance: a case-only difference scores 0.5 (it ranks first),
 * others their edit distance. When `candidates` is an array from idsOfKind and the index has not
 * changed since, the kind's id neighbourhood answers without comparing `id` with every id.
 */
export function closestScored(id: string, candidates: Iterable<string>, maxDistance = 2): NearName[] {
  const source = typeof candidates === 'object' ? kindIdLists.get(candidates as readonly string[]) : undefined;
  if (source && source.index.version === source.version) return closestOfKind(source.index, source.kind, id, maxDistance);
  return scoreAll(id, candidates, maxDistance).filter(writable).sort(byDistanceThenName);
}

/** `closestScored(id, idsOfKind(index, kind), maxDistance)`, without listing (and sorting) the kind's ids first. */
export function closestOfKind(index: WorkspaceIndex, kind: EntityKind, id: string, maxDistance = 2): NearName[] {
  const answers = maxDistance === ANSWERED_DISTANCE ? nearAnswers(index, kind) : undefined;
  const known = answers?.get(id);
  if (known) return [...known];
  const scored = id.length <= MAX_INDEXED_QUERY ? nearIds(id, idNeighbourhood(index, kind), maxDistance) : scoreAll(id, idsOfKind(index, kind), maxDistance);
  const found = scored.filter(writable).sort(byDistanceThenName);
  answers?.set(id, found.length ? [...found] : NO_NAMES);
  return found;
}

/** The distance the rules ask closestOfKind about (their MAX_DISTANCE), whose answers are kept. */
const ANSWERED_DISTANCE = 2;
const NO_NAMES: readonly NearName[] = Object.freeze([]);

/**
 * closestOfKind's answers for one kind, kept while the kind's ids stay the same: an edit replaces
 * its file (a removal, then an addition) and clears them only when the file's ids of the kind
 * differ. A keystroke re-checks files with hundreds of references that name nothing (a portfolio
 * file); their hints no longer walk the id trie again each time (8% of an edit at 10k heavy documents).
 */
function nearAnswers(index: WorkspaceIndex, kind: EntityKind): Map<string, readonly NearName[]> {
  const idsIn = (file: ParsedFile) => [...new Set(file.entities.filter((e) => e.kind === kind).map((e) => e.id))].sort().join('\n');
  const memo = index.maintain(
    `near-answers:${kind}`,
    () => ({ answers: new Map<string, readonly NearName[]>(), removed: new Map<string, string>() }),
    (value, { before, after }) => {
      if (before) value.removed.set(before.path, idsIn(before));
      if (!after) return;
      const old = value.removed.get(after.path) ?? '';
      value.removed.delete(after.path);
      if (old !== idsIn(after)) value.answers.clear();
    },
  );
  // A file removed and not added back took its ids away.
  if (memo.removed.size) {
    for (const ids of memo.removed.values()) if (ids) memo.answers.clear();
    memo.removed.clear();
  }
  return memo.answers;
}

/** A candidate is offered only if writing it reads back as the same id (§10.16). */
function writable(near: NearName): boolean {
  return isWritableId(near.name);
}

/** Longer queries are compared one by one: the trie walk recurses once per character. */
const MAX_INDEXED_QUERY = 256;

function scoreAll(id: string, candidates: Iterable<string>, maxDistance: number): NearName[] {
  const scored: NearName[] = [];
  for (const c of candidates) {
    if (c === id || Math.abs(c.length - id.length) > maxDistance) continue;
    const d = distance(id.toLowerCase(), c.toLowerCase()) === 0 ? 0.5 : distance(id, c);
    if (d <= maxDistance) scored.push({ name: c, distance: d });
  }
  return scored;
}

/** What scoreAll finds among the ids of the neighbourhood, from the ids near `id` only. */
function nearIds(id: string, ids: IdNeighbourhood, maxDistance: number): NearName[] {
  if (!(maxDistance >= 0)) return [];
  const found = new Map<string, number>();
  for (const near of ids.within(id, maxDistance)) if (near.name !== id) found.set(near.name, near.distance);
  for (const name of ids.sameButCase(id)) if (name !== id && Math.abs(name.length - id.length) <= maxDistance) found.set(name, 0.5);
  const scored: NearName[] = [];
  for (const [name, d] of found) if (d <= maxDistance) scored.push({ name, distance: d });
  // scoreAll meets the ids in idsOfKind's order (code units): same order for ties that localeCompare cannot break.
  return scored.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function byDistanceThenName(a: NearName, b: NearName): number {
  return a.distance - b.distance || a.name.localeCompare(b.name);
}

/** Arrays handed out by idsOfKind, with the index version they list the ids of. */
const kindIdLists = new WeakMap<readonly string[], { index: WorkspaceIndex; kind: EntityKind; version: number }>();

/** Ids of declared entities of one kind (owners with their `@`-less handle). */
export function idsOfKind(index: WorkspaceIndex, kind: EntityKind): string[] {
  return index.derive(`ids:${kind}`, () => {
    const ids = [...new Set([...index.entitiesOfKind(kind)].map((e) => e.id).filter(Boolean))].sort();
    kindIdLists.set(ids, { index, kind, version: index.version });
    return ids;
  });
}
