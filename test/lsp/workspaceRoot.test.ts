import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, TempWorkspace } from '../helpers/lspClient.js';

const orphan = (id: string) => `initiatives:\n  - id: ${id}\n    title: ${id}\n`;

describe('language server: each folder is a workspace root (§10.12, §10.15)', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: LspClient;

  afterEach(async () => {
    await client?.shutdown().catch(() => undefined);
    ws?.dispose();
  });

  it('configs cascade into a folder from above it and from its subfolders', async () => {
    ws = new TempWorkspace({
      '.strategylint.yaml': 'rules:\n  initiative-owner: warning\n  initiative-objective: off\n  initiative-metric: off\n',
      'team/a.strategy.yaml': orphan('INIT-a'),
      'team/sub/.strategylint.yaml': 'rules:\n  initiative-owner: info\n',
      'team/sub/b.strategy.yaml': orphan('INIT-b'),
    });
    client = await LspClient.start({ folders: [ws.path('team')] });
    const severities = async (rel: string) => (await client.waitForDiagnostics(ws.uri(rel), (d) => d.length > 0)).map((d) => `${d.code}:${d.severity}`);
    assert.deepEqual(await severities('team/a.strategy.yaml'), ['initiative-owner:2'], 'the config above the folder applies');
    assert.deepEqual(await severities('team/sub/b.strategy.yaml'), ['initiative-owner:3'], 'the subfolder config overrides it below');
  });

  it('watches the configs above the folder, outside the workspace, and re-checks the folder when one changes', async () => {
    ws = new TempWorkspace({
      '.strategylint.yaml': 'rules:\n  initiative-owner: warning\n  initiative-objective: off\n  initiative-metric: off\n',
      'team/a.strategy.yaml': orphan('INIT-a'),
    });
    client = await LspClient.start({ folders: [ws.path('team')] });
    const uri = ws.uri('team/a.strategy.yaml');
    await client.waitForDiagnostics(uri, (d) => d.length === 1 && d[0]!.severity === 2);
    // The client is asked to watch config names in the folder above (a relative pattern: outside the workspace).
    const watched = client.registrations
      .filter((r) => r.method === 'workspace/didChangeWatchedFiles')
      .flatMap((r) => (r.registerOptions as { watchers: { globPattern: string | { baseUri: string; pattern: string } }[] }).watchers.map((w) => w.globPattern));
    assert.ok(watched.some((g) => typeof g === 'object' && g.baseUri.replace(/\/$/, '') === ws.uri('').replace(/\/$/, '') && g.pattern === '.strategylint.{yaml,yml,json}'), JSON.stringify(watched));

    ws.write('.strategylint.yaml', 'rules:\n  initiative-owner: error\n  initiative-objective: off\n  initiative-metric: off\n');
    client.fileChanged([{ uri: ws.uri('.strategylint.yaml'), type: 2 }]);
    await client.waitForDiagnostics(uri, (d) => d.length === 1 && d[0]!.severity === 1);
    ws.remove('.strategylint.yaml');
    client.fileChanged([{ uri: ws.uri('.strategylint.yaml'), type: 3 }]);
    // Without it the rules' defaults apply: an orphan initiative also lacks an objective and a metric.
    await client.waitForDiagnostics(uri, (d) => d.length === 3);
  });

  it('a link to a file outside the folder is not read', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'strategy-lint-outside-'));
    try {
      writeFileSync(join(outside, 'secret.strategy.yaml'), orphan('INIT-secret'));
      ws = new TempWorkspace({ 'plan.strategy.yaml': orphan('INIT-plan') });
      symlinkSync(join(outside, 'secret.strategy.yaml'), ws.path('leak.strategy.yaml'));
      client = await LspClient.start({ folders: [ws.root] });
      await client.waitForDiagnostics(ws.uri('plan.strategy.yaml'), (d) => d.length > 0);
      await client.waitForIdle();
      assert.equal(client.diagnostics.has(ws.uri('leak.strategy.yaml')), false);
      const symbols = await client.request<unknown[]>('workspace/symbol', { query: 'INIT-secret' });
      assert.deepEqual(symbols, []);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
