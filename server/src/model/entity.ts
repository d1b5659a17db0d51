import type { Span } from './span.js';
import type { CompiledTemplate } from '../templates/compiled.js';

export type EntityKind = 'objective' | 'metric' | 'initiative' | 'owner' | 'prd';
/** How an entity was written: a list item of a *.strategy.yaml file, a document's front matter, or a heading. */
export type EntityForm = 'yaml' | 'front-matter' | 'heading';

export interface ScalarValue {
  type: 'scalar';
  /** Typed value (YAML gives numbers/booleans/null; Markdown always gives strings, '' when empty). */
  value: string | number | boolean | null;
  /** Source text of the value exactly as written (quotes included for quoted YAML scalars). */
  text: string;
  span: Span;
  /**
   * Read through a template's pattern from a heading (`2027 Q1` → `2027-Q1`, docs/templates.md
   * `{ heading: … }`) or from the file's path (`{ path: … }`): `span` is the heading text it came
   * from, or the entity's anchor, not the value, so no fix rewrites it.
   */
  derived?: boolean;
}

export interface ListValue {
  type: 'list';
  items: FieldValue[];
  span: Span;
}

export interface MapValue {
  type: 'map';
  fields: Field[];
  span: Span;
}

export type FieldValue = ScalarValue | ListValue | MapValue;

export interface Field {
  /** Canonical key: lower-case, words joined by '-' (`Key Results` → `key-results`). */
  key: string;
  /** The key as written. */
  keyText: string;
  keySpan: Span;
  value: FieldValue;
}

export type ReferenceForm = 'id' | 'wiki' | 'link' | 'implicit';

/** A place where one entity points at another. Owners are references too (expected kind `owner`). */
export interface Reference {
  /** Canonical field name the reference was written in (`objective`, `metrics`, `owner`, …). */
  field: string;
  expected: EntityKind;
  form: ReferenceForm;
  /** Source text of the reference (`OBJ-smb`, `[[OBJ-smb]]`, `[plan](plan.md#x)`). */
  text: string;
  span: Span;
  /** Target id for `id`/`wiki` forms (owners: without the leading `@`). */
  id?: string;
  /** Absolute, '/'-separated path of the linked document (`link` form with a file part). */
  path?: string;
  /** Anchor of a `link` form, without `#`, as written. */
  anchor?: string;
  /** For `implicit` links created by nesting: the enclosing entity. */
  implicitTarget?: Entity;
  /** True when the link points outside the workspace (http:, mailto:, …). */
  external?: boolean;
}

export interface Entity {
  kind: EntityKind;
  form: EntityForm;
  /** Absolute path of the declaring file ('/'-separated). */
  file: string;
  /** Id in the workspace namespace (owners without `@`); '' when none could be determined. */
  id: string;
  /** Span of the explicit id value; undefined when the id is derived (slug, file name). */
  idSpan?: Span;
  title?: string;
  /** Where entity-level findings go (§6): heading, YAML id value (or first key), front matter kind value. */
  anchor: Span;
  /** The whole declaration (heading section, YAML mapping, whole document). */
  extent: Span;
  /** GitHub anchor of the full heading text (heading form only). */
  headingSlug?: string;
  fields: Field[];
  refs: Reference[];
  /** Enclosing entity in the same file (YAML nesting or heading nesting), if any. */
  enclosing?: Entity;
  /** Where new fields can be inserted (offset) and the text that must precede/follow such a field. */
  insertion: FieldInsertion;
  /**
   * The template that read this entity (docs/templates.md), shared by all it read. Its fields are
   * named in the template's vocabulary and checked by its schema, not by the model's field table.
   */
  template?: CompiledTemplate;
}

/** How a fix adds a field to this entity, decided by the parser that knows the form's layout. */
export interface FieldInsertion {
  offset: number;
  /** Renders one `key: value` field as text to insert at `offset`. */
  style: 'yaml-block' | 'yaml-flow' | 'markdown-list' | 'markdown-new-list' | 'front-matter';
  indent: string;
  eol: string;
  /** Text to add after the new field (a blank line when the field would otherwise run into a paragraph). */
  suffix?: string;
  /**
   * An entity read inside a templated file (docs/templates.md "Entities inside a file"): the form
   * it sits in decides which fields a new line can carry and how the document writes one otherwise.
   */
  inner?: InnerPlace;
}

/**
 * Where an entity inside a templated file sits, for fixes and messages that add a field to it:
 * - `heading`: `Key: value` lines under the heading are its fields, for the keys the template
 *   reads (`lines`: field name → what a new line writes before the value, in the shape the file
 *   already uses for that key — `**Owner:** ` — else `- Key: `);
 * - `list-item`: an owner is `(@handle)` at the end of the item's first line (`ownerAt`), other
 *   fields are `- Key: value` sub-items (inserted at `offset` with `indent`);
 * - `table-row`: each field is a cell under its column (`columns`: field name → column header, as
 *   the template maps them); `present`: the fields whose column this table has. A row takes no
 *   new line: only a cell can be filled.
 */
export type InnerPlace =
  | { form: 'heading'; lines: Record<string, string> }
  | { form: 'list-item'; ownerAt: number }
  | { form: 'table-row'; columns: Record<string, string>; present: string[] };

export function getField(entity: Entity, key: string): Field | undefined {
  return entity.fields.find((f) => f.key === key);
}

export function getFields(entity: Entity, key: string): Field[] {
  return entity.fields.filter((f) => f.key === key);
}
