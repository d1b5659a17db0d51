import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit, LspClient, REPO_ROOT, SERVER_BIN, TempWorkspace, uriOf } from '../helpers/lspClient.js';

interface CliMessage {
  ruleId: string;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** `strategy-lint --format json .` run from `folder`, as `relative path → messages`. */
function cliFindings(folder: string): Map<string, string[]> {
  const run = spawnSync(process.execPath, [SERVER_BIN, '--format', 'json', '.'], { cwd: folder, encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 1, `CLI exit ${run.status}: ${run.stderr}`);
  const results = JSON.parse(run.stdout) as { filePath: string; messages: CliMessage[] }[];
  const byFile = new Map<string, string[]>();
  for (const result of results) {
    if (!result.messages.length) continue;
    byFile.set(relative(folder, result.filePath), result.messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.severity} ${m.ruleId} ${m.message}`).sort());
  }
  return byFile;
}

/** The server's diagnostics in the CLI's terms (1-based; severity 2 error, 1 warning, 0 info). */
function serverFindings(client: LspClient, folder: string): Map<string, string[]> {
  const cliSeverity: Record<number, number> = { 1: 2, 2: 1, 3: 0 };
  const byFile = new Map<string, string[]>();
  for (const [uri, diagnostics] of client.diagnostics) {
    if (!diagnostics.length || !uri.startsWith(uriOf(folder) + '/')) continue;
    const rel = decodeURIComponent(uri.slice(uriOf(folder).length + 1));
    byFile.set(rel, diagnostics.map((d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${cliSeverity[d.severity!]} ${d.code} ${d.message}`).sort());
  }
  return byFile;
}

function filesUnder(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(root, join(dir, e.name)) : [relative(root, join(dir, e.name))]));
}

const SAMPLES = ['acme', 'clean'].map((name) => join(REPO_ROOT, 'samples', name)).filter((folder) => existsSync(folder));

describe('language server and CLI report the same diagnostics', function () {
  this.timeout(60_000);

  for (const folder of SAMPLES) {
    it(`samples/${relative(join(REPO_ROOT, 'samples'), folder)}: every file, every finding, same place, severity and message`, async () => {
      const expected = cliFindings(folder);
      const client = await LspClient.start({ folders: [folder] });
      try {
        await client.waitForIdle();
        assert.deepEqual(Object.fromEntries(serverFindings(client, folder)), Object.fromEntries(expected));
      } finally {
        await client.shutdown();
      }
    });
  }

  it('fix-all in the editor gives each file what --fix writes', async function () {
    const source = SAMPLES[0];
    if (!source) this.skip();
    const cliCopy = new TempWorkspace({});
    const lspCopy = new TempWorkspace({});
    cpSync(source!, cliCopy.root, { recursive: true });
    cpSync(source!, lspCopy.root, { recursive: true });
    try {
      try {
        execFileSync(process.execPath, [SERVER_BIN, '--fix', '--format', 'json', '.'], { cwd: cliCopy.root, stdio: 'pipe' });
      } catch {
        // Exit 1: findings without a safe fix remain.
      }
      const client = await LspClient.start({ folders: [lspCopy.root] });
      try {
        await client.waitForIdle();
        let fixedSomething = false;
        for (const rel of filesUnder(lspCopy.root)) {
          if (!/\.(md|ya?ml)$/.test(rel)) continue;
          const uri = lspCopy.uri(rel);
          const text = readFileSync(lspCopy.path(rel), 'utf8');
          client.open(uri, text);
          const [action] = await client.request<CodeAction[]>('textDocument/codeAction', {
            textDocument: { uri },
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            context: { diagnostics: [], only: ['source.fixAll.strategyLint'] },
          });
          const fixed = action ? applyWorkspaceEdit({ [uri]: text }, action.edit!)[uri]! : text;
          if (action) fixedSomething = true;
          assert.equal(fixed, cliCopy.read(rel), `${rel} after fix-all`);
        }
        assert.ok(fixedSomething, 'the sample has safe fixes');
      } finally {
        await client.shutdown();
      }
    } finally {
      cliCopy.dispose();
      lspCopy.dispose();
    }
  });
});
