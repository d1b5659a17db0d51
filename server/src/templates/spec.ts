import type { EntityKind } from '../model/entity.js';

/**
 * Where one field is read (docs/templates.md "Where each field is read"): a key path of the YAML
 * document or front matter (a string is a key path), a list-header line, a key/value table row, a
 * section, or the part of the document's title or of the file's path that a regular expression
 * captures (of a header line or table row too, with `capture`).
 */
export type FieldSource = string | { key: string } | ({ header: string } & Capture) | ({ table: string } & Capture) | { section: string } | { title: string } | { path: string } | HeadingSource;

/** A header line's or table row's value may be read in part: what a regular expression captures (`#(\\d+)` in `[rust-lang/rfcs#3505](…)`). */
export interface Capture {
  capture?: string;
}

/**
 * Entities inside a file: a field read from the nearest heading around the entity (its own, then
 * each enclosing one) whose text matches `heading`; `value` rewrites the match (`$1-Q$2`, as
 * String.replace does), else the first group, else the whole match. `## 2027 Q1` gives an
 * objective under it `period: 2027-Q1`.
 */
export interface HeadingSource {
  heading: string;
  value?: string;
}

/** A condition on a file's content: the source is present (and not empty), equals a value, or matches a pattern. */
export type TemplateCondition = Exclude<FieldSource, string | HeadingSource> & {
  equals?: string | number | boolean | (string | number | boolean)[];
  matches?: string;
};

export interface SiblingSpec {
  /** File name in the main file's folder (`README.md`). */
  file: string;
  'required-sections'?: string[];
  fields?: Record<string, FieldSource | FieldSource[]>;
}

/**
 * Where the entities of one kind sit inside a file (docs/templates.md "Entities inside a file"):
 * headings, the list items under a heading, or the rows of a table under a heading.
 */
export interface InnerEntitySpec {
  kind: EntityKind;
  /** Each heading of this level (whose text `matches`, under a heading whose text matches `under`) is an entity. */
  heading?: { level: number; matches?: string; under?: string };
  /** Each top-level list item in the own text of an entity of kind `in`, or of a heading named `under-heading`. */
  'list-items'?: { in?: EntityKind; 'under-heading'?: string };
  /** Each row of the tables in the own text of an entity of kind `in`, or of a heading named `under-heading`. */
  'table-rows'?: { in?: EntityKind; 'under-heading'?: string; columns: Record<string, string> };
  'id-prefix'?: string;
  /** Heading entities: fields read from `Key: value` lines in the heading's own text (`{ header: Owner }`). */
  fields?: Record<string, FieldSource | FieldSource[]>;
  schema?: Record<string, unknown>;
  references?: Record<string, EntityKind>;
  links?: string[];
  active?: string[];
  'allow-placeholders'?: string[];
}

/** One template as written in a config's `templates:` or in a preset (docs/templates.md). */
export interface TemplateSpec {
  name: string;
  extends?: string;
  files?: string | string[];
  exclude?: string[];
  when?: TemplateCondition;
  kind?: EntityKind;
  id?: 'file' | 'folder';
  'id-prefix'?: string;
  fields?: Record<string, FieldSource | FieldSource[]>;
  schema?: Record<string, unknown>;
  'required-sections'?: string[];
  references?: Record<string, EntityKind>;
  links?: string[];
  active?: string[];
  'allow-placeholders'?: string[];
  sibling?: SiblingSpec;
  /** Instead of `kind`: the entities inside each matched file. */
  entities?: InnerEntitySpec[];
}

/** A template after `extends` is resolved, tagged with the folder its globs are relative to. */
export interface ResolvedTemplate extends TemplateSpec {
  files: string | string[];
  /** Undefined when the template declares `entities` inside each file instead. */
  kind?: EntityKind;
  /** Absolute folder the globs are relative to (the declaring config's folder, or the lint root for presets). */
  base: string;
  /** Where it came from: `preset:kep` or `config`. */
  origin: string;
  /** For a config's own template: the config file and its position in `templates` (for errors). */
  source?: { config: string; index: number };
}

/** A built-in preset: a named, documented set of templates (server/src/presets/<name>.ts). */
export interface Preset {
  name: string;
  description: string;
  templates: TemplateSpec[];
}

export function sourcesOf(value: FieldSource | FieldSource[] | undefined): FieldSource[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
