import type { EntityKind } from '../model/entity.js';

/**
 * Where one field is read (docs/templates.md "Where each field is read"): a key path of the YAML
 * document or front matter (a string is a key path), a list-header line, a key/value table row, or
 * a section.
 */
export type FieldSource = string | { key: string } | { header: string } | { table: string } | { section: string };

/** A condition on a file's content: the source is present (and not empty), equals a value, or matches a pattern. */
export type TemplateCondition = Exclude<FieldSource, string> & {
  equals?: string | number | boolean | (string | number | boolean)[];
  matches?: string;
};

export interface SiblingSpec {
  /** File name in the main file's folder (`README.md`). */
  file: string;
  'required-sections'?: string[];
  fields?: Record<string, FieldSource | FieldSource[]>;
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
}

/** A template after `extends` is resolved, tagged with the folder its globs are relative to. */
export interface ResolvedTemplate extends TemplateSpec {
  files: string | string[];
  kind: EntityKind;
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
