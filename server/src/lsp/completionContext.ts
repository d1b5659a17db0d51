import type { Entity, EntityKind } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import { canonicalKey, fieldFor, kindFromWord, OBJECTIVE_CHILD_LISTS, TOP_LEVEL_LISTS } from '../model/kinds.js';
import { findFrontMatter } from '../parse/frontMatter.js';
import type { Span } from '../model/span.js';
import { entityAt } from './locate.js';

/** What is being typed at the cursor: a field's value, or a field name. */
export type CompletionContext =
  | {
      type: 'value';
      /** Canonical field name (`metrics`, `owner`, `status`, `kind`). */
      field: string;
      kind?: EntityKind;
      entity?: Entity;
      /** The text the completion replaces (the partial word under the cursor). */
      token: Span;
      /** Inside a quoted YAML scalar: insert bare text. */
      quoted: boolean;
      yaml: boolean;
      /** Right after `key:` with no space: the completion must add one. */
      needsSpace: boolean;
    }
  | { type: 'key'; kind: EntityKind; entity?: Entity; token: Span; yaml: boolean };

const TOKEN_CHAR = /[A-Za-z0-9_.@\/-]/;
const YAML_KEY_VALUE = /^(\s*)(-\s+)?([A-Za-z][A-Za-z0-9 _-]*?)\s*:(?=\s|$)(.*)$/;
const MD_KEY_VALUE = /^\s*(?:[-*+]\s+)?(?:\*\*)?([A-Za-z][A-Za-z0-9 _-]*?)(?::\*\*|\*\*\s*:|:)(?!\/\/)(.*)$/;

export function completionContextAt(text: string, offset: number, file: ParsedFile): CompletionContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const token = tokenAround(text, offset);
  const frontMatter = file.language === 'markdown' ? frontMatterEnd(text) : undefined;
  const yaml = file.language === 'yaml' || (frontMatter !== undefined && offset < frontMatter && lineStart > 0);
  const entity = entityAt(file, offset);
  return yaml ? yamlContext(text, offset, before, token, file, entity) : markdownContext(before, token, entity);
}

function yamlContext(text: string, offset: number, before: string, token: Span, file: ParsedFile, entity: Entity | undefined): CompletionContext | undefined {
  if (/(^|\s)#/.test(before)) return undefined; // in a comment
  const kv = YAML_KEY_VALUE.exec(before);
  if (kv) {
    const key = canonicalKey(kv[3]!);
    const value = kv[4]!;
    if (/:\s/.test(value)) return undefined; // a nested flow mapping
    const kind = entity?.kind ?? kindFromStructure(text, offset - before.length, indentOf(before) + (kv[2]?.length ?? 0));
    const field = kind ? (fieldFor(kind, key) ?? key) : key;
    return { type: 'value', field, ...(kind ? { kind } : {}), ...(entity ? { entity } : {}), token, quoted: isQuoted(text, token), yaml: true, needsSpace: value === '' };
  }
  const item = /^(\s*)-\s+([^:]*)$/.exec(before) ?? /^(\s*)-$/.exec(before);
  const lineStart = offset - before.length;
  if (item) {
    const owner = ownerKeyOf(text, lineStart, item[1]!.length);
    if (!owner) return undefined;
    const ownerKey = canonicalKey(owner.key);
    const ownerEntity = entityAt(file, owner.offset);
    const listKind = entityListKind(ownerKey, owner.indent, ownerEntity);
    if (listKind) return { type: 'key', kind: listKind, token, yaml: true };
    const kind = ownerEntity?.kind ?? kindFromStructure(text, owner.lineStart, owner.indent);
    if (!kind) return undefined;
    return { type: 'value', field: fieldFor(kind, ownerKey) ?? ownerKey, kind, ...(ownerEntity ? { entity: ownerEntity } : {}), token, quoted: isQuoted(text, token), yaml: true, needsSpace: false };
  }
  if (/^\s*[A-Za-z-]*$/.test(before)) {
    // Past the last key of a mapping (a new line at its end) the parser's extent has ended: the
    // mapping is the one of the keys above at this indent, whose fields must not be offered again.
    const mapping = entityOfMappingAbove(text, lineStart, indentOf(before), file) ?? entity;
    const kind = mapping?.kind ?? kindFromStructure(text, lineStart, indentOf(before));
    if (kind) return { type: 'key', kind, ...(mapping ? { entity: mapping } : {}), token, yaml: true };
  }
  return undefined;
}

function markdownContext(before: string, token: Span, entity: Entity | undefined): CompletionContext | undefined {
  if (!entity || entity.form === 'front-matter') {
    // Front matter entities own the whole document; only their YAML block takes fields.
    return undefined;
  }
  const kv = MD_KEY_VALUE.exec(before);
  if (kv && /^\s*([-*+]\s|\*\*)/.test(before)) {
    const key = canonicalKey(kv[1]!);
    return { type: 'value', field: fieldFor(entity.kind, key) ?? key, kind: entity.kind, entity, token, quoted: false, yaml: false, needsSpace: kv[2] === '' };
  }
  if (/^\s*[-*+]\s+[A-Za-z -]*$/.test(before)) return { type: 'key', kind: entity.kind, entity, token, yaml: false };
  return undefined;
}

/** The partial word under the cursor, extended to the right over the rest of the word. */
export function tokenAround(text: string, offset: number): Span {
  let start = offset;
  while (start > 0 && TOKEN_CHAR.test(text[start - 1]!)) start--;
  let end = offset;
  while (end < text.length && TOKEN_CHAR.test(text[end]!)) end++;
  return { start, end };
}

function isQuoted(text: string, token: Span): boolean {
  const previous = text[token.start - 1];
  return previous === '"' || previous === "'";
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function frontMatterEnd(text: string): number | undefined {
  const block = findFrontMatter(text);
  if (!block) return undefined;
  return block.end === -1 ? text.length : block.contentEnd;
}

/**
 * The entity whose YAML mapping has keys at `indent` right above `lineStart`: the nearest line
 * above at that indent that is a key (`owner: …`) or a list item whose first key sits there
 * (`- id: …`). Undefined when a line with less indent (another mapping) comes first.
 */
function entityOfMappingAbove(text: string, lineStart: number, indent: number, file: ParsedFile): Entity | undefined {
  for (const line of linesAbove(text, lineStart)) {
    const trimmed = line.text.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const lineIndent = indentOf(line.text);
    const item = /^(\s*-\s+)[A-Za-z]/.exec(line.text);
    const keyColumn = item ? item[1]!.length : lineIndent;
    if (keyColumn === indent && /^\s*(?:-\s+)?[A-Za-z][A-Za-z0-9 _-]*?\s*:/.test(line.text)) return entityAt(file, line.start + keyColumn);
    if (lineIndent < indent) return undefined;
  }
  return undefined;
}

interface OwnerKey {
  key: string;
  indent: number;
  offset: number;
  lineStart: number;
}

/** The `key:` (with no value on its line) that owns the sequence item whose dash is at `dashIndent`. */
function ownerKeyOf(text: string, lineStart: number, dashIndent: number): OwnerKey | undefined {
  for (const line of linesAbove(text, lineStart)) {
    const trimmed = line.text.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const indent = indentOf(line.text);
    if (indent > dashIndent) continue;
    if (indent === dashIndent && trimmed.startsWith('-')) continue; // a sibling item
    const m = /^(\s*)(?:-\s+)?([A-Za-z][A-Za-z0-9 _-]*?)\s*:\s*(#.*)?$/.exec(line.text);
    if (!m) return undefined;
    const keyIndent = line.text.indexOf(m[2]!);
    return { key: m[2]!, indent: keyIndent, offset: line.start + keyIndent, lineStart: line.start };
  }
  return undefined;
}

/** When the owner key is a list of entities (`initiatives:` at the top or in an objective), the kind of its items. */
function entityListKind(key: string, indent: number, ownerEntity: Entity | undefined): EntityKind | undefined {
  if (indent === 0) return TOP_LEVEL_LISTS[key];
  if (ownerEntity?.kind === 'objective' && ownerEntity.form === 'yaml') return OBJECTIVE_CHILD_LISTS[key];
  return undefined;
}

/**
 * The kind of the mapping at `indent` from the YAML around it, for text the parser could not place
 * (a half-typed key): the nearest list key above, e.g. `initiatives:` → initiative.
 */
function kindFromStructure(text: string, lineStart: number, indent: number): EntityKind | undefined {
  let level = indent;
  for (const line of linesAbove(text, lineStart)) {
    const trimmed = line.text.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const lineIndent = indentOf(line.text);
    if (/^\s*-(\s|$)/.test(line.text)) {
      if (lineIndent < level) level = lineIndent + 0.5; // inside this item: its list key may sit at the dash's column
      continue;
    }
    if (lineIndent >= level) continue;
    const m = /^\s*([A-Za-z][A-Za-z0-9 _-]*?)\s*:\s*(#.*)?$/.exec(line.text);
    if (m) {
      const key = canonicalKey(m[1]!);
      const kind = lineIndent === 0 ? TOP_LEVEL_LISTS[key] : OBJECTIVE_CHILD_LISTS[key];
      if (kind) return kind;
      if (/^kind$/.test(key)) return undefined;
    }
    level = lineIndent;
    if (level === 0) break;
  }
  const kindLine = /^kind[ \t]*:[ \t]*["']?([A-Za-z-]+)/m.exec(text);
  if (kindLine) return kindFromWord(kindLine[1]!);
  return undefined;
}

function* linesAbove(text: string, lineStart: number): Generator<{ text: string; start: number }> {
  let end = lineStart - 1;
  while (end >= 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    yield { text: text.slice(start, end).replace(/\r$/, ''), start };
    end = start - 1;
  }
}
