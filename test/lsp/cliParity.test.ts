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

  it('after a burst of keystrokes with no debounce, a large owners file and portfolio agree with the CLI on the same texts', async () => {
    // Re-checking these files takes several slices of the server's event loop, one rule at a time:
    // keystrokes arriving meanwhile change the index under a half-done re-check, which must start again.
    const owners = Array.from({ length: 120 }, (_, i) => `  - id: "@o${i}"\n    capacity: ${1 + (i % 3)}\n`).join('');
    const initiatives = Array.from({ length: 400 }, (_, i) =>
      [`  - id: INIT-${i}`, `    title: Initiative ${i}`, `    objective: ${i % 7 ? 'OBJ-a' : 'OBJ-b'}`, `    owner: "@o${i % 150}"`, '    metrics: [KR-a]', `    status: ${i % 5 ? 'planned' : 'proposed'}`, `    start: 2027-0${1 + (i % 9)}-01`, `    due: 2027-0${1 + ((i * 7) % 9)}-15`, ''].join('\n'),
    ).join('\n');
    const doc = (owner: string, status: string) => `# Plan\n\n## Objective: A\n- id: OBJ-a\n- Owner: ${owner}\n- Period: 2027-H1\n- Status: ${status}\n\n### Key Result: KR a\n- id: KR-a\n- Baseline: 1\n- Target: 2\n\n## Objective: B\n- id: OBJ-b\n- Period: 2027\n`;
    const ws = new TempWorkspace({
      'owners.strategy.yaml': `owners:\n${owners}`,
      'portfolio.strategy.yaml': `initiatives:\n${initiatives}`,
      'plan.md': doc('@o1', 'active'),
      '.strategylint.yaml': 'today: 2027-03-01\n',
    });
    try {
      const client = await LspClient.start({ folders: [ws.root], initializationOptions: { debounceMs: 0 }, settings: { debounceMs: 0 } });
      try {
        await client.waitForIdle(30_000);
        const uri = ws.uri('plan.md');
        client.open(uri, doc('@o1', 'active'));
        let text = '';
        for (let i = 0; i < 40; i++) {
          text = doc(i % 3 ? `@o${i}` : '', i % 4 ? 'active' : 'dropped');
          client.change(uri, text);
          if (i % 8 === 0) await new Promise((r) => setTimeout(r, 5));
        }
        ws.write('plan.md', text);
        await client.waitForIdle(30_000);
        assert.deepEqual(Object.fromEntries(serverFindings(client, ws.root)), Object.fromEntries(cliFindings(ws.root)));
      } finally {
        await client.shutdown();
      }
    } finally {
      ws.dispose();
    }
  });
});
