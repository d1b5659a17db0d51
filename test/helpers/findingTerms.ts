// The CLI's and the language server's findings in the same terms, for tests that compare them.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { SERVER_BIN, uriOf, type LspClient } from './lspClient.js';

interface CliMessage {
  ruleId: string;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * `strategy-lint --format json .` run from `folder`, as `relative path → messages`. Exit 2 is
 * accepted only with `unreadableOk` (a file that is not UTF-8 text: the CLI reports the rest).
 */
export function cliFindings(folder: string, options: { unreadableOk?: boolean } = {}): Map<string, string[]> {
  const run = spawnSync(process.execPath, [SERVER_BIN, '--format', 'json', '.'], { cwd: folder, encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 1 || (options.unreadableOk === true && run.status === 2), `CLI exit ${run.status}: ${run.stderr}`);
  const results = JSON.parse(run.stdout) as { filePath: string; messages: CliMessage[] }[];
  const byFile = new Map<string, string[]>();
  for (const result of results) {
    if (!result.messages.length) continue;
    byFile.set(relative(folder, result.filePath), result.messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.severity} ${m.ruleId} ${m.message}`).sort());
  }
  return byFile;
}

/** The server's diagnostics in the CLI's terms (1-based; severity 2 error, 1 warning, 0 info). */
export function serverFindings(client: LspClient, folder: string): Map<string, string[]> {
  const cliSeverity: Record<number, number> = { 1: 2, 2: 1, 3: 0 };
  const byFile = new Map<string, string[]>();
  for (const [uri, diagnostics] of client.diagnostics) {
    if (!diagnostics.length || !uri.startsWith(uriOf(folder) + '/')) continue;
    const rel = decodeURIComponent(uri.slice(uriOf(folder).length + 1));
    byFile.set(rel, diagnostics.map((d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${cliSeverity[d.severity!]} ${d.code} ${d.message}`).sort());
  }
  return byFile;
}
