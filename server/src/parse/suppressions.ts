import type { SuppressionComment } from '../model/file.js';
import type { LineMap } from '../text/lineMap.js';

const MARKDOWN_COMMENT = /<!--\s*strategy-lint-(disable-next-line|disable-file|disable|enable)\b([^]*?)-->/g;
const YAML_COMMENT = /#[ \t]*strategy-lint-(disable-next-line|disable-file|disable|enable)\b([^\r\n]*)/g;

/** Finds the suppression comments of §6 / §10.13 in Markdown (`<!-- … -->`) or YAML (`# …`). */
export function findSuppressions(text: string, language: 'markdown' | 'yaml', lines: LineMap): SuppressionComment[] {
  const pattern = language === 'markdown' ? MARKDOWN_COMMENT : YAML_COMMENT;
  if (!text.includes('strategy-lint-')) return [];
  const found: SuppressionComment[] = [];
  for (const match of text.matchAll(pattern)) {
    const start = match.index!;
    const directive = match[1]!;
    const kind = directive === 'disable-next-line' ? 'next-line' : directive === 'disable-file' ? 'file' : directive === 'disable' ? 'disable' : 'enable';
    const listStart = start + match[0].indexOf(match[2]!, directive.length);
    const rules: { id: string; span: { start: number; end: number } }[] = [];
    // As in ESLint, ` -- ` starts a free-text reason: `<!-- strategy-lint-disable-next-line owner-load -- agreed in Q1 review -->`.
    const ruleList = match[2]!.split(/\s--(?:\s|$)/)[0]!;
    for (const id of ruleList.matchAll(/[A-Za-z][A-Za-z0-9-]*/g)) {
      rules.push({ id: id[0], span: { start: listStart + id.index!, end: listStart + id.index! + id[0].length } });
    }
    const comment: SuppressionComment = { kind, rules, span: { start, end: start + match[0].length } };
    if (kind === 'next-line') comment.targetLine = nextNonCommentLine(text, lines, lines.positionAt(start + match[0].length).line + 1, language);
    found.push(comment);
  }
  return found;
}

function nextNonCommentLine(text: string, lines: LineMap, line: number, language: 'markdown' | 'yaml'): number {
  const commentOnly = language === 'markdown' ? /^\s*<!--[^]*-->\s*$/ : /^\s*#/;
  while (line < lines.lineCount) {
    const start = lines.lineStart(line);
    const end = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
    if (!commentOnly.test(text.slice(start, end))) return line;
    line++;
  }
  return line;
}
