import { parseDocument, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { posix } from 'node:path';
import type { Entity, EntityForm, Field, FieldInsertion, FieldValue, Reference, ScalarValue } from '../model/entity.js';
import type { FileLanguage, ParseNote, TemplatedFile } from '../model/file.js';
import { canonicalKey, kindFromWord } from '../model/kinds.js';
import type { Span } from '../model/span.js';
import { blankOut, findFrontMatter } from '../parse/frontMatter.js';
import { detached } from '../parse/compact.js';
import { collectReferences, scalarItems } from '../parse/entityRefs.js';
import { parseReference, splitListText } from '../parse/references.js';
import { YamlValueReader } from '../parse/yamlValues.js';
import { syntaxNotes } from '../parse/yamlSyntax.js';
import type { CompiledTemplate, TemplateCandidate } from './compiled.js';
import { MarkdownFacts, type KeyValueLine } from './markdownFacts.js';
import { readInnerEntities } from './inner.js';
import type { FieldSource, TemplateCondition } from './spec.js';

export interface TemplatedParse {
  entities: Entity[];
  notes: ParseNote[];
  templated: TemplatedFile;
}

/** The parts of a file a template can read, each made only when asked for. */
class Sources {
  readonly notes: ParseNote[] = [];
  /** The YAML document's (or front matter's) top mapping, and the reader of its values. */
  yaml?: { root: YAMLMap; values: YamlValueReader; end: number };
  markdown?: MarkdownFacts;
  /** Set when front matter declares a SPEC kind: the SPEC reading wins. */
  specKind = false;

  constructor(readonly path: string, readonly text: string, readonly language: FileLanguage) {
    if (language === 'yaml') {
      this.readYaml(0, text.length);
      return;
    }
    const block = findFrontMatter(text);
    if (block && block.end !== -1) {
      const yamlText = text.slice(block.contentStart, block.contentEnd);
      const kind = /^kind[ \t]*:[ \t]*["']?([A-Za-z -]+?)["']?[ \t]*$/m.exec(yamlText);
      if (kind && kindFromWord(kind[1]!)) this.specKind = true;
      this.readYaml(block.contentStart, block.contentEnd);
      this.markdown = new MarkdownFacts(blankOut(text, 0, block.end), block.end);
    } else {
      if (block) this.notes.push({ ruleId: 'syntax', message: 'Front matter is not closed: add a line `---` after it.', span: block.openFence });
      this.markdown = new MarkdownFacts(text, 0);
    }
  }

  private readYaml(start: number, end: number): void {
    const doc = parseDocument(this.text.slice(start, end), { version: '1.2', prettyErrors: false, uniqueKeys: false });
    this.notes.push(...syntaxNotes(doc.errors, this.text, start, this.path, end));
    if (isMap(doc.contents)) this.yaml = { root: doc.contents, values: new YamlValueReader(this.text, start, doc), end };
  }

  /**
   * The field a source names, or undefined when the document does not have it. `at`: the file's
   * path relative to the template's folder and the document's anchor, for `path` sources.
   */
  read(name: string, source: FieldSource, splitMarkdown: boolean, at?: PathContext): Field | undefined {
    if (typeof source === 'string') return this.key(name, source);
    if ('key' in source) return this.key(name, source.key);
    if ('path' in source) return at ? fromPath(name, source.path, at) : undefined;
    if (!this.markdown) return undefined;
    if ('header' in source) return fromLine(name, this.markdown.header(source.header), splitMarkdown, source.capture);
    if ('table' in source) return fromLine(name, this.markdown.tableRow(source.table), splitMarkdown, source.capture);
    // A heading around an entity inside the file (templates/inner.ts); a whole-file template may not name one (checkConfig).
    if ('heading' in source) return undefined;
    if ('title' in source) return this.fromTitle(name, source.title);
    const section = this.markdown.section(source.section);
    if (!section) return undefined;
    const value = this.text.slice(section.content.start, section.content.end);
    return {
      key: name,
      keyText: section.text,
      keySpan: section.span,
      value: { type: 'scalar', value: section.empty ? '' : value, text: section.empty ? '' : value, span: section.empty ? section.span : section.content },
    };
  }

  /** The part of the document's title (`# KEP-2101: Volume groups`) a pattern captures, at its exact range. */
  private fromTitle(name: string, pattern: string): Field | undefined {
    const title = this.markdown!.title();
    if (!title) return undefined;
    const textStart = title.span.start + this.text.slice(title.span.start, title.span.end).indexOf(title.text);
    const part = captured(pattern, title.text);
    if (!part) return undefined;
    const span = { start: textStart + part.start, end: textStart + part.end };
    return { key: name, keyText: title.text, keySpan: title.span, value: { type: 'scalar', value: part.value, text: part.text, span } };
  }

  /** A key path (`a.b`, `teams[0]`) in the YAML document or front matter; keys compare as field names do. */
  private key(name: string, path: string): Field | undefined {
    if (!this.yaml) return undefined;
    const { values } = this.yaml;
    let node: unknown = this.yaml.root;
    let keyPair: Pair<Node, unknown> | undefined;
    for (const segment of pathSegments(path)) {
      if (typeof segment === 'number') {
        if (!isSeq(node)) return undefined;
        node = node.items[segment];
        if (node === undefined) return undefined;
      } else {
        if (!isMap(node)) return undefined;
        const pair = pairsByKey(node).get(canonicalKey(segment));
        if (!pair) return undefined;
        keyPair = pair;
        node = pair.value;
      }
    }
    if (!keyPair) return undefined;
    const key = values.key(keyPair);
    const value = node === keyPair.value ? values.field(keyPair, key).value : values.value(node, key.keySpan.end - values.base + 1);
    return { key: name, keyText: key.keyText, keySpan: key.keySpan, value };
  }

  /** Whether a condition holds: its source is present and not empty, and equals / matches what it says. */
  holds(condition: TemplateCondition, at: PathContext): boolean {
    const { equals, matches, ...source } = condition as Exclude<TemplateCondition, string> & Record<string, unknown>;
    const field = this.read('when', source as FieldSource, false, at);
    if (!field) return false;
    const written = scalarItems(field.value).map((s) => (s.value === null ? '' : String(s.value).trim()));
    if (!written.some((w) => w !== '')) return false;
    if (equals !== undefined) {
      const wanted = (Array.isArray(equals) ? equals : [equals]).map((v) => canonicalKey(String(v)));
      if (!written.some((w) => wanted.includes(canonicalKey(w)))) return false;
    }
    if (matches !== undefined && !written.some((w) => new RegExp(matches).test(w))) return false;
    return true;
  }
}

/** What a `path` source reads: the file's path relative to its template's folder; where its field points. */
interface PathContext {
  relativePath: string;
  anchor: Span;
}

const patterns = new Map<string, RegExp>();

/**
 * The part of `text` a pattern captures: its first group (the whole match when it has none).
 * Digits alone are a number, as YAML would read them (`0752` is 752), so that a number read from a
 * title or a path compares equal to the same number written as a YAML value.
 */
function captured(pattern: string, text: string): { value: string | number; text: string; start: number; end: number } | undefined {
  let regex = patterns.get(pattern);
  if (!regex) patterns.set(pattern, (regex = new RegExp(pattern, 'd')));
  const m = regex.exec(text);
  if (!m) return undefined;
  const group = m[1] !== undefined ? 1 : 0;
  const raw = m[group]!;
  const [start, end] = m.indices![group]!;
  return { value: /^\d+$/.test(raw) ? Number(raw) : raw, text: raw, start, end };
}

/** A field read from the file's path (`keps/sig-node/2043-x/kep.yaml` → 2043): no text of its own, so it points at the document's anchor. */
function fromPath(name: string, pattern: string, at: PathContext): Field | undefined {
  const part = captured(pattern, at.relativePath);
  if (!part) return undefined;
  return { key: name, keyText: name, keySpan: at.anchor, value: { type: 'scalar', value: part.value, text: part.text, span: { ...at.anchor }, derived: true } };
}

const keyIndexes = new WeakMap<YAMLMap, Map<string, Pair<Node, unknown>>>();

/** A mapping's pairs by canonical key, the first of equal keys winning (made once per mapping: a template reads many keys of it). */
function pairsByKey(map: YAMLMap): Map<string, Pair<Node, unknown>> {
  let index = keyIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items as Pair<Node, unknown>[]) {
      if (!isScalar(pair.key)) continue;
      const key = canonicalKey(String(pair.key.value));
      if (!index.has(key)) index.set(key, pair);
    }
    keyIndexes.set(map, index);
  }
  return index;
}

const segmentsOfPath = new Map<string, (string | number)[]>();

/** `a.b[0]` → ['a', 'b', 0]; the paths are a template's, so each is split once. */
function pathSegments(path: string): (string | number)[] {
  let known = segmentsOfPath.get(path);
  if (!known) segmentsOfPath.set(path, (known = splitPath(path)));
  return known;
}

function splitPath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      segments.push(part);
      continue;
    }
    if (m[1]) segments.push(m[1]);
    for (const index of m[2]!.matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

/**
 * A header line or table row as a field; split on commas into a list when the field holds several
 * values. With `capture`, the part of the value the pattern captures, at its exact range (absent
 * when the value does not match).
 */
function fromLine(name: string, line: KeyValueLine | undefined, split: boolean, capture?: string): Field | undefined {
  if (!line) return undefined;
  if (capture !== undefined) {
    const part = captured(capture, line.value);
    if (!part) return undefined;
    const start = line.valueSpan.start + part.start;
    return { key: name, keyText: line.keyText, keySpan: line.keySpan, value: { type: 'scalar', value: part.value, text: part.text, span: { start, end: start + part.text.length } } };
  }
  const scalar: ScalarValue = { type: 'scalar', value: line.value, text: line.value, span: line.valueSpan };
  const value: FieldValue = split
    ? { type: 'list', span: line.valueSpan, items: splitListText(line.value, line.valueSpan.start).map((p) => ({ type: 'scalar', value: p.text, text: p.text, span: { start: p.start, end: p.start + p.text.length } })) }
    : scalar;
  return { key: name, keyText: line.keyText, keySpan: line.keySpan, value };
}

/**
 * Reads a file with the first template that applies to it (globs matched by the caller; `when`
 * tested here). Undefined when none applies, or when the file declares a SPEC kind in its front
 * matter: then it is read as any other file.
 */
export function readTemplated(filePath: string, text: string, eol: string, language: FileLanguage, candidates: readonly TemplateCandidate[]): TemplatedParse | undefined {
  const sources = new Sources(filePath, text, language);
  if (sources.specKind) return undefined;
  for (const { template, role } of candidates) {
    // A document's title, else (front matter) its first key, else its first line: where a missing header line belongs.
    const anchor = sources.markdown?.title()?.span ?? (sources.language === 'markdown' && sources.yaml ? firstKeySpan(sources) : undefined) ?? firstLine(text);
    const at: PathContext = { relativePath: template.relativePath(filePath), anchor };
    if (role === 'main' && template.when && !sources.holds(template.when, at)) continue;
    const fields = readFields(sources, role === 'main' ? template.fields : template.siblingFields, template, at);
    // Only the sections the template requires: the rest would stay in the index for nothing. Their
    // headings' texts are copied, as the entities' are (parse/compact.ts): a view would keep the file's text.
    const sections = sources.markdown?.sectionsNamed(template.requiredSectionKeys[role]) ?? [];
    for (const section of sections) section.text = detached(section.text);
    const templated: TemplatedFile = { template, role, sections, anchor, fields: role === 'sibling' ? fields : [] };
    if (role === 'sibling') return { entities: [], notes: sources.notes, templated };
    if (template.inner.length) {
      const entities = sources.markdown ? readInnerEntities(filePath, text, eol, sources.markdown, template, withReferences) : [];
      return { entities, notes: sources.notes, templated };
    }
    return { entities: [entityOf(filePath, text, eol, sources, template, fields, anchor)], notes: sources.notes, templated };
  }
  return undefined;
}

function readFields(sources: Sources, fields: ReadonlyMap<string, FieldSource[]>, template: CompiledTemplate, at: PathContext): Field[] {
  const out: Field[] = [];
  for (const [name, list] of fields) {
    const split = template.schemaType(name) === 'array' || name === 'metrics' || name === 'depends-on';
    for (const source of list) {
      const field = sources.read(name, source, split, at);
      if (field) {
        out.push(field);
        break;
      }
    }
  }
  return out.sort((a, b) => a.keySpan.start - b.keySpan.start);
}

function entityOf(filePath: string, text: string, eol: string, sources: Sources, template: CompiledTemplate, fields: Field[], documentAnchor: Span): Entity {
  const idField = fields.find((f) => f.key === 'id');
  const idScalar = idField && idField.value.type === 'scalar' && idField.value.value !== null && String(idField.value.value).trim() ? idField.value : undefined;
  const titleField = fields.find((f) => f.key === 'title');
  const titleScalar = titleField?.value.type === 'scalar' && titleField.value.value !== null ? titleField.value : undefined;
  const fallbackId = template.idFrom === 'folder' ? posix.basename(posix.dirname(filePath)) : posix.basename(filePath).replace(/\.[^.]*$/, '').replace(/\.(strategy)$/, '');
  const rawId = idScalar ? String(idScalar.value).trim() : fallbackId;
  const kind = template.kind!;
  const id = kind === 'owner' ? rawId.replace(/^@/, '') : `${template.idPrefix}${rawId}`;
  const title = titleScalar ? String(titleScalar.value).trim() : sources.markdown?.title()?.text;
  const form: EntityForm = sources.language === 'yaml' ? 'yaml' : sources.yaml ? 'front-matter' : 'heading';
  const anchor = idScalar?.span ?? (titleScalar && titleScalar.span.end > titleScalar.span.start ? titleScalar.span : undefined) ?? (sources.language === 'yaml' ? firstKeySpan(sources) ?? documentAnchor : documentAnchor);
  // A field read from the path (derived: a whole file has no heading around it) has no text: a finding about it goes where the entity's do.
  for (const field of fields) {
    if (field.value.type !== 'scalar' || !field.value.derived) continue;
    field.keySpan = anchor;
    field.value.span = anchor;
  }
  const entity: Entity = {
    kind,
    form,
    file: filePath,
    id,
    ...(idScalar ? { idSpan: idScalar.span } : {}),
    ...(title ? { title } : {}),
    anchor,
    extent: { start: 0, end: text.length },
    fields,
    refs: [],
    insertion: insertionOf(sources, text, eol, form),
    template,
  };
  return withReferences(entity, template);
}

/** An entity's references: the model's (fields and nesting), then those its template names in `references`. */
function withReferences(entity: Entity, template: CompiledTemplate): Entity {
  entity.refs = [...collectReferences(entity), ...templateReferences(entity, template)];
  return entity;
}

/** References in fields the template names in `references` (the model's own reference fields are collected as for any entity). */
function templateReferences(entity: Entity, template: CompiledTemplate): Reference[] {
  const refs: Reference[] = [];
  for (const field of entity.fields) {
    const kind = template.references.get(field.key);
    if (!kind || entity.refs.some((r) => r.field === field.key)) continue;
    for (const item of scalarItems(field.value)) {
      if (item.value === null) continue;
      const parts = typeof item.value === 'string' && !/^["']/.test(item.text) ? splitListText(item.text, item.span.start) : [{ text: String(item.value), start: item.span.start }];
      for (const part of parts) {
        const span = parts.length === 1 && part.start === item.span.start ? item.span : { start: part.start, end: part.start + part.text.length };
        const ref = parseReference(part.text, span, field.key, kind, entity.file);
        if (ref) refs.push(ref);
      }
    }
  }
  return refs;
}

function firstKeySpan(sources: Sources): Span | undefined {
  const first = sources.yaml?.root.items[0];
  return first ? sources.yaml!.values.span(first.key as Node, 0) : undefined;
}

function firstLine(text: string): Span {
  const nl = text.indexOf('\n');
  const end = nl === -1 ? text.length : nl;
  return { start: 0, end: text[end - 1] === '\r' ? end - 1 : end };
}

/** Where a fix adds a field: after the YAML document's or the front matter's last key, else after the title. */
function insertionOf(sources: Sources, text: string, eol: string, form: EntityForm): FieldInsertion {
  if (form === 'yaml') {
    let end = text.length;
    while (end > 0 && /\s/.test(text[end - 1]!)) end--;
    return { offset: end, style: 'yaml-block', indent: '', eol };
  }
  if (form === 'front-matter') return { offset: sources.yaml!.end, style: 'front-matter', indent: '', eol };
  const title = sources.markdown?.title();
  if (!title) return { offset: 0, style: 'markdown-new-list', indent: '- ', eol, suffix: eol };
  return { offset: title.span.end, style: 'markdown-new-list', indent: '- ', eol, suffix: eol };
}
