import { LSPErrorCodes, ResponseError, type CancellationToken, type Range, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Entity } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import type { Span } from '../model/span.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { insertFieldEdit, yamlScalar } from '../fix/edits.js';
import { targetAt, type Target } from './locate.js';
import { pathToUri } from './uri.js';

/** SPEC §3: what an id may look like. */
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*$/;

export interface RenameSubject {
  /** The id being renamed (owners without `@`). */
  id: string;
  isOwner: boolean;
  /** Offsets of the id itself inside the document (quotes, `@`, `[[ ]]` excluded). */
  span: Span;
  /** The declaration under the cursor, when the rename starts at one (not at a reference). */
  declaration?: Entity;
}

/** Reads a file's current text (the editor's when open), BOM excluded; undefined when unreadable. */
export type TextSource = (filePath: string) => Promise<string | undefined>;

function refuse(message: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

/** prepareRename: the id under the cursor (a declaration's id or a reference to one), or a refusal that says why. */
export function renameSubjectAt(file: ParsedFile, text: string, offset: number, index: WorkspaceIndex): RenameSubject {
  const target = targetAt(file, offset);
  const subject = target && subjectOf(target, text, index);
  if (!subject) throw refuse('Place the cursor on an id or on a reference to one to rename it.');
  return subject;
}

function subjectOf(target: Target, text: string, index: WorkspaceIndex): RenameSubject | undefined {
  if (target.type === 'declaration') {
    const { entity } = target;
    if (!entity.id) return undefined;
    const isOwner = entity.kind === 'owner';
    if (!entity.idSpan) return { id: entity.id, isOwner, span: target.span, declaration: entity };
    const at = idOffsetIn(text, entity.idSpan, entity.id);
    return at === undefined ? undefined : { id: entity.id, isOwner, span: { start: at, end: at + entity.id.length }, declaration: entity };
  }
  const { ref } = target;
  const isOwner = ref.expected === 'owner';
  if ((ref.form === 'id' || ref.form === 'wiki') && ref.id) {
    const at = idOffsetIn(text, ref.span, ref.id);
    return at === undefined ? undefined : { id: ref.id, isOwner, span: { start: at, end: at + ref.id.length } };
  }
  if (ref.form === 'link') {
    // A link names a document or a heading: rename the id of what it resolves to.
    const entity = index.resolve(ref)[0];
    if (!entity?.id) return undefined;
    const at = ref.anchor ? anchorOffsetIn(text, ref.span, ref.anchor) : undefined;
    const span = at === undefined ? ref.span : { start: at, end: at + ref.anchor!.length };
    return { id: entity.id, isOwner: entity.kind === 'owner', span };
  }
  return undefined;
}

/**
 * The edits of a rename across the folder: every declaration's id (an `id` field is added where the
 * id was derived from a heading or file name), every reference by id or wiki link, and links whose
 * anchor is the id. Refuses ids that are malformed or already declared.
 *
 * An id declared more than once (a `duplicate-id`) is a conflict to resolve, not one entity: rename
 * on one of its declarations renames that declaration alone — the references keep the old id, which
 * the other declaration still holds — and rename on a reference is refused, since it cannot say
 * which declaration it means.
 */
export async function renameEdits(
  subject: RenameSubject,
  requested: string,
  index: WorkspaceIndex,
  readText: TextSource,
  token?: CancellationToken,
): Promise<WorkspaceEdit | null> {
  const newId = subject.isOwner ? requested.trim().replace(/^@/, '') : requested.trim();
  if (!ID_PATTERN.test(newId)) {
    throw refuse(`'${requested}' is not a valid id: start with a letter, then use letters, digits, '_', '.' or '-'.`);
  }
  const oldId = subject.id;
  if (newId === oldId) return null;
  const taken = index.declarations(newId);
  if (taken.length) {
    const where = taken[0]!;
    const line = (index.getFile(where.file)?.lineMap.positionAt(where.anchor.start).line ?? 0) + 1;
    throw refuse(`'${newId}' is already declared (${where.kind} in ${where.file}:${line}): pick another id.`);
  }

  const byFile = new Map<string, { span: Span; kind: 'id' | 'anchor' }[]>();
  const inserts: Entity[] = [];
  const add = (file: string, span: Span, kind: 'id' | 'anchor') => {
    const list = byFile.get(file) ?? [];
    if (!list.some((s) => s.span.start === span.start && s.span.end === span.end)) list.push({ span, kind });
    byFile.set(file, list);
  };
  let declarations = index.declarations(oldId);
  const duplicated = declarations.length > 1;
  if (duplicated) {
    if (!subject.declaration) {
      throw refuse(`'${oldId}' is declared ${declarations.length} times, so this reference cannot say which declaration it means: rename one of the declarations instead.`);
    }
    declarations = declarations.filter((d) => d === subject.declaration);
  }
  for (const entity of declarations) {
    if (entity.idSpan) add(entity.file, entity.idSpan, 'id');
    else inserts.push(entity);
    for (const { ref, from } of index.incoming(entity)) {
      if (ref.form === 'link' && ref.anchor && ref.anchor.toLowerCase() === oldId.toLowerCase()) add(from.file, ref.span, 'anchor');
    }
  }
  if (!duplicated) {
    for (const { ref, from } of index.referencesToId(oldId)) {
      if (ref.form === 'id' || ref.form === 'wiki') add(from.file, ref.span, 'id');
    }
  }

  const changes: Record<string, LspTextEdit[]> = {};
  for (const [file, spans] of byFile) {
    if (token?.isCancellationRequested) return null;
    const text = await readText(file);
    const parsed = index.getFile(file);
    if (text === undefined || !parsed) continue;
    const edits: LspTextEdit[] = [];
    for (const { span, kind } of spans) {
      const at = kind === 'id' ? idOffsetIn(text, span, oldId) : anchorOffsetIn(text, span, oldId);
      if (at === undefined) continue;
      const oldText = text.slice(span.start, span.end);
      // A plain YAML scalar that is exactly the id must stay a string (`true`, `null` would not).
      const plainYaml = parsed.language === 'yaml' || isInFrontMatter(text, span.start);
      const newText = kind === 'id' && plainYaml && oldText === oldId ? yamlScalar(newId) : newId;
      edits.push({ range: rangeOf(parsed, at, at + oldId.length), newText });
    }
    if (edits.length) changes[pathToUri(file)] = edits;
  }
  for (const entity of inserts) {
    const parsed = index.getFile(entity.file);
    if (!parsed) continue;
    const edit = insertFieldEdit(entity, 'id', newId);
    // An entity inside a templated file whose template reads no `id` line for it: its id is its title's.
    if (!edit) throw refuse(`${entity.kind} '${oldId}' takes its id from its text in a templated file, which has no place for an \`id\`: rename it by changing that text.`);
    (changes[pathToUri(entity.file)] ??= []).push({ range: rangeOf(parsed, edit.start, edit.end), newText: edit.newText });
  }
  return { changes };
}

/** Offset of `id` inside the written value at `span` (after quotes, `@`, `[[`). */
function idOffsetIn(text: string, span: Span, id: string): number | undefined {
  const slice = text.slice(span.start, span.end);
  const re = new RegExp(`(?<![A-Za-z0-9_.-])${escapeRegExp(id)}(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`);
  const match = re.exec(slice);
  return match ? span.start + match.index : undefined;
}

/** Offset of the anchor (after `#`) inside a Markdown link at `span`, compared case-insensitively. */
function anchorOffsetIn(text: string, span: Span, anchor: string): number | undefined {
  const slice = text.slice(span.start, span.end).toLowerCase();
  const at = slice.lastIndexOf(`#${anchor.toLowerCase()}`);
  return at === -1 ? undefined : span.start + at + 1;
}

function isInFrontMatter(text: string, offset: number): boolean {
  if (!text.startsWith('---')) return false;
  const close = /^(?:---|\.\.\.)[ \t]*$/m;
  const rest = text.slice(3);
  const firstLineEnd = rest.indexOf('\n');
  if (firstLineEnd === -1) return false;
  const match = close.exec(rest.slice(firstLineEnd + 1));
  const end = match ? 3 + firstLineEnd + 1 + match.index : text.length;
  return offset < end;
}

function rangeOf(file: ParsedFile, start: number, end: number): Range {
  return file.lineMap.rangeOf({ start, end });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
