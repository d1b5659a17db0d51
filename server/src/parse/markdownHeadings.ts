import type { Heading, List, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { slug } from 'github-slugger';
import type { Entity, Field, FieldInsertion } from '../model/entity.js';
import { canonicalKey } from '../model/kinds.js';
import { collectReferences } from './entityRefs.js';
import { normaliseText } from '../text/normalise.js';

/** §4.3/§10.7: the kind words a heading may start with, case-insensitive. */
const ENTITY_HEADING = /^\s*(objective|key\s+result|kr|metric|initiative|project)\s*:\s*(.*)$/i;

/**
 * Cheap pre-check on raw text: could this Markdown declare an entity by a heading? A superset test
 * (it may match a line that is not a heading); only files that pass it are parsed by remark.
 */
export const MAYBE_ENTITY_HEADING = /^(?: {0,3}#{1,6}[ \t]+)?(?:objective|key[ \t]+result|kr|metric|initiative|project)[ \t]*:/im;

// Keys may carry invisible characters pasted along with them (no-break spaces, zero-width
// characters, §10.16); canonicalKey drops them.
const KEY_VALUE = /^([A-Za-z][A-Za-z0-9 _\u00a0\u180e\u200b-\u200d\u2060\ufeff-]*?)[ \t\u00a0]*:(?!\/\/)[ \t]*(.*)$/;
const BOLD_KEY_VALUE = /^\*\*([A-Za-z][A-Za-z0-9 _\u00a0\u180e\u200b-\u200d\u2060\ufeff-]*?)(?::\*\*|\*\*[ \t\u00a0]*:)[ \t]*(.*)$/;

interface OpenEntity {
  depth: number;
  entity: Entity;
}

export class HeadingEntityReader {
  readonly entities: Entity[] = [];

  constructor(private readonly path: string, private readonly text: string, private readonly eol: string) {}

  read(tree: Root): void {
    const nodes = tree.children;
    const open: OpenEntity[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      if (node.type !== 'heading') continue;
      while (open.length && open[open.length - 1]!.depth >= node.depth) open.pop();
      const match = ENTITY_HEADING.exec(toString(node));
      if (!match) continue;
      const sectionEnd = this.nextHeadingIndex(nodes, i + 1, () => true);
      const extentEnd = this.offsetOfNode(nodes, this.nextHeadingIndex(nodes, i + 1, (h) => h.depth <= node.depth));
      const enclosing = [...open].reverse().find((o) => o.entity.kind === 'objective')?.entity;
      const entity = this.readEntity(node, match, nodes.slice(i + 1, sectionEnd), extentEnd, enclosing);
      this.entities.push(entity);
      open.push({ depth: node.depth, entity });
    }
  }

  private readEntity(heading: Heading, match: RegExpExecArray, section: RootContent[], extentEnd: number, enclosing: Entity | undefined): Entity {
    const kindWord = match[1]!.toLowerCase().replace(/\s+/g, ' ');
    const kind = kindWord === 'objective' ? 'objective' : kindWord === 'initiative' || kindWord === 'project' ? 'initiative' : 'metric';
    const title = match[2]!.trim();
    const headingText = toString(heading);
    const anchor = { start: heading.position!.start.offset!, end: heading.position!.end.offset! };
    const list = section.find((n): n is List => n.type === 'list');
    const fields: Field[] = [];
    if (list) for (const item of list.children) this.readListItem(item.children[0], fields);
    for (const node of section) if (node.type === 'paragraph') this.readBoldLines(node, fields);
    fields.sort((a, b) => a.keySpan.start - b.keySpan.start);
    const idField = fields.find((f) => f.key === 'id');
    const idValue = idField?.value.type === 'scalar' && idField.value.value ? idField.value : undefined;
    const entity: Entity = {
      kind,
      form: 'heading',
      file: this.path,
      id: idValue ? String(idValue.value) : slug(title),
      ...(idValue ? { idSpan: idValue.span } : {}),
      title,
      anchor,
      extent: { start: anchor.start, end: extentEnd },
      headingSlug: slug(headingText),
      fields,
      refs: [],
      ...(enclosing ? { enclosing } : {}),
      insertion: this.insertionFor(heading, list),
    };
    entity.refs = collectReferences(entity);
    return entity;
  }

  /** `- Key: value` (also `- **Key:** value`) items of the first list under the heading (§10.8). */
  private readListItem(first: RootContent | undefined, fields: Field[]): void {
    if (!first || first.type !== 'paragraph') return;
    const start = first.position!.start.offset!;
    const lineEnd = this.lineEnd(start, first.position!.end.offset!);
    const field = this.fieldOf(start, this.text.slice(start, lineEnd));
    if (field) fields.push(field);
  }

  /** `**Key:** value` lines of a paragraph before the next heading (§10.8). */
  private readBoldLines(paragraph: Paragraph, fields: Field[]): void {
    const start = paragraph.position!.start.offset!;
    const raw = this.text.slice(start, paragraph.position!.end.offset!);
    let offset = 0;
    for (const line of raw.split('\n')) {
      const lead = line.length - line.trimStart().length;
      const clean = line.trim();
      if (clean.startsWith('**')) {
        const field = this.fieldOf(start + offset + lead, clean, true);
        if (field) fields.push(field);
      }
      offset += line.length + 1;
    }
  }

  private fieldOf(start: number, line: string, boldOnly = false): Field | undefined {
    const content = line.replace(/\r$/, '');
    const match = BOLD_KEY_VALUE.exec(content) ?? (boldOnly ? null : KEY_VALUE.exec(content));
    if (!match) return undefined;
    const keyText = normaliseText(match[1]!);
    const keyStart = start + content.indexOf(keyText);
    const rawValue = match[2]!;
    const valueText = rawValue.trimEnd();
    const valueStart = start + content.length - rawValue.length;
    return {
      key: canonicalKey(keyText),
      keyText,
      keySpan: { start: keyStart, end: keyStart + keyText.length },
      value: { type: 'scalar', value: normaliseText(valueText), text: valueText, span: { start: valueStart, end: valueStart + valueText.length } },
    };
  }

  private insertionFor(heading: Heading, list: List | undefined): FieldInsertion {
    if (list) {
      const last = list.children[list.children.length - 1]!;
      const itemStart = last.position!.start.offset!;
      const lineStart = this.text.lastIndexOf('\n', itemStart - 1) + 1;
      const firstChild = last.children[0];
      const contentStart = firstChild?.position?.start.offset ?? itemStart + 2;
      return { offset: this.trimmedEnd(list.position!.end.offset!), style: 'markdown-list', indent: this.text.slice(lineStart, contentStart), eol: this.eol };
    }
    const offset = this.trimmedEnd(heading.position!.end.offset!);
    const nextLine = this.text.slice(offset).replace(/^\r?\n/, '');
    const runsIntoText = nextLine !== '' && !/^[ \t]*(\r?\n|$)/.test(nextLine);
    return { offset, style: 'markdown-new-list', indent: '- ', eol: this.eol, ...(runsIntoText ? { suffix: this.eol } : {}) };
  }

  private trimmedEnd(offset: number): number {
    let end = offset;
    while (end > 0 && /[\r\n]/.test(this.text[end - 1]!)) end--;
    return end;
  }

  private lineEnd(start: number, limit: number): number {
    const nl = this.text.indexOf('\n', start);
    return nl === -1 || nl > limit ? limit : nl;
  }

  private nextHeadingIndex(nodes: RootContent[], from: number, accept: (h: Heading) => boolean): number {
    for (let j = from; j < nodes.length; j++) {
      const n = nodes[j]!;
      if (n.type === 'heading' && accept(n)) return j;
    }
    return nodes.length;
  }

  private offsetOfNode(nodes: RootContent[], index: number): number {
    if (index >= nodes.length) return this.text.length;
    return nodes[index]!.position!.start.offset!;
  }
}
