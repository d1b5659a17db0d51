import { strict as assert } from 'node:assert';
import { availableParallelism } from 'node:os';
import { SCAN_UNSAMPLED_FILES } from '../../server/src/lsp/parallelScan.js';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { cliFindings, serverFindings } from '../helpers/findingTerms.js';
import { LspClient, REPO_ROOT, TempWorkspace, type StartOptions } from '../helpers/lspClient.js';
import { copySamples, mixedWorkspaceFiles } from '../helpers/mixedWorkspace.js';

/** A document opened as the scan starts, whose text is not the disk's: it declares what the disk's does not. */
const OPEN_FILE = 'docs/d58.md';
const OPEN_TEXT = '# Notes in the editor\n\n## Initiative: Only in the editor\n- id: INIT-OPEN\n- objective: OBJ-404\n';

/**
 * The server's first scan of a folder with `strategyLint.concurrency` (parsing worker threads, as
 * the CLI's --concurrency): the mixed workspace has several batches of 32 files, so that with 2
 * workers the workers and the server's own thread each parse some.
 */
describe('language server: the first scan with parsing worker threads', function () {
  this.timeout(120_000);
  const workspaces: TempWorkspace[] = [];
  const clients: LspClient[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) await client.shutdown().catch(() => undefined);
    for (const ws of workspaces.splice(0)) ws.dispose();
  });

  function mixedWorkspace(extra: Record<string, string> = {}): TempWorkspace {
    const ws = new TempWorkspace({ ...mixedWorkspaceFiles(), ...extra });
    copySamples(REPO_ROOT, ws.root);
    workspaces.push(ws);
    return ws;
  }

  /** Every diagnostic the server published by the end of its scan, once it is idle, by URI (URIs sorted). */
  async function scan(ws: TempWorkspace, concurrency: string, options: Partial<StartOptions> & { open?: boolean } = {}): Promise<{ client: LspClient; diagnostics: Record<string, Diagnostic[]> }> {
    const client = await LspClient.start({ folders: [ws.root], workDoneProgress: true, initializationOptions: { debounceMs: 20, concurrency }, ...options });
    clients.push(client);
    if (options.open) client.open(ws.uri(OPEN_FILE), OPEN_TEXT);
    await client.waitFor(() => client.progress.some((p) => p.value.kind === 'end'), 'the end of the scan progress', 60_000);
    await client.waitForIdle(60_000);
    const diagnostics = Object.fromEntries([...client.diagnostics].filter(([, d]) => d.length).sort(([a], [b]) => (a < b ? -1 : 1)));
    return { client, diagnostics };
  }

  const workerLog = (client: LspClient) => client.logs.map((l) => l.message).filter((m) => m.includes('worker') && !m.includes(': parsed '));
  /** The line a scan with workers ends with: where its files were parsed. */
  const splitLog = (client: LspClient) => client.logs.map((l) => l.message).filter((m) => m.includes(': parsed '));

  it('publishes the same diagnostics as the scan without workers and as the CLI, and its progress ends', async () => {
    const ws = mixedWorkspace();
    const serial = await scan(ws, 'off');
    const parallel = await scan(ws, '2');
    assert.deepEqual(workerLog(serial.client), [], 'no worker with concurrency off');
    assert.deepEqual(workerLog(parallel.client), [`${ws.root}: parsing 184 files with 2 worker threads (strategyLint.concurrency: 2)`]);
    assert.deepEqual(splitLog(serial.client), []);
    const split = splitLog(parallel.client);
    assert.equal(split.length, 1, split.join('\n'));
    const [here, takenBack, inWorkers] = /: parsed (\d+) files in the server's thread \((\d+) taken back from the workers' queues at the end\), (\d+) in the workers$/.exec(split[0]!)!.slice(1).map(Number) as [number, number, number];
    assert.equal(here + inWorkers, 184, split[0]);
    assert.ok(takenBack <= here, split[0]);
    assert.ok(Object.keys(serial.diagnostics).length > 50, `a workspace with findings (${Object.keys(serial.diagnostics).length} files)`);
    assert.deepEqual(parallel.diagnostics, serial.diagnostics, 'every diagnostic, with its related information, in the same order');
    assert.deepEqual(Object.fromEntries(serverFindings(parallel.client, ws.root)), Object.fromEntries(cliFindings(ws.root, { unreadableOk: true })));

    const events = parallel.client.progress;
    assert.equal(events[0]!.value.kind, 'begin');
    assert.equal(events[0]!.value.message, 'scanning 184 files');
    assert.equal(events.at(-1)!.value.kind, 'end');
    assert.equal(events.filter((e) => e.value.kind === 'end').length, 1);
    assert.ok(events.some((e) => /^\d+ of 184 files read$/.test(e.value.message ?? '')), 'reading is reported as the files are indexed');
  });

  it(`auto: a timed sample decides below ${SCAN_UNSAMPLED_FILES} files; from there one worker starts without it (on more than one core)`, async () => {
    // Notes cost the sample next to nothing to parse: it never says a worker pays.
    const notes = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`notes/n${i}.md`, `# Note ${i}\n\nNothing to declare.\n`]));
    const small = new TempWorkspace(notes(SCAN_UNSAMPLED_FILES - 1));
    const large = new TempWorkspace(notes(SCAN_UNSAMPLED_FILES));
    workspaces.push(small, large);
    const sampled = await scan(small, 'auto');
    const unsampled = await scan(large, 'auto');
    if (availableParallelism() < 2) {
      assert.deepEqual([...workerLog(sampled.client), ...workerLog(unsampled.client)], [], 'no worker on one core');
      return;
    }
    assert.deepEqual(workerLog(sampled.client), [`${small.root}: parsing ${SCAN_UNSAMPLED_FILES - 1} files in the server's thread: a timed sample says a worker would not pay (strategyLint.concurrency: auto)`]);
    // One worker on any number of cores: what was measured (parallelScan.ts).
    assert.deepEqual(workerLog(unsampled.client), [`${large.root}: parsing ${SCAN_UNSAMPLED_FILES} files with 1 worker thread (strategyLint.concurrency: auto)`]);
  });

  it("an open document's unsaved text wins over the disk's, as without workers", async () => {
    const ws = mixedWorkspace();
    const serial = await scan(ws, 'off', { open: true });
    const parallel = await scan(ws, '2', { open: true });
    assert.equal(workerLog(parallel.client).length, 1, `the workers parse the folder, the open document among its files: ${workerLog(parallel.client).join('\n')}`);
    const opened = parallel.diagnostics[ws.uri(OPEN_FILE)] ?? [];
    assert.ok(opened.some((d) => String(d.message).includes('OBJ-404')), `the editor's text is linted: ${JSON.stringify(opened.map((d) => d.message))}`);
    assert.deepEqual(parallel.diagnostics, serial.diagnostics);
  });

  it('reads the configs as the server does: an invalid one is skipped in the workers too', async () => {
    // The CLI stops at an invalid config; the server reports it and keeps the settings around it.
    const ws = mixedWorkspace({ 'docs/.strategylint.yaml': 'rules:\n  focus-limit: [nonsense\n' });
    const serial = await scan(ws, 'off');
    const parallel = await scan(ws, '2');
    assert.ok(serial.diagnostics[ws.uri('docs/.strategylint.yaml')]?.length, 'the invalid config is reported');
    assert.deepEqual(workerLog(parallel.client).filter((m) => m.includes('stopped')), [], 'no worker stopped');
    assert.deepEqual(parallel.diagnostics, serial.diagnostics);
  });

  it('a worker that crashes loses no file: the same diagnostics, and the log says so once', async () => {
    const ws = mixedWorkspace();
    const serial = await scan(ws, 'off');
    // Every worker dies on the first batch it gets that holds d20.md.
    const crashed = await scan(ws, '2', { env: { STRATEGY_LINT_TEST_WORKER_CRASH: 'd20.md' } });
    assert.deepEqual(crashed.diagnostics, serial.diagnostics);
    const stopped = workerLog(crashed.client).filter((m) => m.includes('stopped'));
    assert.equal(stopped.length, 1, workerLog(crashed.client).join('\n'));
    assert.match(stopped[0]!, /: a parsing worker stopped \(crashing on .*d20\.md, as the test asked\); the main thread parses its files instead$/);
  });

  it('a folder removed during the scan: the scan stops, its progress ends, nothing of it stays published', async () => {
    const ws = mixedWorkspace();
    const client = await LspClient.start({ folders: [ws.root], workDoneProgress: true, initializationOptions: { debounceMs: 20, concurrency: '2' } });
    clients.push(client);
    await client.waitFor(() => client.progress.some((p) => p.value.kind === 'begin'), 'the scan to begin');
    client.notifyServer('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: ws.uri(''), name: 'folder0' }] } });
    await client.waitFor(() => client.progress.some((p) => p.value.kind === 'end'), 'the end of the scan progress');
    await client.waitForIdle();
    assert.deepEqual([...client.diagnostics].filter(([, d]) => d.length).map(([uri]) => uri), []);
    assert.deepEqual(client.logs.filter((l) => /failed|uncaught|unhandled/.test(l.message)), [], 'nothing failed');
  });
});
