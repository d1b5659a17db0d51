import type { Entity, Field, FieldValue, Reference } from '../model/entity.js';
import { ImplicitReference, IndexedEntity, IndexedReference, indexedField, indexedScalar } from '../model/indexed.js';

/**
 * What the index keeps of a file stays in memory for the whole run (and for the editor session),
 * and every byte of it is copied by the garbage collector while files are being read. Three things
 * made it about twice the size it needs to be:
 * - Strings of 13 characters or more that V8 cuts out of a larger string (slice, trim, a regex
 *   group, a YAML scalar) are views that keep the whole larger string alive: titles, values and
 *   references kept the file's whole text (a quarter of the CLI's heap at 10k documents).
 * - Every field key (`id`, `owner`, `status`, …), list indent and short value was a string of its
 *   own, for a handful of distinct ones; a YAML scalar held its value and its source text apart.
 * - Arrays built by push() reserve 17 slots, for lists of fields and references of a few items.
 * And each field, scalar value and reference had a Span object of its own, two per field: they
 * become the indexed forms (model/indexed.ts), which hold their ranges as numbers.
 */
const SLICE_MIN_LENGTH = 13;

/** Field keys and indents seen so far (a vocabulary: the schema's names, their spellings, a few indents). */
const vocabulary = new Map<string, string>();
/** A cap, so that keys typed in an editor session cannot pile up. */
const VOCABULARY_SIZE = 2000;

function common(s: string): string {
  const known = vocabulary.get(s);
  if (known !== undefined) return known;
  if (vocabulary.size >= VOCABULARY_SIZE) vocabulary.clear();
  const own = detached(s);
  vocabulary.set(own, own);
  return own;
}

/**
 * Short values seen so far, shared by every file: statuses, types, owners, dates, small numbers
 * and ids repeat across thousands of fields (`in-progress` a thousand times in 1k heavy documents),
 * and V8 copies each short string it cuts out of a text, so each was a string of its own: about a
 * tenth of the index. Filled until full, then only read, so the strings met first (the common
 * ones) stay shared and an editor session cannot grow it.
 */
const shortValues = new Map<string, string>();
const SHORT_VALUES_SIZE = 20000;

function sharedShort(s: string): string {
  const known = shortValues.get(s);
  if (known !== undefined) return known;
  if (shortValues.size < SHORT_VALUES_SIZE) shortValues.set(s, s);
  return s;
}

/**
 * A string that is not a view into a larger one (short strings never are), nor a rope: a message
 * built with `+` or a template literal is a tree of pieces that costs more than its characters.
 */
export function detached(s: string): string {
  // A round trip through JSON is the cheapest way to get a flat string of one's own.
  return s.length < SLICE_MIN_LENGTH ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/**
 * Copies the strings the entities (their fields and references) took from the text, so that the
 * text can be freed, shares the repeated ones, trims arrays to size and puts fields and scalar
 * values and references in their indexed forms, as well as a templated file's own fields
 * (`templated`, a sibling's). Returns the entities in their indexed forms (model/indexed.ts), in
 * the same order, linked to each other as the parser linked them.
 */
export function compactEntities(entities: Entity[], templated?: { fields: Field[] }): Entity[] {
  // Strings repeated within the file (a reference's id and text, a title and its heading's slug source…).
  const copies = new Map<string, string>();
  const copy = (s: string): string => {
    if (s.length < SLICE_MIN_LENGTH) return sharedShort(s);
    let own = copies.get(s);
    if (own === undefined) copies.set((own = detached(s)), own);
    return own;
  };
  const value = (v: FieldValue): FieldValue => {
    if (v.type === 'scalar') {
      const text = copy(v.text);
      // A plain YAML scalar (and every Markdown value) is its own source text: one string for both.
      const typed = typeof v.value === 'string' ? (v.value === v.text ? text : copy(v.value)) : v.value;
      return indexedScalar(typed, text, v.span, v.derived);
    }
    // map() allocates exactly what is there.
    if (v.type === 'list') v.items = v.items.map(value);
    else v.fields = v.fields.map(fieldOf);
    return v;
  };
  const fieldOf = (field: Field): Field => {
    const keyText = common(field.keyText);
    const key = field.key === field.keyText ? keyText : common(field.key);
    const { start, end } = field.keySpan;
    return indexedField(key, keyText, start, end, value(field.value));
  };
  const reference = (ref: Reference): Reference => {
    const text = copy(ref.text);
    const own = new (ref.implicitTarget !== undefined ? ImplicitReference : IndexedReference)(ref.field, ref.expected, ref.form, text, ref.span.start, ref.span.end);
    if (ref.id !== undefined) own.id = ref.id === ref.text ? text : copy(ref.id);
    if (ref.path !== undefined) own.path = ref.path;
    if (ref.anchor !== undefined) own.anchor = copy(ref.anchor);
    if (ref.implicitTarget !== undefined) own.implicitTarget = ref.implicitTarget;
    if (ref.external !== undefined) own.external = ref.external;
    return own;
  };
  const indexed = new Map<Entity, IndexedEntity>();
  for (const entity of entities) {
    const own = IndexedEntity.of(entity);
    own.id = copy(entity.id);
    if (entity.title !== undefined) own.title = copy(entity.title);
    if (entity.headingSlug !== undefined) own.headingSlug = copy(entity.headingSlug);
    // map() allocates exactly what is there.
    own.fields = entity.fields.map(fieldOf);
    own.refs = entity.refs.map(reference);
    indexed.set(entity, own);
  }
  // Links between entities of the file (a nesting, an implicit reference's target) to their indexed forms.
  const linked = (entity: Entity): Entity => indexed.get(entity) ?? entity;
  for (const [entity, own] of indexed) {
    if (entity.enclosing !== undefined) own.enclosing = linked(entity.enclosing);
    for (const ref of own.refs) if (ref.implicitTarget !== undefined) ref.implicitTarget = linked(ref.implicitTarget);
  }
  if (templated?.fields.length) templated.fields = templated.fields.map(fieldOf);
  return [...indexed.values()];
}
