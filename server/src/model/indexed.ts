import type { Entity, EntityForm, EntityKind, Field, FieldInsertion, FieldValue, Reference, ReferenceForm, ScalarValue } from './entity.js';
import type { CompiledTemplate } from '../templates/compiled.js';
import type { IncomingReference } from '../index/workspaceIndex.js';
import type { Span } from './span.js';

/**
 * The forms in which the index keeps the most numerous objects of a parse: a field and its scalar
 * value (about seven per entity, half a million at 10k heavy documents: most in one object, a
 * TextField or ScalarField), a reference (two per entity) and the entity itself.
 * Each holds its ranges as numbers and makes a Span only when one is read: a Span object of its
 * own costs 40 bytes on a 64-bit heap and one more object for every garbage collection to visit,
 * two per field, which made them the largest single part of the index. They are what the model's
 * interfaces say (`span`, `keySpan` read as before), built by compactEntities and by the lint
 * cache's decoder; parsers keep writing plain objects.
 *
 * A Span (or a compact field's scalar) read from them is a new object each time: compare ranges by
 * their offsets and values by their contents, never by identity.
 */
export class IndexedScalar implements ScalarValue {
  /** On the prototype (below): the same for every scalar, so not a slot in each. */
  declare readonly type: 'scalar';
  /** Set only when true (docs/templates.md: a value read through a pattern). */
  declare derived?: boolean;

  constructor(
    public value: string | number | boolean | null,
    public text: string,
    public start: number,
    public end: number,
  ) {}

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  set span(span: Span) {
    this.start = span.start;
    this.end = span.end;
  }
}

Object.defineProperty(IndexedScalar.prototype, 'type', { value: 'scalar', enumerable: true });

export class IndexedField implements Field {
  constructor(
    public key: string,
    public keyText: string,
    public keyStart: number,
    public keyEnd: number,
    public value: FieldValue,
  ) {}

  get keySpan(): Span {
    return { start: this.keyStart, end: this.keyEnd };
  }

  set keySpan(span: Span) {
    this.keyStart = span.start;
    this.keyEnd = span.end;
  }
}

/**
 * A field whose value is a scalar, the commonest field by far (nine in ten at 10k heavy documents),
 * in one object instead of an IndexedField and its IndexedScalar: 72 bytes instead of 120 (64 for a
 * TextField), and one object fewer for each garbage collection to visit. Both ranges are the text
 * they cover, so each keeps only its start (`indexedField` picks this form only when that holds).
 * `value` makes the scalar when it is read, a new one each time (like a span): compare values by
 * their contents.
 */
abstract class CompactField implements Field {
  /** The scalar's typed value. */
  abstract readonly scalar: ScalarValue['value'];

  constructor(
    public key: string,
    public keyText: string,
    public keyStart: number,
    /** The scalar's source text. */
    public valueText: string,
    public valueStart: number,
  ) {}

  get keyEnd(): number {
    return this.keyStart + this.keyText.length;
  }

  get keySpan(): Span {
    return { start: this.keyStart, end: this.keyStart + this.keyText.length };
  }

  get value(): ScalarValue {
    return new IndexedScalar(this.scalar, this.valueText, this.valueStart, this.valueStart + this.valueText.length);
  }

  /** As JSON, what the model's Field says (the lint cache compares parses by their JSON, positions left out). */
  toJSON(): Field {
    return { key: this.key, keyText: this.keyText, keySpan: this.keySpan, value: this.value };
  }
}

/** A scalar field whose typed value is not its text (a number, a boolean, null, a quoted string). */
export class ScalarField extends CompactField {
  constructor(key: string, keyText: string, keyStart: number, valueText: string, valueStart: number, public scalar: ScalarValue['value']) {
    super(key, keyText, keyStart, valueText, valueStart);
  }
}

/** A scalar field whose value is its text (every Markdown value, a plain YAML string): one slot fewer. */
export class TextField extends CompactField {
  get scalar(): string {
    return this.valueText;
  }
}

/** A field in its indexed form: a TextField or ScalarField where it can be, else an IndexedField. */
export function indexedField(key: string, keyText: string, keyStart: number, keyEnd: number, value: FieldValue): Field {
  if (value instanceof IndexedScalar && !value.derived && keyEnd - keyStart === keyText.length && value.end - value.start === value.text.length) {
    if (value.value === value.text) return new TextField(key, keyText, keyStart, value.text, value.start);
    return new ScalarField(key, keyText, keyStart, value.text, value.start, value.value);
  }
  return new IndexedField(key, keyText, keyStart, keyEnd, value);
}

/** A scalar in its indexed form (`derived` kept only when true, as the parsers write it). */
export function indexedScalar(value: ScalarValue['value'], text: string, span: Span, derived: boolean | undefined): IndexedScalar {
  const scalar = new IndexedScalar(value, text, span.start, span.end);
  if (derived) scalar.derived = true;
  return scalar;
}

export class IndexedReference implements Reference {
  /** Undefined when there is none; in the object from the start, as nearly every reference has one. */
  id?: string = undefined;
  // Set only when there is one, as the parsers write them (links and nesting, the fewer).
  declare path?: string;
  declare anchor?: string;
  declare implicitTarget?: Entity;
  declare external?: boolean;
  /**
   * The entity that wrote it, set when the workspace index takes it in (`indexedBy`): the reference
   * is then its own entry among the index's reverse references (an IncomingReference, `{ ref, from }`),
   * instead of an object of two slots per reference (140k at 10k heavy documents). A private field:
   * a slot of each reference from the start (set later, it would cost each reference a property
   * array), which no enumeration sees (see indexedBy), and cheap to make (a slot made non-enumerable
   * with Object.defineProperty cost ~0.1 s per 140k references restored from the lint cache).
   */
  #from: Entity | undefined = undefined;

  constructor(
    public field: string,
    public expected: EntityKind,
    public form: ReferenceForm,
    public text: string,
    public start: number,
    public end: number,
  ) {}

  /** The entity that wrote it, once the index took it in (see #from). */
  get from(): Entity | undefined {
    return this.#from;
  }

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  set span(span: Span) {
    this.start = span.start;
    this.end = span.end;
  }

  /** Itself, as an IncomingReference entry (see `from`). */
  get ref(): Reference {
    return this;
  }

  /**
   * Makes the reference its own IncomingReference entry for the entity that wrote it. `from` is no
   * own property (JSON, spreads, `for…in` and deep equality do not see it): like the index's other
   * links it is no part of the parse (the lint cache neither writes nor compares it, and a parse
   * restored from the cache equals the parser's).
   */
  indexedBy(from: Entity): IncomingReference {
    this.#from = from;
    return this as IncomingReference;
  }
}

/**
 * A reference implied by nesting (a third of all at 10k heavy documents), whose target is set once
 * the file's entities exist: in a slot of its own from the start. Set later on an IndexedReference,
 * it cost each of them a property array (40 bytes, 46k of them: 1.8 MB) for one 8-byte slot; a slot
 * in every reference would cost the others 1.1 MB.
 */
export class ImplicitReference extends IndexedReference {
  override implicitTarget: Entity | undefined = undefined;
}

/**
 * An entity as the index keeps it: its id, anchor and extent ranges as numbers (three Span objects
 * fewer per entity, 40 bytes and one object for the collector each), made into Spans when read
 * (a new one each time: compare ranges by their offsets). Every property has its slot from the
 * start, in one order, so that all entities of a form share one shape. Its `fields` are the
 * subclass's: an array (IndexedEntity, built by compactEntities and by the lint cache's decoder) or
 * decoded when first read (cache/restoredEntity.ts).
 */
export abstract class CompactEntity implements Entity {
  // Undefined when there is none. Slots from the start: set later, they would cost each entity a property array.
  title?: string = undefined;
  headingSlug?: string = undefined;
  enclosing?: Entity = undefined;
  template?: CompiledTemplate = undefined;
  refs: Reference[] = [];
  /** `insertion.offset`; the rest of `insertion` is insertionPlace, shared by the entities that insert alike. */
  insertionOffset = 0;
  insertionPlace: InsertionPlace = DEFAULT_PLACE;
  /** -1: no explicit id (the id is derived). */
  idStart = -1;
  idEnd = -1;
  anchorStart = 0;
  anchorEnd = 0;
  extentStart = 0;
  extentEnd = 0;
  abstract fields: Field[];

  constructor(
    public kind: EntityKind,
    public form: EntityForm,
    public file: string,
    public id: string,
  ) {}

  get idSpan(): Span | undefined {
    return this.idStart < 0 ? undefined : { start: this.idStart, end: this.idEnd };
  }

  /** A new object each time, like a span: change it by assigning a whole one. */
  get insertion(): FieldInsertion {
    return { offset: this.insertionOffset, ...this.insertionPlace };
  }

  set insertion(insertion: FieldInsertion) {
    const { offset, ...place } = insertion;
    this.insertionOffset = offset;
    this.insertionPlace = sharedPlace(place);
  }

  set idSpan(span: Span | undefined) {
    this.idStart = span ? span.start : -1;
    this.idEnd = span ? span.end : -1;
  }

  get anchor(): Span {
    return { start: this.anchorStart, end: this.anchorEnd };
  }

  set anchor(span: Span) {
    this.anchorStart = span.start;
    this.anchorEnd = span.end;
  }

  get extent(): Span {
    return { start: this.extentStart, end: this.extentEnd };
  }

  set extent(span: Span) {
    this.extentStart = span.start;
    this.extentEnd = span.end;
  }

  /**
   * As JSON, what the model's Entity says (the lint cache compares parses by their JSON, positions
   * left out); `fields` when they are an own property (not an accessor's, still to be decoded).
   */
  toJSON(): Entity {
    const { idStart: _idStart, idEnd: _idEnd, anchorStart: _anchorStart, anchorEnd: _anchorEnd, extentStart: _extentStart, extentEnd: _extentEnd, insertionOffset: _offset, insertionPlace: _place, ...own } = this;
    return { ...own, ...(this.idStart < 0 ? {} : { idSpan: this.idSpan }), anchor: this.anchor, extent: this.extent, insertion: this.insertion } as Entity;
  }
}

/** A FieldInsertion but for its offset. */
export type InsertionPlace = Omit<FieldInsertion, 'offset'>;

const DEFAULT_PLACE: InsertionPlace = Object.freeze({ style: 'yaml-block', indent: '', eol: '\n' });

/**
 * The places seen so far, by their contents: the entities of a workspace insert fields in a few
 * ways (a form, an indent, a line ending), so all but one object per way was a copy (64k of them,
 * 3 MB at 10k heavy documents). A place inside a templated file (`inner`) is the entity's own.
 * Filled until full, then only read (an editor session cannot grow it).
 */
const places = new Map<string, InsertionPlace>();
const PLACES_SIZE = 1000;

/** The place last shared: entities read one after the other mostly insert alike. */
let lastShared: InsertionPlace = DEFAULT_PLACE;

/**
 * The shared InsertionPlace for these parts (not inside a template's block), without the key
 * sharedPlace makes: the lint cache's decoder sets 64k of them at 10k heavy documents.
 */
export function sharedPlaceOf(style: FieldInsertion['style'], indent: string, eol: string, suffix: string | undefined): InsertionPlace {
  const last = lastShared;
  if (last.style === style && last.indent === indent && last.eol === eol && last.suffix === suffix) return last;
  return (lastShared = sharedPlace(suffix === undefined ? { style, indent, eol } : { style, indent, eol, suffix }));
}

function sharedPlace(place: InsertionPlace): InsertionPlace {
  if (place.inner) return place;
  const key = `${place.style}\0${place.indent}\0${place.eol}\0${place.suffix ?? '\u0001'}`;
  const known = places.get(key);
  if (known) return known;
  const own: InsertionPlace = Object.freeze(place.suffix === undefined ? { style: place.style, indent: place.indent, eol: place.eol } : { style: place.style, indent: place.indent, eol: place.eol, suffix: place.suffix });
  if (places.size < PLACES_SIZE) places.set(key, own);
  return own;
}

/** A CompactEntity whose fields are an array of their own. */
export class IndexedEntity extends CompactEntity {
  fields: Field[] = [];

  /** `entity` in this form (its fields, references and links as they are: the caller's to convert). */
  static of(entity: Entity): IndexedEntity {
    const own = new IndexedEntity(entity.kind, entity.form, entity.file, entity.id);
    own.idSpan = entity.idSpan;
    own.title = entity.title;
    own.anchor = entity.anchor;
    own.extent = entity.extent;
    own.headingSlug = entity.headingSlug;
    own.fields = entity.fields;
    own.refs = entity.refs;
    own.enclosing = entity.enclosing;
    own.insertion = entity.insertion;
    own.template = entity.template;
    return own;
  }
}
