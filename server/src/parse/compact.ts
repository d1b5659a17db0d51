import type { Entity, FieldValue, Reference } from '../model/entity.js';

/**
 * What the index keeps of a file stays in memory for the whole run (and for the editor session),
 * and every byte of it is copied by the garbage collector while files are being read. Two things
 * made it twice the size it needs to be:
 * - Strings of 13 characters or more that V8 cuts out of a larger string (slice, trim, a regex
 *   group, a YAML scalar) are views that keep the whole larger string alive: titles, values and
 *   references kept the file's whole text (a quarter of the CLI's heap at 10k documents).
 * - Arrays built by push() reserve 17 slots, for lists of fields and references of a few items.
 */
const SLICE_MIN_LENGTH = 13;

/**
 * Copies the strings the entities (their fields and references) took from the text, so that the
 * text can be freed, and trims their arrays to size. In place; returns `entities` trimmed.
 */
export function compactEntities(entities: Entity[]): Entity[] {
  const copies = new Map<string, string>();
  const copy = (s: string): string => {
    if (s.length < SLICE_MIN_LENGTH) return s;
    let detached = copies.get(s);
    if (detached === undefined) {
      // A round trip through JSON is the cheapest way to get a flat string of one's own.
      detached = JSON.parse(JSON.stringify(s)) as string;
      copies.set(detached, detached);
    }
    return detached;
  };
  const value = (v: FieldValue): void => {
    if (v.type === 'scalar') {
      v.text = copy(v.text);
      if (typeof v.value === 'string') v.value = copy(v.value);
    } else if (v.type === 'list') {
      v.items = v.items.slice();
      for (const item of v.items) value(item);
    } else {
      v.fields = v.fields.slice();
      for (const field of v.fields) fieldOf(field);
    }
  };
  const fieldOf = (field: { key: string; keyText: string; value: FieldValue }): void => {
    field.key = copy(field.key);
    field.keyText = copy(field.keyText);
    value(field.value);
  };
  const reference = (ref: Reference): void => {
    ref.text = copy(ref.text);
    if (ref.id !== undefined) ref.id = copy(ref.id);
    if (ref.anchor !== undefined) ref.anchor = copy(ref.anchor);
  };
  for (const entity of entities) {
    entity.id = copy(entity.id);
    if (entity.title !== undefined) entity.title = copy(entity.title);
    if (entity.headingSlug !== undefined) entity.headingSlug = copy(entity.headingSlug);
    // slice() allocates exactly what is there.
    entity.fields = entity.fields.slice();
    entity.refs = entity.refs.slice();
    for (const field of entity.fields) fieldOf(field);
    for (const ref of entity.refs) reference(ref);
  }
  return entities.slice();
}
