import type { Entity, EntityKind, Field, FieldValue, Reference, ReferenceForm, ScalarValue } from './entity.js';
import type { Span } from './span.js';

/**
 * The forms in which the index keeps the most numerous objects of a parse: a field and its scalar
 * value (about seven of each per entity, half a million of each at 10k heavy documents), and a
 * reference (two per entity).
 * Each holds its range as two numbers and makes a Span only when one is read: a Span object of its
 * own costs 40 bytes on a 64-bit heap and one more object for every garbage collection to visit,
 * two per field, which made them the largest single part of the index. They are what the model's
 * interfaces say (`span`, `keySpan` read and assign as before), built by compactEntities and by the
 * lint cache's decoder; parsers keep writing plain objects.
 *
 * A Span read from them is a new object each time: compare ranges by their offsets, never by identity.
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

/** A scalar in its indexed form (`derived` kept only when true, as the parsers write it). */
export function indexedScalar(value: ScalarValue['value'], text: string, span: Span, derived: boolean | undefined): IndexedScalar {
  const scalar = new IndexedScalar(value, text, span.start, span.end);
  if (derived) scalar.derived = true;
  return scalar;
}

export class IndexedReference implements Reference {
  // Set only when there is one, as the parsers write them.
  declare id?: string;
  declare path?: string;
  declare anchor?: string;
  declare implicitTarget?: Entity;
  declare external?: boolean;

  constructor(
    public field: string,
    public expected: EntityKind,
    public form: ReferenceForm,
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
