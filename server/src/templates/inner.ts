import { slug } from 'github-slugger';
import type { Entity, EntityKind, Field, FieldInsertion, FieldValue, ScalarValue } from '../model/entity.js';
import { canonicalKey } from '../model/kinds.js';
import type { Span } from '../model/span.js';
import { splitListText } from '../parse/references.js';
import type { CompiledTemplate } from './compiled.js';
import { alternativeKeys, headingKey, keyValueLine, tableCells, unwrapValue, type KeyValueLine, type Line, type MarkdownFacts, type SectionFact } from './markdownFacts.js';
import type { HeadingSource, InnerEntitySpec } from './spec.js';

/** A heading with the end of its own text (the next heading) and of its section (the next heading of the same or a higher level). */
interface Block {
  section: SectionFact;
  ownEnd: number;
  end: number;
}

type Templated = (entity: Entity, template: CompiledTemplate) => Entity;

/**
 * The entities inside one Markdown file (docs/templates.md "Entities inside a file"): headings,
 * then the list items and table rows each inner spec names, in the order the specs are written.
 * An entity inside a heading entity's section nests in it (`enclosing`): a metric or initiative
 * under an objective's heading links to it (SPEC §4.3). `finish` adds the template's references.
 */
export function readInnerEntities(filePath: string, text: string, eol: string, markdown: MarkdownFacts, template: CompiledTemplate, finish: Templated): Entity[] {
  const sections = markdown.sections();
  const blocks: Block[] = sections.map((section, i) => {
    const next = sections[i + 1];
    const closer = sections.slice(i + 1).find((s) => s.level <= section.level);
    return { section, ownEnd: next ? next.span.start : text.length, end: closer ? closer.span.start : text.length };
  });
  const out: Entity[] = [];
  const headingEntities: { block: Block; entity: Entity }[] = [];
  const enclosingAt = (offset: number): Entity | undefined => {
    let best: { block: Block; entity: Entity } | undefined;
    for (const h of headingEntities) if (h.block.section.span.start < offset && offset < h.block.end && (!best || h.block.section.span.start > best.block.section.span.start)) best = h;
    return best?.entity;
  };
  // Lines a heading entity read as its fields are not list items of anything.
  const consumed = new Set<number>();
  /** Field → the text before the value of the first line the file writes for it (`**Owner:** `). */
  const lineShapes = new Map<string, string>();
  for (const { spec, template: child } of template.inner) {
    if (!spec.heading) continue;
    const { level, matches, under } = spec.heading;
    for (const [i, block] of blocks.entries()) {
      const { section } = block;
      if (section.level !== level || (matches !== undefined && !new RegExp(matches).test(section.text))) continue;
      if (under !== undefined) {
        const parent = sections.slice(0, i).reverse().find((s) => s.level < level);
        if (!parent || !new RegExp(under).test(parent.text)) continue;
      }
      const fields = headingFields(markdown, block, child, consumed, lineShapes);
      const insertion: FieldInsertion = { ...insertionAfter(section.span.end, '', eol), inner: { form: 'heading', lines: headerKeys(child) } };
      // A line right after the heading would run into a paragraph that follows it: keep a blank line.
      const next = markdown.linesIn(section.span.end, block.ownEnd).find((l) => l.start > section.span.end);
      if (next && next.text.trim() !== '' && !ITEM.test(next.text)) insertion.suffix = eol;
      const entity = makeEntity(filePath, spec, child, section.text, section.span, { start: section.span.start, end: block.end }, fields, insertion);
      entity.headingSlug = slug(section.text);
      addHeadingFields(entity, child, sections, text, section.span.start);
      headingEntities.push({ block, entity });
    }
  }
  // A new `Key: value` line takes the shape the file already gives that key (`**Owner:** @djdv`).
  for (const h of headingEntities) {
    const inner = h.entity.insertion.inner;
    if (inner?.form === 'heading') for (const field of Object.keys(inner.lines)) inner.lines[field] = lineShapes.get(field) ?? inner.lines[field]!;
  }
  for (const h of headingEntities) {
    const enclosing = enclosingAt(h.block.section.span.start);
    if (enclosing) h.entity.enclosing = enclosing;
    out.push(finish(h.entity, h.entity.template!));
  }
  for (const { spec, template: child } of template.inner) {
    const place = spec['list-items'] ?? spec['table-rows'];
    if (!place) continue;
    for (const area of areas(place, blocks, headingEntities)) {
      const lines = markdown.linesIn(area.start, area.end).filter((l) => !l.inCode && !l.inHtml && !consumed.has(l.start));
      const read = spec['list-items'] ? listItems(filePath, eol, lines, spec, child) : tableRows(filePath, lines, spec, child, eol);
      for (const entity of read) {
        addHeadingFields(entity, child, sections, text, entity.extent.start);
        const enclosing = enclosingAt(entity.anchor.start);
        if (enclosing) entity.enclosing = enclosing;
        out.push(finish(entity, child));
      }
    }
  }
  return out.sort((a, b) => a.anchor.start - b.anchor.start);
}

/** The own text of each heading entity of kind `in`, or of each heading named `under-heading`. */
function areas(place: { in?: EntityKind; 'under-heading'?: string }, blocks: Block[], headings: { block: Block; entity: Entity }[]): Span[] {
  if (place.in !== undefined) return headings.filter((h) => h.entity.kind === place.in).map((h) => ({ start: h.block.section.span.end, end: h.block.ownEnd }));
  const wanted = alternativeKeys(place['under-heading'] ?? '');
  return blocks.filter((b) => wanted.includes(headingKey(b.section.text))).map((b) => ({ start: b.section.span.end, end: b.ownEnd }));
}

/** A heading entity's fields: the template's `header` sources, read from `Key: value` lines in the heading's own text. */
function headingFields(markdown: MarkdownFacts, block: Block, template: CompiledTemplate, consumed: Set<number>, lineShapes: Map<string, string>): Field[] {
  const lines = new Map<string, { line: Line; kv: KeyValueLine }>();
  for (const line of markdown.linesIn(block.section.span.end, block.ownEnd)) {
    if (line.inCode || line.inHtml) continue;
    const kv = keyValueLine(line);
    if (kv && !lines.has(canonicalKey(kv.keyText))) lines.set(canonicalKey(kv.keyText), { line, kv });
  }
  const fields: Field[] = [];
  for (const [name, sources] of template.fields) {
    for (const source of sources) {
      if (typeof source !== 'object' || !('header' in source)) continue;
      const found = lines.get(canonicalKey(source.header));
      if (!found) continue;
      consumed.add(found.line.start);
      if (!lineShapes.has(name)) {
        const before = found.line.text.slice(0, found.kv.valueSpan.start - found.line.start).trimStart();
        lineShapes.set(name, /\s$/.test(before) ? before : `${before} `);
      }
      // `**Owner:** @dirkmc (and friends)`: the owner is the handle; a note in parentheses after it is not part of it.
      const noted = name === 'owner' ? OWNER_WITH_NOTE.exec(found.kv.value) : null;
      const value = noted ? noted[1]! : found.kv.value;
      const valueSpan = noted ? { start: found.kv.valueSpan.start, end: found.kv.valueSpan.start + value.length } : found.kv.valueSpan;
      fields.push(fieldOf(name, found.kv.keyText, found.kv.keySpan, value, valueSpan, splits(name, template)));
      break;
    }
  }
  return fields;
}

/**
 * Fields the template reads from a heading around the entity (`{ heading: pattern, value }`), for
 * those its own text did not give: the nearest heading at or above `offset` whose text matches, the
 * value the match rewritten by `value` (else its first group, else the match), at the matched text.
 */
function addHeadingFields(entity: Entity, template: CompiledTemplate, sections: SectionFact[], text: string, offset: number): void {
  for (const [name, sources] of template.fields) {
    if (entity.fields.some((f) => f.key === name)) continue;
    for (const source of sources) {
      if (typeof source !== 'object' || !('heading' in source)) continue;
      const field = headingField(name, source, headingsAround(sections, offset), text, splits(name, template));
      if (field) {
        entity.fields.push(field);
        break;
      }
    }
  }
}

function headingField(name: string, source: HeadingSource, headings: SectionFact[], text: string, split: boolean): Field | undefined {
  const pattern = new RegExp(source.heading);
  for (const heading of headings) {
    const m = pattern.exec(heading.text);
    if (!m) continue;
    const replaced = source.value === undefined ? undefined : heading.text.replace(pattern, source.value);
    const value = replaced === undefined ? (m[1] ?? m[0]) : replaced.slice(m.index, replaced.length - (heading.text.length - m.index - m[0].length));
    const textStart = heading.span.start + text.slice(heading.span.start, heading.span.end).indexOf(heading.text, heading.level);
    const span = { start: textStart + m.index, end: textStart + m.index + m[0].length };
    const field = fieldOf(name, heading.text, span, value.trim(), span, split);
    for (const scalar of field.value.type === 'list' ? field.value.items : [field.value]) if (scalar.type === 'scalar') scalar.derived = true;
    return field;
  }
  return undefined;
}

/** The headings around `offset`, innermost first: the last heading at or before it, then each enclosing one of a higher level. */
function headingsAround(sections: SectionFact[], offset: number): SectionFact[] {
  const chain: SectionFact[] = [];
  let level = Infinity;
  for (let i = sections.length - 1; i >= 0 && level > 1; i--) {
    const section = sections[i]!;
    if (section.span.start > offset || section.level >= level) continue;
    chain.push(section);
    level = section.level;
  }
  return chain;
}

/** Field name → `- Key: `, the line the template reads it from under a heading (its first `header` source). */
function headerKeys(template: CompiledTemplate): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const [name, sources] of template.fields) {
    const source = sources.find((s): s is { header: string } => typeof s === 'object' && 'header' in s);
    if (source) keys[name] = `- ${source.header}: `;
  }
  return keys;
}

const OWNER_WITH_NOTE = /^(@[^\s()]+)[ \t]*\([^()]*\)[ \t]*$/;

const ITEM = /^( ?)([-*+]|\d+[.)])[ \t]+(.*)$/;
/** An owner written at the end of an item: `(@sam)` or `(owner: @sam)`. */
const OWNER_SUFFIX = /[ \t]*\((?:owner:[ \t]*)?(@[^\s()]+)\)[ \t]*$/i;

/** Top-level list items: the text is the title, `(@handle)` at its end the owner, `Key: value` sub-items its other fields. */
function listItems(filePath: string, eol: string, lines: Line[], spec: InnerEntitySpec, template: CompiledTemplate): Entity[] {
  const out: Entity[] = [];
  let current: { entity: Entity; indent: number } | undefined;
  for (const line of lines) {
    const m = ITEM.exec(line.text);
    if (m) {
      const body = m[3]!;
      const bodyStart = line.start + line.text.length - body.length;
      const owner = OWNER_SUFFIX.exec(body);
      const titleText = (owner ? body.slice(0, owner.index) : body).trimEnd();
      const title = unwrapValue(titleText, bodyStart);
      const fields: Field[] = [fieldOf('title', 'title', title.valueSpan, title.value, title.valueSpan, false)];
      if (owner) {
        const handleStart = bodyStart + owner.index + owner[0].indexOf(owner[1]!);
        const span = { start: handleStart, end: handleStart + owner[1]!.length };
        fields.push(fieldOf('owner', 'owner', span, owner[1]!, span, false));
      }
      const lineEnd = line.start + line.text.length;
      const ownerAt = bodyStart + body.trimEnd().length;
      const insertion: FieldInsertion = { ...insertionAfter(lineEnd, `${m[1]!}  - `, eol), inner: { form: 'list-item', ownerAt } };
      const entity = makeEntity(filePath, spec, template, title.value, title.valueSpan, { start: line.start, end: lineEnd }, fields, insertion);
      out.push(entity);
      current = { entity, indent: m[1]!.length };
      continue;
    }
    // A more indented `- Key: value` under an item is a field of that item.
    const kv = current && /^[ \t]{2,}/.test(line.text) ? keyValueLine(line) : undefined;
    if (kv && current) {
      const name = canonicalKey(kv.keyText);
      if (!current.entity.fields.some((f) => f.key === name)) current.entity.fields.push(fieldOf(name, kv.keyText, kv.keySpan, kv.value, kv.valueSpan, splits(name, template)));
      current.entity.extent = { start: current.entity.extent.start, end: line.start + line.text.length };
      current.entity.insertion = { ...current.entity.insertion, offset: line.start + line.text.length };
    } else if (line.text.trim() === '' || !/^[ \t]/.test(line.text)) current = undefined;
  }
  return out;
}

/** Rows of the tables in the lines: a header row, a `---` row, then one entity per row; `columns` maps fields to headers. */
function tableRows(filePath: string, lines: Line[], spec: InnerEntitySpec, template: CompiledTemplate, eol: string): Entity[] {
  const columns = spec['table-rows']!.columns;
  const columnNames = Object.fromEntries(Object.entries(columns).map(([field, column]) => [canonicalKey(field), column]));
  const out: Entity[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!/^[ \t]*\|/.test(lines[i]!.text) || !/^[ \t]*\|?[ \t:|-]+$/.test(lines[i + 1]!.text) || !lines[i + 1]!.text.includes('-')) continue;
    const header = tableCells(lines[i]!);
    const byField = new Map<string, number>();
    for (const [field, column] of Object.entries(columns)) {
      const at = header.findIndex((cell) => canonicalKey(cell.text.replace(/\*\*/g, '')) === canonicalKey(column));
      if (at !== -1) byField.set(canonicalKey(field), at);
    }
    let j = i + 2;
    for (; j < lines.length && /^[ \t]*\|/.test(lines[j]!.text); j++) {
      const line = lines[j]!;
      const cells = tableCells(line);
      const fields: Field[] = [];
      for (const [field, at] of byField) {
        const cell = cells[at];
        if (!cell) continue;
        const value = unwrapValue(cell.text, cell.start);
        // An empty cell's value is the blank between its pipes: a missing owner is reported at that cell.
        const span = value.value ? value.valueSpan : cell.inner;
        fields.push(fieldOf(field, header[at]!.text, { start: header[at]!.start, end: header[at]!.start + header[at]!.text.length }, value.value, span, splits(field, template)));
      }
      const titleField = fields.find((f) => f.key === 'title');
      const first = cells[0];
      const titleValue = titleField && titleField.value.type === 'scalar' ? String(titleField.value.value) : first ? unwrapValue(first.text, first.start).value : '';
      const titleSpan = titleField && titleField.value.type === 'scalar' && titleValue ? titleField.value.span : first && first.text ? { start: first.start, end: first.start + first.text.length } : { start: line.start, end: line.start + line.text.length };
      // A row with no title (a blank separator row, `| **** | … |`) names nothing: it is not an entity.
      if (!titleValue.replace(/[*_\s]/g, '')) continue;
      const lineEnd = line.start + line.text.length;
      const place = { form: 'table-row' as const, columns: columnNames, present: [...byField.keys()] };
      out.push(makeEntity(filePath, spec, template, titleValue, titleSpan, { start: line.start, end: lineEnd }, fields, { ...insertionAfter(lineEnd, '', eol), inner: place }));
    }
    i = j - 1;
  }
  return out;
}

function splits(name: string, template: CompiledTemplate): boolean {
  return template.schemaType(name) === 'array' || name === 'metrics' || name === 'depends-on';
}

function fieldOf(name: string, keyText: string, keySpan: Span, value: string, valueSpan: Span, split: boolean): Field {
  const scalar: ScalarValue = { type: 'scalar', value, text: value, span: valueSpan };
  const fieldValue: FieldValue = split
    ? { type: 'list', span: valueSpan, items: splitListText(value, valueSpan.start).map((p) => ({ type: 'scalar', value: p.text, text: p.text, span: { start: p.start, end: p.start + p.text.length } })) }
    : scalar;
  return { key: name, keyText, keySpan, value: fieldValue };
}

function insertionAfter(offset: number, indent: string, eol: string): FieldInsertion {
  return { offset, style: 'markdown-list', indent, eol };
}

/** An entity read inside a file: its id an `id` field, else the slug of its title, after the spec's `id-prefix`. */
function makeEntity(filePath: string, spec: InnerEntitySpec, template: CompiledTemplate, title: string, anchor: Span, extent: Span, fields: Field[], insertion: FieldInsertion): Entity {
  const idField = fields.find((f) => f.key === 'id' && f.value.type === 'scalar' && String(f.value.value).trim());
  const idValue = idField?.value.type === 'scalar' ? idField.value : undefined;
  const raw = idValue ? String(idValue.value).trim() : slug(title);
  const span = idValue?.span;
  return {
    kind: spec.kind,
    form: 'heading',
    file: filePath,
    id: spec.kind === 'owner' ? raw.replace(/^@/, '') : `${spec['id-prefix'] ?? ''}${raw}`,
    ...(span ? { idSpan: span } : {}),
    ...(title ? { title } : {}),
    anchor,
    extent,
    fields,
    refs: [],
    insertion,
    template,
  };
}
