import { parseDocument, isMap, isNode, type Document } from 'yaml';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import * as path from 'node:path';
import type { Entity } from '../model/entity.js';
import type { ParseNote } from '../model/file.js';
import { isStrategyKindOrNearMiss } from '../model/kinds.js';
import { blankOut, findFrontMatter } from './frontMatter.js';
import { HeadingEntityReader, MAYBE_ENTITY_HEADING } from './markdownHeadings.js';
import { MAX_NESTING, tooDeeplyNested } from './nesting.js';
import { SectionedMarkdownParser } from './markdownSections.js';
import { parseSimpleMarkdown } from './simpleMarkdown.js';
import { YamlEntityReader } from './yamlEntities.js';
import { syntaxNotes } from './yamlSyntax.js';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';

// CommonMark without GFM: every GFM addition (tables, task items, strikethrough, autolinks,
// footnotes) is inline or a table, and none of them can declare an entity or a field, while
// remark-gfm adds ~12% to every parse. Fields are read from the source text, not from inline nodes.
const processor = unified().use(remarkParse).freeze();
const parseWhole = (text: string) => processor.parse(text) as Root;
/** For documents being edited: a keystroke re-parses the section it changed (markdownSections.ts). */
const sectioned = new SectionedMarkdownParser(parseWhole);

export interface MarkdownParse {
  entities: Entity[];
  notes: ParseNote[];
  declares: boolean;
}

/**
 * Markdown: front matter with `kind` (§4.2) and entity headings (§4.3).
 * remark runs only when a cheap scan finds a possible entity heading; other Markdown needs no tree.
 * `editing`: the text is a new version of a document parsed before (the editor's keystrokes): its
 * unchanged sections are not parsed again (same tree).
 */
export function parseMarkdown(filePath: string, text: string, eol: string, editing = false): MarkdownParse {
  const entities: Entity[] = [];
  const notes: ParseNote[] = [];
  let declares = false;
  const block = findFrontMatter(text);
  let body = text;
  let frontEntity: Entity | undefined;
  let needsTitle = false;
  if (block) {
    const yamlText = text.slice(block.contentStart, block.contentEnd);
    const hasKind = /^kind[ \t]*:/m.test(yamlText);
    if (block.end === -1) {
      if (hasKind) {
        declares = true;
        notes.push({ ruleId: 'syntax', message: 'Front matter is not closed: add a line `---` after it.', span: block.openFence });
      }
    } else {
      body = blankOut(text, 0, block.end);
      const doc = hasKind ? parseDocument(yamlText, { version: '1.2', prettyErrors: false }) : undefined;
      // §2: front matter of another kind (`kind: tutorial`) belongs to something else: the file is left alone.
      if (doc && isStrategyKindOrNearMiss(kindOf(doc))) {
        declares = true;
        notes.push(...syntaxNotes(doc.errors, text, block.contentStart, filePath, block.contentEnd));
        if (isMap(doc.contents)) {
          const reader = new YamlEntityReader({ path: filePath, text, base: block.contentStart, eol, doc });
          const base = path.posix.basename(filePath).replace(/\.(md|markdown)$/i, '');
          frontEntity = reader.readSingleEntity(doc.contents, 'front-matter', { id: base, extentEnd: text.length });
          if (frontEntity) {
            frontEntity.extent = { start: 0, end: text.length };
            frontEntity.insertion = { offset: block.contentEnd, style: 'front-matter', indent: '', eol };
            needsTitle = frontEntity.title === undefined;
            entities.push(frontEntity);
          }
          notes.push(...reader.notes);
        }
      }
    }
  }
  let tree: Root | undefined;
  const mayDeclare = MAYBE_ENTITY_HEADING.test(body);
  const tooDeep = mayDeclare ? tooDeeplyNested(body) : undefined;
  if (tooDeep) {
    // remark would take unbounded time: the file gets a finding, its headings are not read.
    declares = true;
    notes.push({
      ruleId: 'syntax',
      message: `Markdown nested too deeply to analyse: lists or block quotes about ${tooDeep.depth} levels deep here (the limit is ${MAX_NESTING}). Entity headings in this file are not read until the nesting is flattened.`,
      span: { start: tooDeep.start, end: Math.max(tooDeep.end, tooDeep.start) },
    });
  } else if (mayDeclare) {
    // Plain Markdown (most strategy documents) is read without remark, into the same tree.
    tree = parseSimpleMarkdown(body) ?? (editing ? sectioned.parse(body) : parseWhole(body));
    const reader = new HeadingEntityReader(filePath, text, eol);
    reader.read(tree);
    if (reader.entities.length) declares = true;
    entities.push(...reader.entities);
  }
  if (frontEntity && needsTitle) {
    const title = tree ? firstH1FromTree(tree) : firstH1FromText(body);
    if (title) frontEntity.title = title;
  }
  return { entities, notes, declares };
}

function firstH1FromTree(tree: Root): string | undefined {
  for (const node of tree.children) if (node.type === 'heading' && node.depth === 1) return toString(node).trim();
  return undefined;
}

/** First level-1 heading without building a tree: ATX `# Title` or setext `Title\n===`, outside code fences. */
export /** The front matter's `kind` value as YAML reads it (undefined when the front matter is no mapping). */
function kindOf(doc: Document): unknown {
  if (!isMap(doc.contents)) return undefined;
  const value: unknown = doc.contents.get('kind');
  return isNode(value) ? {} : value;
}

function firstH1FromText(text: string): string | undefined {
  const lines = text.split(/\r?\n/);
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      if (!fence) fence = fenceMatch[1]![0]!.repeat(fenceMatch[1]!.length);
      else if (line.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    if (fence) continue;
    const atx = /^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (atx) return atx[1]!.trim();
    if (line.trim() && /^ {0,3}=+[ \t]*$/.test(lines[i + 1] ?? '') && !/^ {4}/.test(line)) return line.trim();
  }
  return undefined;
}
