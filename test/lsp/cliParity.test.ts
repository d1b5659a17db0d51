import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { cliFindings, serverFindings } from '../helpers/findingTerms.js';
import { applyWorkspaceEdit, LspClient, REPO_ROOT, SERVER_BIN, TempWorkspace } from '../helpers/lspClient.js';

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
