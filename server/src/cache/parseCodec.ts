import type { Entity, EntityForm, EntityKind, Field, FieldInsertion, FieldValue, Reference } from '../model/entity.js';
import type { ParsedFile, ParseNote, SuppressionComment, TemplatedFile } from '../model/file.js';
import type { Span } from '../model/span.js';
import { ImplicitReference, IndexedEntity, IndexedReference, IndexedScalar, indexedField, indexedScalar, sharedPlaceOf, type CompactEntity } from '../model/indexed.js';
import type { CompiledTemplate } from '../templates/compiled.js';
import type { SectionFact } from '../templates/markdownFacts.js';
import type { LineMap } from '../text/lineMap.js';
import { fieldFor } from '../model/kinds.js';
import { AT_HAND, RestoredEntity, type RestoredFields } from './restoredEntity.js';
import { wordCode, wordText } from './parseWords.js';

/**
 * A parse result as the lint cache stores it: JSON of arrays, not of objects. A span is two numbers,
 * a field five items, and no key name is written a million times: the records are a third of the
 * size of JSON objects (or of v8.serialize, which also writes every key), and JSON.parse reads them
 * faster than either. An entity's record is one flat array (its spans, its place for new fields,
 * its references and its fields at hand are runs of items in it, not arrays of their own): each
 * array JSON.parse makes costs as much as a dozen numbers, and restoring 10k heavy documents read
 * ~14 of them per entity; flat, JSON.parse took ~35% less time (measured 2026-12-07). Kinds, forms,
 * field keys, enum values and layout strings in the first text are numbers (parseWords.ts). What
 * the cache's file list holds already (path, hash, template key, line map) is not repeated. Links
 * between entities of the file (`enclosing`, an implicit reference's target) are indexes; a
 * template is its identity, found again among the configuration's templates.
 *
 * A record is two JSON texts on one line each: the file with its entities, then the fields of each
 * entity but those AT_HAND. The fields at hand (with their places among the others) stay in the
 * first, so that a run that restores a whole workspace to re-check a few files (restoreParse)
 * decodes the others only for the entities whose fields a rule reads: the workspace-wide facts read
 * the fields at hand of every entity, and little else.
 *
 * The model grows: an object with a property this codec does not know is not encoded (encodeParse
 * returns undefined) rather than cached without it, so the cache can never hand back less than the
 * parser made. test/cache/parseCodec.test.ts round-trips every sample workspace.
 */

type Encoded = unknown[];

const FILE_KEYS = keys('path language hash lineMap hasBom eol participates entities notes suppressions templateKey templated');
// An entity as a parser writes it, or as the index keeps it (model/indexed.ts: its ranges as numbers).
const ENTITY_KEYS = keys('kind form file id idSpan title anchor extent headingSlug fields refs insertion enclosing template idStart idEnd anchorStart anchorEnd extentStart extentEnd insertionOffset insertionPlace');
const INSERTION_KEYS = keys('offset style indent eol suffix inner');
// A field, scalar or reference as a parser writes it (a Span) or as the index keeps it (model/indexed.ts: two numbers; a ScalarField holds its scalar).
const FIELD_KEYS = keys('key keyText keySpan keyStart keyEnd value scalar valueText valueStart');
const SCALAR_KEYS = keys('type value text span start end derived');
const LIST_KEYS = keys('type span items');
const MAP_KEYS = keys('type span fields');
const REF_KEYS = keys('field expected form text span start end id path anchor implicitTarget external');
const TEMPLATED_KEYS = keys('template role sections anchor fields');
const SPAN_KEYS = keys('start end');

function atHand(kind: EntityKind, key: string): boolean {
  const field = fieldFor(kind, key);
  return field !== undefined && AT_HAND.has(field);
}

function keys(list: string): ReadonlySet<string> {
  return new Set(list.split(' '));
}

class Unknown extends Error {}

function known(object: object, allowed: ReadonlySet<string>): void {
  for (const key in object) if (!allowed.has(key)) throw new Unknown(key);
}

/** The JSON text of a parse result, or undefined when it holds something this codec cannot write. */
export function encodeParse(parsed: ParsedFile): string | undefined {
  try {
    known(parsed, FILE_KEYS);
    const entities = parsed.entities;
    const indexOf = new Map<Entity, number>(entities.map((e, i) => [e, i]));
    const others: Encoded[] = [];
    const record: Encoded = [
      parsed.language === 'yaml' ? 1 : 0,
      parsed.hasBom ? 1 : 0,
      parsed.eol === '\r\n' ? 1 : 0,
      parsed.participates ? 1 : 0,
      entities.map((e) => encodeEntity(e, parsed.path, indexOf, others)),
      parsed.notes.length ? parsed.notes : 0,
      parsed.suppressions.length ? parsed.suppressions : 0,
      parsed.templated ? encodeTemplated(parsed.templated) : 0,
    ];
    // JSON.stringify writes no line break: the first one ends the first text.
    return `${JSON.stringify(record)}\n${JSON.stringify(others)}`;
  } catch (error) {
    if (error instanceof Unknown) return undefined;
    throw error;
  }
}

/** What the cache's file list says of a file, which the record leaves out. */
export interface ParseFrame {
  path: string;
  hash: string;
  templateKey: string;
  lineMap: LineMap;
}

/**
 * The parse result of a record. `templateOf` finds a template by identity (among those of the
 * configuration that governs the file); undefined when the record is not one this codec wrote or
 * names a template that is gone.
 */
export function decodeParse(text: string, frame: ParseFrame, templateOf: (identity: string) => CompiledTemplate | undefined): ParsedFile | undefined {
  try {
    const lineEnd = text.indexOf('\n');
    if (lineEnd === -1) return undefined;
    const others = JSON.parse(text.slice(lineEnd + 1)) as Encoded[][];
    return decodeRecord(JSON.parse(text.slice(0, lineEnd)) as Encoded, frame, templateOf, (r, i, kind, form, id) => {
      const { fields, places } = decodeAtHand(r[E.atHand] as Encoded);
      const entity = new IndexedEntity(kind, form, frame.path, id);
      entity.fields = mergeFields(fields, places, others[i]!);
      return entity;
    });
  } catch {
    return undefined;
  }
}

/**
 * decodeParse for a run that restores a whole workspace from the cache and reads the fields of few
 * entities: each entity holds its fields AT_HAND decoded, and the others are decoded when a rule
 * first reads them (RestoredEntity), from the record as `again` reads it then (the caller's
 * `bytes` may be reused at once; without `again`, the rest of them is copied and kept).
 */
export function restoreParse(bytes: Buffer, frame: ParseFrame, templateOf: (identity: string) => CompiledTemplate | undefined, again?: () => Buffer | undefined): ParsedFile | undefined {
  try {
    const lineEnd = bytes.indexOf(0x0a);
    if (lineEnd === -1) return undefined;
    const kept = again ? undefined : Buffer.from(bytes.subarray(lineEnd + 1));
    const source = new FieldsSource(() => kept ?? again?.()?.subarray(lineEnd + 1), frame.path);
    return decodeRecord(JSON.parse(bytes.toString('utf8', 0, lineEnd)) as Encoded, frame, templateOf, (r, i, kind, form, id) => {
      const { fields, places } = decodeAtHand(r[E.atHand] as Encoded);
      return new RestoredEntity(kind, form, frame.path, id, fields, places, source, i);
    });
  } catch {
    return undefined;
  }
}

/**
 * The fields a restored file's entities do not hold at hand: read when one of them is first needed,
 * and each entity's list let go once it is decoded.
 */
class FieldsSource implements RestoredFields {
  private lists: (Encoded[] | undefined)[] | undefined;
  private undecoded = 0;

  constructor(
    private read: (() => Buffer | undefined) | undefined,
    private readonly path: string,
  ) {}

  fieldsOf(i: number, atHand: readonly Field[], places: readonly number[]): Field[] {
    if (!this.lists) {
      const bytes = this.read!();
      // The cache's bytes are checked (CRC-32) as they are read again: only a file damaged since can fail.
      if (!bytes) throw new Error(`the lint cache changed while this run read it (${this.path}): run again`);
      this.lists = JSON.parse(bytes.toString('utf8')) as Encoded[][];
      this.undecoded = this.lists.length;
      this.read = undefined;
    }
    const list = this.lists[i];
    if (!list) throw new Error(`the lint cache holds no fields for an entity of ${this.path}`);
    this.lists[i] = undefined;
    if (--this.undecoded === 0) this.lists = [];
    return mergeFields(atHand, places, list);
  }
}

/** Makes entity `i` of a file from its record (`r`), with its fields; decodeEntity sets the rest. */
type EntityMaker = (r: Encoded, i: number, kind: EntityKind, form: EntityForm, id: string) => CompactEntity;

/**
 * A file's record (the first JSON text), its entities made by `entityOf` from their records and the
 * common part decoded. Throws on a record it cannot read: decodeParse and restoreParse, which parse
 * the JSON too, catch that and return undefined.
 */
function decodeRecord(record: Encoded, frame: ParseFrame, templateOf: (identity: string) => CompiledTemplate | undefined, entityOf: EntityMaker): ParsedFile {
  const [language, hasBom, crlf, participates, entityRecords, notes, suppressions, templated] = record as [number, number, number, number, Encoded[], ParseNote[] | 0, SuppressionComment[] | 0, Encoded | 0];
  const template = (identity: string): CompiledTemplate => {
    const found = templateOf(identity);
    if (!found) throw new Unknown(identity);
    return found;
  };
  const entities: Entity[] = entityRecords.map((r, i) => decodeEntity(r, i, template, entityOf));
  // Links inside the file, once every entity exists.
  entityRecords.forEach((r, i) => {
    const enclosing = r[E.enclosing] as number;
    if (enclosing >= 0) entities[i]!.enclosing = entities[enclosing]!;
    const refs = r[E.refs] as Encoded;
    for (let j = 0; j * REF_ITEMS < refs.length; j++) {
      const target = refs[j * REF_ITEMS + R.target] as number;
      if (target >= 0) entities[i]!.refs[j]!.implicitTarget = entities[target]!;
    }
  });
  const parsed: ParsedFile = {
    path: frame.path,
    language: language === 1 ? 'yaml' : 'markdown',
    hash: frame.hash,
    lineMap: frame.lineMap,
    hasBom: hasBom === 1,
    eol: crlf === 1 ? '\r\n' : '\n',
    participates: participates === 1,
    entities,
    notes: notes || [],
    suppressions: suppressions || [],
    templateKey: frame.templateKey,
  };
  if (templated) parsed.templated = decodeTemplated(templated, template);
  return parsed;
}

/** Most entities have no field at hand (key results, PRDs): they share these. */
const NO_FIELDS: readonly Field[] = Object.freeze([]);
const NO_PLACES: readonly number[] = Object.freeze([]);

/**
 * The fields at hand, each written as its place among all the entity's fields, then its items
 * (encodeFieldInto), one after the other in one array.
 */
function encodeAtHand(fields: readonly Field[], places: readonly number[]): Encoded {
  const out: Encoded = [];
  fields.forEach((f, k) => {
    out.push(places[k]);
    encodeFieldInto(f, out);
  });
  return out;
}

/** The fields at hand and their places (encodeAtHand). */
function decodeAtHand(r: Encoded): { fields: readonly Field[]; places: readonly number[] } {
  if (!r.length) return { fields: NO_FIELDS, places: NO_PLACES };
  // Arrays of their exact size (pushing reserves room for ~17 items: 8 MB at 10k heavy documents).
  let count = 0;
  for (let k = 0; k < r.length; k += 1 + fieldItems(r, k + 1)) count++;
  const fields: Field[] = new Array(count);
  const places: number[] = new Array(count);
  for (let i = 0, k = 0; i < count; i++, k += 1 + fieldItems(r, k + 1)) {
    places[i] = r[k] as number;
    fields[i] = decodeFieldAt(r, k + 1);
  }
  return { fields, places };
}

/**
 * A field as items of the array it is written into: key text, key (0 when it is the key text), key
 * span, then its value: 0 and the span and text of a scalar whose value is its text (most are),
 * 1 and the value as encodeValue writes it for any other.
 */
function encodeFieldInto(f: Field, out: Encoded): void {
  known(f, FIELD_KEYS);
  out.push(wordCode(f.keyText), f.key === f.keyText ? 0 : wordCode(f.key), f.keySpan.start, f.keySpan.end);
  const v = f.value;
  if (v.type === 'scalar' && !v.derived && typeof v.value === 'string' && v.value === v.text) {
    known(v, SCALAR_KEYS);
    out.push(0, v.span.start, v.span.end, wordCode(v.text));
  } else out.push(1, encodeValue(v));
}

/** How many items encodeFieldInto wrote for the field at `k` in `r`. */
function fieldItems(r: Encoded, k: number): number {
  return r[k + 4] === 0 ? 8 : 6;
}

/** The field written at `k` in `r` (encodeFieldInto). */
function decodeFieldAt(r: Encoded, k: number): Field {
  const keyText = wordText(r[k]);
  const key = r[k + 1] === 0 ? keyText : wordText(r[k + 1]);
  const start = r[k + 2] as number;
  const end = r[k + 3] as number;
  const tag = r[k + 4];
  if (tag === 0) {
    const text = wordText(r[k + 7]);
    return indexedField(key, keyText, start, end, new IndexedScalar(text, text, r[k + 5] as number, r[k + 6] as number));
  }
  if (tag !== 1) throw new Unknown(`field value ${String(tag)}`);
  return indexedField(key, keyText, start, end, decodeValue(r[k + 5] as Encoded));
}

/** An entity's fields in their order: those at hand at their places, the others (encoded) in the places left. */
function mergeFields(atHand: readonly Field[], places: readonly number[], others: Encoded[]): Field[] {
  const count = atHand.length + others.length;
  const fields: Field[] = new Array(count);
  let k = 0;
  let j = 0;
  for (let i = 0; i < count; i++) {
    if (k < places.length && places[k] === i) {
      fields[i] = atHand[k++]!;
    } else {
      const other = others[j++];
      if (!other) throw new Unknown('a field');
      fields[i] = decodeField(other);
    }
  }
  return fields;
}

function encodeSpan(span: Span): [number, number] {
  known(span, SPAN_KEYS);
  return [span.start, span.end];
}

function encodeEntity(e: Entity, path: string, indexOf: Map<Entity, number>, others: Encoded[]): Encoded {
  known(e, ENTITY_KEYS);
  known(e.insertion, INSERTION_KEYS);
  if (e.file !== path) throw new Unknown('file');
  const link = (target: Entity | undefined) => {
    if (target === undefined) return -1;
    const i = indexOf.get(target);
    if (i === undefined) throw new Unknown('a link outside the file');
    return i;
  };
  const { offset, style, indent, eol, suffix, inner } = e.insertion;
  // The fields at hand (with their places); the others go to the second text, in order.
  const atHandFields: Field[] = [];
  const atHandPlaces: number[] = [];
  const otherFields: Encoded = [];
  e.fields.forEach((f, i) => {
    if (atHand(e.kind, f.key)) {
      atHandFields.push(f);
      atHandPlaces.push(i);
    } else otherFields.push(encodeField(f));
  });
  others.push(otherFields);
  const idSpan = e.idSpan ? encodeSpan(e.idSpan) : [-1, -1];
  const anchor = encodeSpan(e.anchor);
  const extent = encodeSpan(e.extent);
  const refs: Encoded = [];
  for (const r of e.refs) encodeRefInto(r, link, refs);
  // In E's order.
  return [
    wordCode(e.kind),
    wordCode(e.form),
    e.id,
    idSpan[0],
    idSpan[1],
    e.title ?? null,
    anchor[0],
    anchor[1],
    extent[0],
    extent[1],
    e.headingSlug ?? null,
    encodeAtHand(atHandFields, atHandPlaces),
    offset,
    wordCode(style),
    wordCode(indent),
    wordCode(eol),
    suffix === undefined ? null : wordCode(suffix),
    // An entity inside a templated file: where it sits (plain JSON), for the fixes that add a field.
    inner ?? 0,
    e.template ? e.template.identity : 0,
    refs,
    link(e.enclosing),
  ];
}

/** Where each item of an entity's record lies. */
const E = {
  kind: 0,
  form: 1,
  id: 2,
  idStart: 3,
  idEnd: 4,
  title: 5,
  anchorStart: 6,
  anchorEnd: 7,
  extentStart: 8,
  extentEnd: 9,
  headingSlug: 10,
  atHand: 11,
  insertionOffset: 12,
  insertionStyle: 13,
  insertionIndent: 14,
  insertionEol: 15,
  insertionSuffix: 16,
  insertionInner: 17,
  template: 18,
  refs: 19,
  enclosing: 20,
} as const;

function decodeEntity(r: Encoded, i: number, template: (identity: string) => CompiledTemplate, make: EntityMaker): CompactEntity {
  const entity = make(r, i, wordText(r[E.kind]) as EntityKind, wordText(r[E.form]) as EntityForm, r[E.id] as string);
  const idStart = r[E.idStart] as number;
  if (idStart >= 0) {
    entity.idStart = idStart;
    entity.idEnd = r[E.idEnd] as number;
  }
  const title = r[E.title] as string | null;
  if (title !== null) entity.title = title;
  entity.anchorStart = r[E.anchorStart] as number;
  entity.anchorEnd = r[E.anchorEnd] as number;
  entity.extentStart = r[E.extentStart] as number;
  entity.extentEnd = r[E.extentEnd] as number;
  const headingSlug = r[E.headingSlug] as string | null;
  if (headingSlug !== null) entity.headingSlug = headingSlug;
  entity.refs = decodeRefs(r[E.refs] as Encoded);
  const offset = r[E.insertionOffset] as number;
  const style = wordText(r[E.insertionStyle]) as FieldInsertion['style'];
  const indent = wordText(r[E.insertionIndent]);
  const eol = wordText(r[E.insertionEol]);
  const suffix = r[E.insertionSuffix] === null ? null : wordText(r[E.insertionSuffix]);
  const inner = r[E.insertionInner] as FieldInsertion['inner'] | 0;
  if (inner) {
    const place: FieldInsertion = suffix === null ? { offset, style, indent, eol, inner } : { offset, style, indent, eol, suffix, inner };
    entity.insertion = place;
  } else {
    entity.insertionOffset = offset;
    entity.insertionPlace = sharedPlaceOf(style, indent, eol, suffix ?? undefined);
  }
  const templateId = r[E.template] as string | 0;
  if (templateId) entity.template = template(templateId);
  return entity;
}

function encodeField(f: Field): Encoded {
  known(f, FIELD_KEYS);
  return [f.keyText, f.key === f.keyText ? 0 : f.key, f.keySpan.start, f.keySpan.end, encodeValue(f.value)];
}

function decodeField(r: Encoded): Field {
  const [keyText, key, start, end, value] = r as [string, string | 0, number, number, Encoded];
  return indexedField(key === 0 ? keyText : key, keyText, start, end, decodeValue(value));
}

/**
 * Scalars: [0, start, end, text] when the value is its text, [0, start, end, text, value] else; [3, …, "NaN"] for numbers JSON cannot hold;
 * [4, start, end, text, value] for a value a template derived from a heading or the file's path (no fix may rewrite it).
 */
function encodeValue(v: FieldValue): Encoded {
  if (v.type === 'scalar') {
    known(v, SCALAR_KEYS);
    const { start, end } = v.span;
    if (v.derived) return [4, start, end, v.text, v.value];
    if (typeof v.value === 'string' && v.value === v.text) return [0, start, end, v.text];
    if (typeof v.value === 'number' && (!Number.isFinite(v.value) || Object.is(v.value, -0))) return [3, start, end, v.text, Object.is(v.value, -0) ? '-0' : String(v.value)];
    return [0, start, end, v.text, v.value];
  }
  if (v.type === 'list') {
    known(v, LIST_KEYS);
    return [1, v.span.start, v.span.end, v.items.map(encodeValue)];
  }
  known(v, MAP_KEYS);
  return [2, v.span.start, v.span.end, v.fields.map(encodeField)];
}

function decodeValue(r: Encoded): FieldValue {
  const start = r[1] as number;
  const end = r[2] as number;
  switch (r[0]) {
    case 0:
      return new IndexedScalar((r.length === 4 ? r[3] : r[4]) as string | number | boolean | null, r[3] as string, start, end);
    case 3:
      return new IndexedScalar(r[4] === '-0' ? -0 : Number(r[4]), r[3] as string, start, end);
    case 4:
      return indexedScalar(r[4] as string | number | boolean | null, r[3] as string, { start, end }, true);
  }
  const span = { start, end };
  switch (r[0]) {
    case 1:
      return { type: 'list', items: (r[3] as Encoded[]).map(decodeValue), span };
    case 2:
      return { type: 'map', fields: (r[3] as Encoded[]).map(decodeField), span };
    default:
      throw new Unknown(`value ${String(r[0])}`);
  }
}

/** How many items a reference takes in its entity's record, and where each lies among them. */
const REF_ITEMS = 11;
const R = { field: 0, expected: 1, form: 2, text: 3, start: 4, end: 5, id: 6, path: 7, anchor: 8, target: 9, external: 10 } as const;

/** A reference as REF_ITEMS items (in R's order) of its entity's record. */
function encodeRefInto(r: Reference, link: (e: Entity | undefined) => number, out: Encoded): void {
  known(r, REF_KEYS);
  out.push(wordCode(r.field), wordCode(r.expected), wordCode(r.form), r.text, r.span.start, r.span.end, r.id === undefined ? null : r.id === r.text ? 0 : r.id, r.path ?? null, r.anchor ?? null, link(r.implicitTarget), r.external === undefined ? 0 : r.external ? 1 : 2);
}

/** An entity's references, from their items (encodeRefInto). */
function decodeRefs(r: Encoded): Reference[] {
  if (r.length % REF_ITEMS !== 0) throw new Unknown('a reference');
  const refs: Reference[] = new Array(r.length / REF_ITEMS);
  for (let j = 0, k = 0; k < r.length; j++, k += REF_ITEMS) {
    const text = r[k + R.text] as string;
    // With a target (set by decodeRecord once the file's entities exist), in the form the parse has (compactEntities).
    const ref = new ((r[k + R.target] as number) >= 0 ? ImplicitReference : IndexedReference)(wordText(r[k + R.field]), wordText(r[k + R.expected]) as EntityKind, wordText(r[k + R.form]) as Reference['form'], text, r[k + R.start] as number, r[k + R.end] as number);
    const id = r[k + R.id] as string | 0 | null;
    if (id !== null) ref.id = id === 0 ? text : id;
    const path = r[k + R.path] as string | null;
    if (path !== null) ref.path = path;
    const anchor = r[k + R.anchor] as string | null;
    if (anchor !== null) ref.anchor = anchor;
    const external = r[k + R.external] as number;
    if (external !== 0) ref.external = external === 1;
    refs[j] = ref;
  }
  return refs;
}

function encodeTemplated(t: TemplatedFile): Encoded {
  known(t, TEMPLATED_KEYS);
  return [t.template.identity, t.role, t.sections, encodeSpan(t.anchor), t.fields.map(encodeField)];
}

function decodeTemplated(r: Encoded, template: (identity: string) => CompiledTemplate): TemplatedFile {
  const [identity, role, sections, anchor, fields] = r as [string, TemplatedFile['role'], SectionFact[], [number, number], Encoded[]];
  return { template: template(identity), role, sections, anchor: { start: anchor[0], end: anchor[1] }, fields: fields.map(decodeField) };
}
