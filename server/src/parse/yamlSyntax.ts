import type { YAMLError } from 'yaml';
import type { ParseNote } from '../model/file.js';

/**
 * Turns the `yaml` library's errors into `syntax` notes at the exact place, with the one safe fix
 * SPEC §6 names: quote a plain value that starts with `@` (reserved in YAML, common for owners).
 */
export function syntaxNotes(errors: readonly YAMLError[], text: string, base: number, file: string, limitEnd: number): ParseNote[] {
  const notes: ParseNote[] = [];
  for (const error of errors) {
    const start = Math.min(base + error.pos[0], limitEnd);
    let end = Math.min(base + error.pos[1], limitEnd);
    if (end <= start) end = Math.min(start + 1, limitEnd);
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const note: ParseNote = { ruleId: 'syntax', message: `YAML syntax error: ${message}.`, span: { start, end } };
    if (error.code === 'BAD_SCALAR_START' && text[start] === '@') {
      const valueEnd = plainScalarEnd(text, start);
      const value = text.slice(start, valueEnd);
      note.span = { start, end: valueEnd };
      note.message = `YAML syntax error: a value cannot start with '@' unless it is quoted. Write "${value}".`;
      note.fixes = [{ title: `Quote "${value}"`, safe: true, edits: [{ file, start, end: valueEnd, newText: `"${value.replace(/["\\]/g, '\\$&')}"` }] }];
    }
    if (error.code === 'DUPLICATE_KEY') {
      const key = keyAt(text, start, limitEnd);
      note.span = { start, end: start + key.length };
      note.message = `YAML syntax error: key '${key}' is written twice in this mapping, and only one of them can count. Delete or rename one of them.`;
    }
    notes.push(note);
  }
  return notes;
}

/** End of a plain scalar: the end of the line, a ` #` comment, or, inside a flow collection, `,` `]` `}`. */
function plainScalarEnd(text: string, start: number): number {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  const inFlow = /[[{]/.test(before);
  let end = start;
  while (end < text.length) {
    const ch = text[end]!;
    if (ch === '\n' || ch === '\r') break;
    if (ch === '#' && /\s/.test(text[end - 1] ?? '')) break;
    if (inFlow && (ch === ',' || ch === ']' || ch === '}')) break;
    end++;
  }
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/** The key written at `start` (the `yaml` library reports a repeated key at its first character). */
function keyAt(text: string, start: number, limitEnd: number): string {
  const line = /^[^\r\n]*/.exec(text.slice(start, limitEnd))![0];
  const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')/.exec(line);
  if (quoted) return quoted[1]!;
  const colon = line.search(/:(\s|$)/);
  return (colon === -1 ? line : line.slice(0, colon)).trimEnd();
}
