import type { TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextEdit } from '../model/finding.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import type { LineMap } from '../text/lineMap.js';
import { pathToUri } from './uri.js';

/**
 * Engine edits (offsets into the texts the index was built from) as an LSP WorkspaceEdit.
 * `lineMapOf` gives the line table of a file; an edit to a file the index does not hold is dropped.
 */
export function toWorkspaceEdit(edits: readonly TextEdit[], index: WorkspaceIndex, eolOf?: (file: string) => string): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const edit of edits) {
    const lineMap: LineMap | undefined = index.getFile(edit.file)?.lineMap;
    if (!lineMap) continue;
    const eol = eolOf?.(edit.file) ?? index.getFile(edit.file)?.eol ?? '\n';
    const newText = eol === '\r\n' ? edit.newText.replace(/\r?\n/g, '\r\n') : edit.newText;
    (changes[pathToUri(edit.file)] ??= []).push({ range: lineMap.rangeOf(edit), newText });
  }
  return { changes };
}

/** The smallest single edit turning `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(before: string, after: string): { start: number; end: number; newText: string } | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter) };
}
