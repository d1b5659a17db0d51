import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import type { ParsedFile } from '../model/file.js';
import type { Finding, TextEdit } from '../model/finding.js';
import { findFrontMatter } from '../parse/frontMatter.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { toWorkspaceEdit } from './workspaceEdits.js';

const HEADING_LINE = /^ {0,3}#{1,6}(?:[ \t]|$)/;

/**
 * "Disable <rule> for this line / for the entire file" (as ESLint offers), written as the
 * suppression comments of §6. A line comment goes only where it cannot change the document's
 * structure: before any line of a strategy YAML file, before a Markdown heading (a comment in a
 * field list would end the list). `syntax` findings yield only to `disable-file` (§10.13).
 */
export function suppressionActions(finding: Finding, file: ParsedFile, text: string, diagnostic: Diagnostic, index: WorkspaceIndex): CodeAction[] {
  const actions: CodeAction[] = [];
  const { eol } = file;
  const line = file.lineMap.positionAt(finding.span.start).line;
  const lineStart = file.lineMap.lineStart(line);
  const lineText = text.slice(lineStart, line + 1 < file.lineMap.lineCount ? file.lineMap.lineStart(line + 1) : text.length);
  const indent = /^[ \t]*/.exec(lineText)![0];
  const frontMatter = file.language === 'markdown' ? findFrontMatter(text) : undefined;
  const inFrontMatter = frontMatter !== undefined && (frontMatter.end === -1 || lineStart < frontMatter.end);
  const action = (title: string, edit: TextEdit): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: toWorkspaceEdit([edit], index),
  });

  if (finding.ruleId !== 'syntax') {
    if (file.language === 'yaml') {
      actions.push(action(`Disable ${finding.ruleId} for this line`, insertion(file.path, lineStart, `${indent}# strategy-lint-disable-next-line ${finding.ruleId}${eol}`)));
    } else if (!inFrontMatter && HEADING_LINE.test(lineText)) {
      actions.push(action(`Disable ${finding.ruleId} for this line`, insertion(file.path, lineStart, `<!-- strategy-lint-disable-next-line ${finding.ruleId} -->${eol}`)));
    }
  }
  if (file.language === 'yaml') {
    actions.push(action(`Disable ${finding.ruleId} for the entire file`, insertion(file.path, 0, `# strategy-lint-disable-file ${finding.ruleId}${eol}`)));
  } else if (!frontMatter || frontMatter.end !== -1) {
    // Front matter must stay first: the comment goes right after it.
    const at = frontMatter ? frontMatter.end : 0;
    const atEnd = at === text.length && at > 0 && !/\r?\n$/.test(text);
    actions.push(action(`Disable ${finding.ruleId} for the entire file`, insertion(file.path, at, `${atEnd ? eol : ''}<!-- strategy-lint-disable-file ${finding.ruleId} -->${eol}`)));
  }
  return actions;
}

function insertion(file: string, at: number, newText: string): TextEdit {
  return { file, start: at, end: at, newText };
}
