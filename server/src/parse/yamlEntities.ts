import { isMap, isScalar, isSeq, type Document, type YAMLMap } from 'yaml';
import { distance } from 'fastest-levenshtein';
import type { Entity, EntityForm, EntityKind, FieldInsertion } from '../model/entity.js';
import type { ParseNote } from '../model/file.js';
import { canonicalKey, kindFromWord, OBJECTIVE_CHILD_LISTS, TOP_LEVEL_LISTS } from '../model/kinds.js';
import { collectReferences } from './entityRefs.js';
import { YamlValueReader } from './yamlValues.js';

export interface YamlSource {
  path: string;
  /** Whole file text (BOM stripped). */
  text: string;
  /** Offset of the YAML inside `text`. */
  base: number;
  eol: string;
  /** The parsed document, through which aliases (`*a`) resolve to their anchor's node (§10.17). */
  doc: Document;
}

/** Reads entities out of a parsed YAML document: lists of entities, or one entity with `kind:` (§4.1). */
export class YamlEntityReader {
  readonly entities: Entity[] = [];
  readonly notes: ParseNote[] = [];
  private readonly values: YamlValueReader;

  constructor(private readonly source: YamlSource) {
    this.values = new YamlValueReader(source.text, source.base, source.doc);
  }

  readStrategyFile(doc: Document): void {
    const root = doc.contents;
    if (root === null || root === undefined || (isScalar(root) && root.value === null)) return;
    if (!isMap(root)) {
      this.notes.push({
        ruleId: 'invalid-value',
        message: 'A strategy file must be a mapping with lists such as `objectives:` and `initiatives:`, or one entity with `kind:`.',
        span: this.values.span(root, 0),
      });
      return;
    }
    if (root.items.some((pair) => isScalar(pair.key) && canonicalKey(String(pair.key.value)) === 'kind')) {
      this.readSingleEntity(root, 'yaml');
      return;
    }
    const unknown: { keyText: string; keySpan: { start: number; end: number } }[] = [];
    for (const pair of root.items) {
      const keyText = isScalar(pair.key) ? String(pair.key.value) : '';
      const keySpan = this.values.span(pair.key as never, 0);
      const kind = TOP_LEVEL_LISTS[canonicalKey(keyText)];
      if (!kind) {
        unknown.push({ keyText, keySpan });
        continue;
      }
      this.readList(pair.value, kind, undefined, keySpan.end);
    }
    if (unknown.length) this.reportUnknownLists(unknown, new Set(root.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : ''))));
  }

  /** A mapping with `kind:` (a YAML file or front matter) declares one entity. */
  readSingleEntity(map: YAMLMap, form: EntityForm, defaults?: { id?: string; title?: string; extentEnd?: number }): Entity | undefined {
    const kindPair = map.items.find((pair) => isScalar(pair.key) && canonicalKey(String(pair.key.value)) === 'kind');
    const kindValue = kindPair?.value;
    const kindSpan = this.values.span(kindValue as never, this.values.span(kindPair?.key as never, 0).end - this.source.base);
    const kindText = isScalar(kindValue) && kindValue.value !== null ? String(kindValue.value) : '';
    const kind = kindFromWord(kindText);
    if (!kind) {
      this.notes.push({
        ruleId: 'invalid-value',
        message: kindText
          ? `Unknown kind '${kindText}'. Use one of: objective, metric (key-result, kr), initiative (project), owner (team, person), prd.`
          : 'Missing `kind`. Use one of: objective, metric, initiative, owner, prd.',
        span: kindSpan,
      });
      return undefined;
    }
    return this.readEntity(map, kind, form, undefined, form === 'front-matter' ? kindSpan : undefined, defaults);
  }

  private readList(node: unknown, kind: EntityKind, enclosing: Entity | undefined, fallback: number): void {
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return;
    if (!isSeq(node)) {
      this.notes.push({
        ruleId: 'invalid-value',
        message: `Expected a list of ${kind} entries here (\`- id: …\`).`,
        span: this.values.span(node as never, fallback - this.source.base),
      });
      return;
    }
    for (const item of node.items) {
      if (isMap(item)) this.readEntity(item, kind, 'yaml', enclosing);
      else
        this.notes.push({
          ruleId: 'invalid-value',
          message: `Each ${kind} must be a mapping with at least \`id\` and \`title\`.`,
          span: this.values.span(item as never, 0),
        });
    }
  }

  private readEntity(
    map: YAMLMap,
    kind: EntityKind,
    form: EntityForm,
    enclosing: Entity | undefined,
    anchorOverride?: { start: number; end: number },
    defaults?: { id?: string; title?: string; extentEnd?: number },
  ): Entity {
    const childLists: { kind: EntityKind; node: unknown; keyEnd: number }[] = [];
    const fields = [];
    for (const pair of map.items) {
      const key = this.values.key(pair as never);
      const childKind = kind === 'objective' ? OBJECTIVE_CHILD_LISTS[key.key] : undefined;
      // A nested list is read as entities below, not also as a field value (most of a plan file).
      if (childKind && form === 'yaml') childLists.push({ kind: childKind, node: pair.value, keyEnd: key.keySpan.end });
      else fields.push(this.values.field(pair as never, key));
    }
    const idField = fields.find((f) => f.key === 'id');
    const titleField = fields.find((f) => f.key === 'title');
    const idScalar = idField?.value.type === 'scalar' && idField.value.value !== null ? idField.value : undefined;
    const rawId = idScalar ? String(idScalar.value) : (defaults?.id ?? '');
    const id = kind === 'owner' && rawId.startsWith('@') ? rawId.slice(1) : rawId;
    const extent = this.values.span(map, 0);
    const anchor = anchorOverride ?? (idScalar ? idScalar.span : (fields[0]?.keySpan ?? extent));
    const title = titleField?.value.type === 'scalar' && titleField.value.value !== null ? String(titleField.value.value) : defaults?.title;
    const entity: Entity = {
      kind,
      form,
      file: this.source.path,
      id,
      ...(idScalar ? { idSpan: idScalar.span } : {}),
      ...(title !== undefined ? { title } : {}),
      anchor,
      extent: defaults?.extentEnd !== undefined ? { start: extent.start, end: defaults.extentEnd } : extent,
      fields,
      refs: [],
      ...(enclosing ? { enclosing } : {}),
      insertion: this.insertionFor(map),
    };
    entity.refs = collectReferences(entity);
    this.entities.push(entity);
    for (const child of childLists) this.readList(child.node, child.kind, entity, child.keyEnd);
    return entity;
  }

  /** New fields go on a line of their own after the mapping's last line, at the mapping's indent. */
  private insertionFor(map: YAMLMap): FieldInsertion {
    const { text, eol } = this.source;
    const extent = this.values.span(map, 0);
    if (map.flow) return { offset: Math.max(extent.start, extent.end - 1), style: 'yaml-flow', indent: '', eol };
    const lineStart = text.lastIndexOf('\n', extent.start - 1) + 1;
    const indent = ' '.repeat(extent.start - lineStart);
    let end = extent.end;
    while (end > extent.start && /\s/.test(text[end - 1]!)) end--;
    const lineEnd = text.indexOf('\n', end);
    let offset = lineEnd === -1 ? text.length : lineEnd;
    if (offset > 0 && text[offset - 1] === '\r') offset--;
    return { offset, style: 'yaml-block', indent, eol };
  }

  /**
   * Misspelt top-level lists are renamed to the closest list name, but never onto a key the file
   * already has, nor when two of them would be renamed to the same name (a duplicate key, §10.17).
   */
  private reportUnknownLists(unknown: { keyText: string; keySpan: { start: number; end: number } }[], written: ReadonlySet<string>): void {
    const candidates = Object.keys(TOP_LEVEL_LISTS);
    const closestList = (keyText: string) =>
      candidates.map((name) => ({ name, d: distance(canonicalKey(keyText), name) })).sort((a, b) => a.d - b.d)[0]!;
    const bests = unknown.map((u) => closestList(u.keyText));
    const claims = new Map<string, number>();
    for (const best of bests) if (best.d <= 2) claims.set(best.name, (claims.get(best.name) ?? 0) + 1);
    unknown.forEach(({ keyText, keySpan }, i) => {
      const best = bests[i]!;
      if (best.d > 2) {
        this.notes.push({
          ruleId: 'invalid-value',
          message: `Unknown top-level list '${keyText}'. A strategy file holds ${candidates.join(', ')}, or a single entity with \`kind:\`.`,
          span: keySpan,
        });
        return;
      }
      if (written.has(best.name)) {
        this.notes.push({ ruleId: 'unknown-field', message: `Unknown list '${keyText}'. It looks like '${best.name}', which is already there: move its entries into '${best.name}'.`, span: keySpan });
        return;
      }
      const clash = claims.get(best.name)! > 1;
      this.notes.push({
        ruleId: 'unknown-field',
        message: `Unknown list '${keyText}'. Did you mean '${best.name}'?${clash ? ` Another list here also looks like '${best.name}': rename only the one that is meant.` : ''}`,
        span: keySpan,
        fixes: [{ title: `Rename to '${best.name}'`, safe: !clash, edits: [{ file: this.source.path, start: keySpan.start, end: keySpan.end, newText: best.name }] }],
      });
    });
  }
}
