import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { LspClient, SERVER_BIN, TempWorkspace, uriOf } from '../helpers/lspClient.js';

const LONELY = '## Initiative: Lonely\n- id: INIT-lonely\n';

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const FRAGMENTS = [
  '---\n', 'kind: initiative\n', '## Initiative: ', '# ', '- Owner: @', '- Metrics: [[', ']]', '](#', '[x](', 'objectives:\n', '  - id: ',
  '    key-results:\n', ': ', '"', "'", '\t', '\r\n', '\n', '@', '#', '<!-- strategy-lint-disable-next-line -->\n', '```\n', '> ', '|', '{', '[', ']',
  '\u0000', '\uFFFD', '\uD800', '\u200B', 'é', '😀', '\uFEFF', 'OBJ-smb', 'TBD', 'planed', '2027-13-45', 'FY27-Q9', '*'.repeat(50), '&anchor ', '*anchor', '!!binary ',
];

function garbage(random: () => number, length: number): string {
  let text = '';
  while (text.length < length) {
    if (random() < 0.6) text += FRAGMENTS[Math.floor(random() * FRAGMENTS.length)];
    else text += String.fromCharCode(Math.floor(random() * 0x3000));
  }
  return text;
}

describe('language server: lifecycle and robustness', function () {
  this.timeout(60_000);
  let ws: TempWorkspace;
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.shutdown().catch(() => undefined);
    client = undefined;
    ws?.dispose();
  });

  it('declares its capabilities, including fix-all and rename with prepare', async () => {
    ws = new TempWorkspace({});
    const child = spawn(process.execPath, [SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    const result = await connection.sendRequest('initialize', { processId: process.pid, rootUri: uriOf(ws.root), capabilities: {} }) as {
      capabilities: Record<string, unknown> & { codeActionProvider: { codeActionKinds: string[] }; renameProvider: { prepareProvider: boolean } };
      serverInfo: { name: string };
    };
    assert.equal(result.serverInfo.name, 'strategy-lint');
    assert.ok(result.capabilities.codeActionProvider.codeActionKinds.includes('source.fixAll.strategyLint'));
    assert.ok(result.capabilities.codeActionProvider.codeActionKinds.includes('quickfix'));
    assert.equal(result.capabilities.renameProvider.prepareProvider, true);
    for (const feature of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'documentSymbolProvider', 'workspaceSymbolProvider', 'completionProvider', 'codeLensProvider']) {
      assert.ok(result.capabilities[feature], feature);
    }
    await connection.sendRequest('shutdown');
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    void connection.sendNotification('exit');
    assert.equal(await exited, 0, 'exit after shutdown is a clean exit');
    connection.dispose();
  });

  it('exits with 1 on exit without shutdown', async () => {
    ws = new TempWorkspace({});
    const started = await LspClient.start({ folders: [ws.root] });
    const exited = new Promise<number | null>((resolve) => started.process.on('exit', resolve));
    started.notifyServer('exit', null);
    assert.equal(await exited, 1);
  });

  it('survives garbage, huge lines and binary-ish text, on disk and in the editor, and keeps answering', async () => {
    const random = prng(20270201);
    ws = new TempWorkspace({
      'bin.md': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)),
      'not-utf8.strategy.yaml': Buffer.from([0x6f, 0x62, 0x6a, 0x3a, 0xff, 0xfe, 0x00, 0x0a]),
      'huge.md': `## Initiative: ${'x'.repeat(300_000)}\n- Owner: ${'@a'.repeat(50_000)}\n`,
      'deep.strategy.yaml': `objectives: ${'['.repeat(2000)}${']'.repeat(2000)}\n`,
      'good.md': LONELY,
    });
    client = await LspClient.start({ folders: [ws.root] });
    await client.waitForDiagnostics(ws.uri('good.md'), (d) => d.length === 3);
    const uri = ws.uri('fuzz.strategy.yaml');
    const md = ws.uri('fuzz.md');
    client.open(uri, garbage(random, 200));
    client.open(md, garbage(random, 200));
    for (let round = 0; round < 60; round++) {
      const target = round % 2 ? uri : md;
      const text = garbage(random, 50 + Math.floor(random() * 3000));
      client.change(target, text);
      const lines = text.split('\n').length;
      const position = { line: Math.floor(random() * (lines + 2)), character: Math.floor(random() * 80) };
      const doc = { textDocument: { uri: target } };
      const range = { start: position, end: position };
      await Promise.all([
        client.request('textDocument/hover', { ...doc, position }),
        client.request('textDocument/completion', { ...doc, position }),
        client.request('textDocument/definition', { ...doc, position }),
        client.request('textDocument/references', { ...doc, position, context: { includeDeclaration: true } }),
        client.request('textDocument/documentSymbol', doc),
        client.request('textDocument/codeLens', doc),
        client.request('textDocument/codeAction', { ...doc, range, context: { diagnostics: [], only: ['quickfix', 'source.fixAll'] } }),
        client.request('textDocument/prepareRename', { ...doc, position }).catch((error: Error) => assert.match(error.message, /cursor on an id/)),
      ]);
    }
    await client.request('workspace/symbol', { query: 'x' });
    await client.request('strategyLint/strategyTree', {});
    await client.waitForIdle();
    // Still alive and still right: the good file is linted, edits still count.
    const good = ws.uri('good.md');
    client.open(good, LONELY);
    client.change(good, `${LONELY}- Owner: @sam\n`);
    await client.waitForDiagnostics(good, (d) => d.length === 2);
    assert.deepEqual(client.logs.filter((l) => l.type === 1), [], 'no handler failed');
    assert.equal(client.exitCode, undefined);
  });

  it('answers requests at positions beyond the end of a document, and for documents it does not know', async () => {
    ws = new TempWorkspace({ 'good.md': LONELY });
    client = await LspClient.start({ folders: [ws.root] });
    await client.waitForIdle();
    const far = { line: 10_000, character: 10_000 };
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: ws.uri('good.md') }, position: far }), null);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: ws.uri('nowhere.md') }, position: far }), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: 'untitled:Untitled-1' } }), []);
    assert.deepEqual(client.logs.filter((l) => l.type === 1), []);
  });

  it('honours $/cancelRequest and keeps working', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`docs/d${i}.md`] = `## Objective: Goal ${i}\n- id: OBJ-${i}\n\n### Initiative: Work ${i}\n- Owner: @o${i % 7}\n- Metrics: KR-${i}\n`;
    ws = new TempWorkspace(files);
    client = await LspClient.start({ folders: [ws.root] });
    await client.waitForIdle();
    const { CancellationTokenSource } = await import('vscode-languageserver-protocol/node');
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest('workspace/symbol', { query: 'o' }, source.token);
    source.cancel();
    const outcome = await pending.then(() => 'answered', (error: { code?: number }) => error.code);
    assert.ok(outcome === 'answered' || outcome === -32800, `answered or cancelled, got ${outcome}`);
    const symbols = await client.request<unknown[]>('workspace/symbol', { query: 'OBJ-42' });
    assert.ok(symbols.length >= 1);
  });

  it('without a workspace folder, lints the strategy documents that are open', async () => {
    ws = new TempWorkspace({});
    client = await LspClient.start({});
    const uri = uriOf(ws.path('loose.md'));
    client.open(uri, LONELY);
    await client.waitForDiagnostics(uri, (d) => d.length === 3);
    client.close(uri);
    await client.waitForDiagnostics(uri, (d) => d.length === 0);
  });

  it('follows workspace folders being added and removed', async () => {
    ws = new TempWorkspace({ 'a/one.md': LONELY, 'b/two.md': LONELY });
    client = await LspClient.start({ folders: [ws.path('a')] });
    await client.waitForDiagnostics(ws.uri('a/one.md'), (d) => d.length === 3);
    client.notifyServer('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: ws.uri('b'), name: 'b' }], removed: [] } });
    await client.waitForDiagnostics(ws.uri('b/two.md'), (d) => d.length === 3);
    client.notifyServer('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: ws.uri('a'), name: 'folder0' }] } });
    await client.waitForDiagnostics(ws.uri('a/one.md'), (d) => d.length === 0);
    assert.equal(client.diagnostics.get(ws.uri('b/two.md'))!.length, 3);
  });
});
