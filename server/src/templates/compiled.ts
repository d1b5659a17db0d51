import { readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { ValidateFunction } from 'ajv';
import type { EntityKind } from '../model/entity.js';
import { canonicalKey } from '../model/kinds.js';
import { relativeInside } from '../files/paths.js';
import { filesOf } from './resolve.js';
import { alternativeKeys } from './markdownFacts.js';
import { compileTemplateSchema } from './schemaValidator.js';
import { sourcesOf, type FieldSource, type InnerEntitySpec, type ResolvedTemplate, type TemplateCondition } from './spec.js';

/**
 * A template ready to read files: its globs compiled, its schema compiled (on first use), its lists
 * turned into sets. One object per template, shared by every entity it reads (entities point at it).
 */
export class CompiledTemplate {
  readonly name: string;
  /** Undefined for a template of entities inside files (`inner`). */
  readonly kind: EntityKind | undefined;
  /**
   * Where entities sit inside each file, each with the template its entities point at (a child
   * sharing this one's name, globs and base, with the inner spec's kind, fields, schema and links).
   */
  readonly inner: readonly { spec: InnerEntitySpec; template: CompiledTemplate }[];
  /** Changes whenever anything that shapes a parse changes: part of the parse cache key. */
  readonly identity: string;
  readonly idFrom: 'file' | 'folder';
  readonly idPrefix: string;
  /** Canonical field name → its sources, in the order written. */
  readonly fields: ReadonlyMap<string, FieldSource[]>;
  readonly siblingFields: ReadonlyMap<string, FieldSource[]>;
  readonly when: TemplateCondition | undefined;
  readonly requiredSections: readonly string[];
  readonly siblingFile: string | undefined;
  readonly siblingSections: readonly string[];
  /**
   * The heading keys (markdownFacts.ts, headingKey) of the sections required of a main file and of
   * its sibling, alternatives included: a parse keeps only those sections (required-section reads them).
   */
  readonly requiredSectionKeys: { readonly main: ReadonlySet<string>; readonly sibling: ReadonlySet<string> };
  /** Links the template requires (initiative-owner… / prd-link fire only for these). */
  readonly links: ReadonlySet<string>;
  readonly active: ReadonlySet<string>;
  readonly allowPlaceholders: ReadonlySet<string>;
  /** Field → kind of the entities it refers to (beyond the model's own reference fields). */
  readonly references: ReadonlyMap<string, EntityKind>;
  /** Fields the schema requires at its top level (`required`): an empty one is a missing value. */
  readonly required: ReadonlySet<string>;
  /** Fields read only from sections: their emptiness is required-section's to report. */
  readonly sectionFields: ReadonlySet<string>;
  private readonly base: string;
  private readonly matches: (rel: string) => boolean;
  private readonly excluded: (rel: string) => boolean;
  private readonly schema: Record<string, unknown> | undefined;
  private compiledSchema: ValidateFunction | undefined;
  private schemaTypes: Map<string, unknown> | undefined;

  constructor(spec: ResolvedTemplate) {
    this.name = spec.name;
    this.kind = spec.kind;
    this.base = spec.base;
    this.identity = createHash('sha1').update(JSON.stringify(spec)).digest('base64').slice(0, 12);
    this.idFrom = spec.id ?? 'file';
    this.idPrefix = spec['id-prefix'] ?? '';
    this.fields = fieldMap(spec.fields);
    this.siblingFields = fieldMap(spec.sibling?.fields);
    this.when = spec.when;
    this.requiredSections = spec['required-sections'] ?? [];
    this.siblingFile = spec.sibling?.file;
    this.siblingSections = spec.sibling?.['required-sections'] ?? [];
    this.requiredSectionKeys = { main: sectionKeys(this.requiredSections), sibling: sectionKeys(this.siblingSections) };
    this.links = new Set(spec.links ?? []);
    this.active = new Set((spec.active ?? []).map((s) => s.toLowerCase()));
    this.allowPlaceholders = new Set((spec['allow-placeholders'] ?? []).map(canonicalKey));
    this.references = new Map(Object.entries(spec.references ?? {}).map(([field, kind]) => [canonicalKey(field), kind]));
    this.sectionFields = new Set([...this.fields].filter(([, sources]) => sources.every((s) => typeof s === 'object' && 'section' in s)).map(([name]) => name));
    this.schema = spec.schema;
    this.required = new Set(((spec.schema?.required as unknown[] | undefined) ?? []).map((name) => canonicalKey(String(name))));
    this.matches = picomatch(filesOf(spec), { dot: true });
    this.excluded = spec.exclude?.length ? picomatch(spec.exclude, { dot: true }) : () => false;
    this.inner = (spec.entities ?? []).map((inner) => {
      const { heading: _h, 'list-items': _l, 'table-rows': _t, ...rest } = inner;
      return { spec: inner, template: new CompiledTemplate({ ...rest, name: spec.name, files: spec.files, ...(spec.exclude ? { exclude: spec.exclude } : {}), base: spec.base, origin: spec.origin }) };
    });
  }

  /** Whether `filePath` (absolute, '/'-separated) is one of the files this template reads. */
  reads(filePath: string): boolean {
    let reads = this.readsMemo.get(filePath);
    if (reads === undefined) {
      // Asked several times of each file (its candidates, a sibling's folder, the exclusions): the globs are matched once.
      const rel = relativeInside(this.base, filePath);
      reads = rel !== undefined && rel !== '' && this.matches(rel) && !this.excluded(rel);
      this.readsMemo.set(filePath, reads);
    }
    return reads;
  }

  private readonly readsMemo = new Map<string, boolean>();

  /**
   * How the author writes a field, for messages: its first source's key (`owning-sig` for a field
   * `owner` read from `owning-sig`), header, table key or section; the field's name when it has none.
   */
  writtenName(field: string): string {
    const source = this.fields.get(field)?.[0] ?? this.siblingFields.get(field)?.[0];
    if (source === undefined) return field;
    if (typeof source === 'string' || 'key' in source) {
      const path = typeof source === 'string' ? source : source.key;
      return path.replace(/\[\d+\]$/, '');
    }
    if ('heading' in source || 'path' in source || 'title' in source) return field;
    return 'header' in source ? source.header : 'table' in source ? source.table : source.section;
  }

  /** The file's path relative to the folder the template's globs are relative to (what a `path` source reads). */
  relativePath(filePath: string): string {
    return relativeInside(this.base, filePath) ?? filePath;
  }

  /** Whether the template's globs name the file but its `exclude` removes it (a repository's own blank template). */
  excludes(filePath: string): boolean {
    const rel = relativeInside(this.base, filePath);
    return rel !== undefined && rel !== '' && this.matches(rel) && this.excluded(rel);
  }

  /** The schema's validator; undefined when the template has no schema. */
  get validate(): ValidateFunction | undefined {
    if (!this.schema) return undefined;
    return (this.compiledSchema ??= compileTemplateSchema(this.schema));
  }

  /** The `type` the schema gives a field at its top level, if it says one. */
  schemaType(field: string): unknown {
    if (!this.schemaTypes) {
      // Asked for every field of every file read: the schema's top-level properties are read once.
      this.schemaTypes = new Map();
      const properties = this.schema?.properties as Record<string, { type?: unknown } | undefined> | undefined;
      for (const [name, sub] of Object.entries(properties ?? {})) if (!this.schemaTypes.has(canonicalKey(name))) this.schemaTypes.set(canonicalKey(name), sub?.type);
    }
    return this.schemaTypes.get(field);
  }

  /** Values the schema allows for a field (`enum`, or `const`), for completion. */
  allowedValues(field: string): string[] {
    const values = new Set<string>();
    const visit = (schema: unknown): void => {
      if (!schema || typeof schema !== 'object') return;
      const s = schema as Record<string, unknown>;
      const properties = s.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [name, sub] of Object.entries(properties ?? {})) {
        if (canonicalKey(name) !== field || !sub) continue;
        for (const v of (sub.enum as unknown[] | undefined) ?? []) values.add(String(v));
        if (sub.const !== undefined) values.add(String(sub.const));
        const items = sub.items as Record<string, unknown> | undefined;
        for (const v of (items?.enum as unknown[] | undefined) ?? []) values.add(String(v));
      }
      for (const key of ['allOf', 'anyOf', 'oneOf']) for (const branch of (s[key] as unknown[] | undefined) ?? []) visit(branch);
    };
    visit(this.schema);
    return [...values];
  }
}

function fieldMap(fields: Record<string, FieldSource | FieldSource[]> | undefined): Map<string, FieldSource[]> {
  return new Map(Object.entries(fields ?? {}).map(([name, sources]) => [canonicalKey(name), sourcesOf(sources)]));
}

/** How a template reads a file: as its main document, or as the sibling of one (a KEP's README.md). */
export interface TemplateCandidate {
  template: CompiledTemplate;
  role: 'main' | 'sibling';
}

/** The templates of one configuration, and which of them may read a given file. */
export class TemplateSet {
  readonly templates: readonly CompiledTemplate[];
  /** Folder → whether it holds a main file of the template (by template index); siblings need one. */
  private readonly mainInFolder = new Map<string, boolean[]>();

  constructor(specs: readonly ResolvedTemplate[]) {
    this.templates = specs.map((s) => new CompiledTemplate(s));
  }

  get empty(): boolean {
    return this.templates.length === 0;
  }

  private identities: Map<string, CompiledTemplate> | undefined;

  /** A template or one of its inner templates by identity (the lint cache stores an entity's template so). */
  byIdentity(identity: string): CompiledTemplate | undefined {
    if (!this.identities) {
      this.identities = new Map();
      const add = (t: CompiledTemplate) => {
        if (!this.identities!.has(t.identity)) this.identities!.set(t.identity, t);
        for (const inner of t.inner) add(inner.template);
      };
      for (const t of this.templates) add(t);
    }
    return this.identities.get(identity);
  }

  /**
   * Templates whose globs name the file (content conditions are tested by the reader), main files
   * first. A sibling (a KEP's README.md) counts only beside a main file: one on disk, or one of
   * `known` (files loaded but not on disk: unsaved buffers, tests), or of `listed` (the files of
   * the folder the caller found already: the CLI's discovery, which saves reading the folder again).
   */
  candidatesFor(filePath: string, known?: () => Iterable<string>, listed?: readonly string[]): TemplateCandidate[] {
    if (!this.templates.length) return [];
    const out: TemplateCandidate[] = [];
    for (const template of this.templates) if (template.reads(filePath)) out.push({ template, role: 'main' });
    const name = posix.basename(filePath);
    this.templates.forEach((template, i) => {
      if (template.siblingFile !== name) return;
      const dir = posix.dirname(filePath);
      const beside = (p: string) => posix.dirname(p) === dir && template.reads(p);
      if (listed?.some(beside) || this.folderHasMain(dir, i) || [...(known?.() ?? [])].some(beside)) out.push({ template, role: 'sibling' });
    });
    return out;
  }

  /** Whether some template reads a file of this name beside its main file (`README.md`). */
  isSiblingName(name: string): boolean {
    return this.templates.some((t) => t.siblingFile === name);
  }

  /** Whether some template's globs name the file and its `exclude` removes it. */
  excludes(filePath: string): boolean {
    return this.templates.some((t) => t.excludes(filePath));
  }

  private folderHasMain(dir: string, templateIndex: number): boolean {
    let known = this.mainInFolder.get(dir);
    if (!known) {
      let names: string[] = [];
      try {
        names = readdirSync(dir);
      } catch {
        // An unreadable folder holds no main file we could read either.
      }
      known = this.templates.map((t) => names.some((n) => t.reads(`${dir}/${n}`)));
      this.mainInFolder.set(dir, known);
    }
    return known[templateIndex]!;
  }
}

/** The cache key part of a file's candidates: a parse is reused only with the same templates in the same roles. */
export function candidatesKey(candidates: readonly TemplateCandidate[]): string {
  return candidates.map((c) => `${c.template.identity}:${c.role}`).join(',');
}

/** Every alternative of the required sections (`A|B`), as heading keys. */
function sectionKeys(required: readonly string[]): ReadonlySet<string> {
  return new Set(required.flatMap(alternativeKeys));
}
