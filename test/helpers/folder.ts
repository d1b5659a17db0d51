import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../../bin/strategy-lint.cjs', import.meta.url));

export interface FolderFinding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  message: string;
}

/**
 * Writes `files` into a fresh folder and lints it with the CLI (`args`, run from that folder), for
 * what needs real files: a template's sibling is found by listing the folder of its main file.
 */
export function lintFolder(files: Record<string, string>, args: string[]): FolderFinding[] {
  const dir = mkdtempSync(join(tmpdir(), 'preset-'));
  try {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    const run = spawnSync(process.execPath, [CLI, ...args, '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    if (run.status !== 0 && run.status !== 1) throw new Error(`exit ${run.status}: ${run.stderr}`);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number; message: string }[] }[];
    return results
      .flatMap((r) => r.messages.map((m) => ({ file: relative(dir, r.filePath), line: m.line, column: m.column, ruleId: m.ruleId, message: m.message })))
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
