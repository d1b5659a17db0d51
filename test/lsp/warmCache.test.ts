import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { availableParallelism } from 'node:os';
import { HASH_WORKER_FROM_FILES } from '../../server/src/lsp/parallelScan.js';
import { LspClient, SERVER_BIN, TempWorkspace } from '../helpers/lspClient.js';

const CONFIG = 'today: 2027-02-01\n';
const PLAN = 'objectives:\n  - id: OBJ-smb\n    title: Become the default checkout\n';
/** An initiative without owner (initiative-owner) linked to an objective the plan does not declare yet. */
const BACKLOG = '## Initiative: Lonely\n- id: INIT-lonely\n- Objective: OBJ-new\n';
const PINNED = new Date('2027-01-15T10:00:00Z');

/** `strategy-lint --cache` run from the workspace root, as a pre-commit hook or CI would: writes .strategylintcache. */
function lintWithCache(root: string, extra: string[] = []): void {
  const run = spawnSync(process.execPath, [SERVER_BIN, '--cache', '--format', 'json', ...extra], { cwd: root, encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 1, `CLI failed: ${run.stderr}`);
}

function codes(diagnostics: Diagnostic[] | undefined): string[] {
  return (diagnostics ?? []).map((d) => String(d.code)).sort();
}

function startedFromCache(client: LspClient): boolean {
  return client.logs.some((l) => l.message.includes('starting from the lint cache'));
}

describe('language server: starting from the lint cache', function () {
  this.timeout(60_000);
  let ws: TempWorkspace;
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.shutdown().catch(() => undefined);
    client = undefined;
    ws?.dispose();
  });

  it('publishes the findings the CLI cached and, nothing having changed, lints no file again', async () => {
    ws = new TempWorkspace({ '.strategylint.yaml': CONFIG, 'plan.strategy.yaml': PLAN, 'docs/backlog.md': BACKLOG });
    lintWithCache(ws.root);
    client = await LspClient.start({ folders: [ws.root], workDoneProgress: true });
    await client.waitFor(() => client!.progress.some((p) => p.value.kind === 'end'), 'the end of the scan');
    assert.ok(startedFromCache(client), 'the log says the cache was used');
    assert.deepEqual(codes(client.diagnostics.get(ws.uri('docs/backlog.md'))), ['initiative-metric', 'initiative-owner', 'unresolved-reference']);
    const unresolved = client.diagnostics.get(ws.uri('docs/backlog.md'))!.find((d) => d.code === 'unresolved-reference')!;
    assert.deepEqual(unresolved.range, { start: { line: 2, character: 13 }, end: { line: 2, character: 20 } });
    await client.waitForIdle();
    const stats = await client.request<{ analyses: number; files: number }>('strategyLint/stats', null);
    assert.equal(stats.files, 2, 'every file is loaded (from stored parse results) for hover, rename, edits');
    assert.equal(stats.analyses, 0, 'no file was linted: the cached findings stand');

    // Loaded for real: an edit is checked against the whole workspace.
    client.open(ws.uri('plan.strategy.yaml'), PLAN);
    client.change(ws.uri('plan.strategy.yaml'), `${PLAN}  - id: OBJ-new\n    title: Another objective\n`);
    await client.waitForDiagnostics(ws.uri('docs/backlog.md'), (d) => !codes(d).includes('unresolved-reference'), 'the reference resolved by the edit');
  });

  it('lints ahead, once a document is opened, what its first edits re-check: only in a folder whose findings all came from the cache, once per document, sending nothing that did not change', async () => {
    const WORK = '## Initiative: Checkout\n- id: INIT-checkout\n- Objective: OBJ-smb\n- Owner: @sam\n';
    ws = new TempWorkspace({ '.strategylint.yaml': CONFIG, 'plan.strategy.yaml': PLAN, 'docs/backlog.md': BACKLOG, 'docs/work.md': WORK, 'docs/notes.md': '# Notes\n' });
    const openPlan = async (cache: boolean) => {
      client = await LspClient.start({ folders: [ws.root], workDoneProgress: true, initializationOptions: { debounceMs: 20, cache } });
      await client.waitFor(() => client!.progress.some((p) => p.value.kind === 'end'), 'the end of the scan');
      await client.waitForIdle();
      const before = await client.request<{ analyses: number }>('strategyLint/stats', null);
      const published = client.published.length;
      client.open(ws.uri('plan.strategy.yaml'), PLAN);
      await client.waitForIdle();
      const opened = await client.request<{ analyses: number; lastAnalysis: { filesLinted: number } }>('strategyLint/stats', null);
      const sent = client.published.slice(published).map((p) => p.uri);
      client.close(ws.uri('plan.strategy.yaml'));
      client.open(ws.uri('plan.strategy.yaml'), PLAN);
      await client.waitForIdle();
      const reopened = await client.request<{ lastAnalysis: { filesLinted: number } }>('strategyLint/stats', null);
      await client.shutdown();
      client = undefined;
      return { analysesBefore: before.analyses, linted: opened.lastAnalysis.filesLinted, relinted: reopened.lastAnalysis.filesLinted, sent };
    };

    lintWithCache(ws.root);
    const warm = await openPlan(true);
    assert.equal(warm.analysesBefore, 0, 'nothing was linted by the scan');
    // The plan itself and docs/work.md, whose initiative serves its objective (its health is read there).
    assert.ok(warm.linted >= 2, `linted ${warm.linted} files on opening the plan`);
    assert.deepEqual(warm.sent, [], 'their diagnostics are what the cache showed: nothing is sent');
    assert.equal(warm.relinted, 1, 'opened again: only the document itself');
    const cold = await openPlan(false);
    assert.equal(cold.linted, 1, 'without the cache the scan linted everything: only the document itself');
  });

  it('starts from the cache when the folder is opened through a symbolic link, publishing under the paths the editor opened', async () => {
    ws = new TempWorkspace({ 'real/.strategylint.yaml': CONFIG, 'real/plan.strategy.yaml': PLAN, 'real/docs/backlog.md': BACKLOG });
    symlinkSync(ws.path('real'), ws.path('link'), 'dir');
    // Run from the link, the CLI works in the real path (its working folder comes resolved) and caches under it.
    lintWithCache(ws.path('link'));
    client = await LspClient.start({ folders: [ws.path('link')], workDoneProgress: true });
    await client.waitFor(() => client!.progress.some((p) => p.value.kind === 'end'), 'the end of the scan');
    await client.waitForIdle();
    assert.ok(startedFromCache(client), client.logs.map((l) => l.message).join('\n'));
    const backlog = ws.uri('link/docs/backlog.md');
    assert.deepEqual(codes(client.diagnostics.get(backlog)), ['initiative-metric', 'initiative-owner', 'unresolved-reference']);
    assert.deepEqual(client.published.filter((p) => !p.uri.startsWith(`${ws.uri('link')}/`)).map((p) => p.uri), [], 'everything is published under the link');
    const stats = await client.request<{ analyses: number; files: number }>('strategyLint/stats', null);
    assert.equal(stats.analyses, 0, 'no file was linted: the cached findings stand');

    // An edit through the link reaches the files loaded from the cache.
    client.open(ws.uri('link/plan.strategy.yaml'), PLAN);
    client.change(ws.uri('link/plan.strategy.yaml'), `${PLAN}  - id: OBJ-new\n    title: Another objective\n`);
    await client.waitForDiagnostics(backlog, (d) => !codes(d).includes('unresolved-reference'), 'the reference resolved by the edit');
  });

  it('ends with the findings of the files as they are when the cache is stale: a file changed behind an unchanged size and mtime, another file affected by it', async () => {
    ws = new TempWorkspace({ '.strategylint.yaml': CONFIG, 'plan.strategy.yaml': PLAN, 'docs/backlog.md': BACKLOG });
    utimesSync(ws.path('plan.strategy.yaml'), PINNED, PINNED);
    lintWithCache(ws.root);
    // The plan now declares OBJ-new, in as many bytes and with the same mtime: only its content tells.
    const changed = PLAN.replace('OBJ-smb', 'OBJ-new');
    assert.equal(changed.length, PLAN.length);
    writeFileSync(ws.path('plan.strategy.yaml'), changed);
    utimesSync(ws.path('plan.strategy.yaml'), PINNED, PINNED);
    assert.equal(statSync(ws.path('plan.strategy.yaml')).mtimeMs, PINNED.getTime());

    client = await LspClient.start({ folders: [ws.root], workDoneProgress: true });
    await client.waitFor(() => client!.progress.some((p) => p.value.kind === 'end'), 'the end of the scan');
    await client.waitForIdle();
    assert.ok(startedFromCache(client));
    const backlog = client.published.filter((p) => p.uri === ws.uri('docs/backlog.md'));
    assert.ok(codes(backlog[0]!.diagnostics).includes('unresolved-reference'), 'what the cache said was shown first');
    // Y, not X: the reference now resolves; the owner is still missing.
    assert.deepEqual(codes(client.diagnostics.get(ws.uri('docs/backlog.md'))), ['initiative-metric', 'initiative-owner']);
  });

  it(`from ${HASH_WORKER_FROM_FILES} files compares them with the cache in a worker thread: a file changed behind an unchanged size and mtime is still found (its stored findings never shown), an open document's text wins, and a worker that stops loses no file`, async () => {
    const notes = Object.fromEntries(Array.from({ length: HASH_WORKER_FROM_FILES }, (_, i) => [`notes/n${i}.md`, `# Note ${i}\n\nNothing to declare.\n`]));
    ws = new TempWorkspace({ '.strategylint.yaml': CONFIG, 'plan.strategy.yaml': PLAN, 'docs/backlog.md': BACKLOG, 'docs/open.md': '# Open\n', ...notes });
    const files = HASH_WORKER_FROM_FILES + 3;
    utimesSync(ws.path('plan.strategy.yaml'), PINNED, PINNED);
    lintWithCache(ws.root);
    const changed = PLAN.replace('OBJ-smb', 'OBJ-new');
    writeFileSync(ws.path('plan.strategy.yaml'), changed);
    utimesSync(ws.path('plan.strategy.yaml'), PINNED, PINNED);
    // Open in the editor with a text the disk does not have (the cache has the disk's).
    const openText = '## Initiative: Editor only\n- id: INIT-editor\n- objective: OBJ-404\n';
    const hashLog = (c: LspClient) => c.logs.map((l) => l.message).filter((m) => m.includes('hash'));
    const scan = async (options: { concurrency?: string; env?: Record<string, string> } = {}) => {
      const started = await LspClient.start({ folders: [ws.root], workDoneProgress: true, initializationOptions: { debounceMs: 20, concurrency: options.concurrency ?? 'auto' }, ...(options.env ? { env: options.env } : {}) });
      client = started;
      started.open(ws.uri('docs/open.md'), openText);
      await started.waitFor(() => started.progress.some((p) => p.value.kind === 'end'), 'the end of the scan', 60_000);
      await started.waitForIdle(60_000);
      assert.ok(startedFromCache(started));
      // Y, not X: the plan's new content resolves the reference; the editor's text is linted.
      assert.deepEqual(codes(started.diagnostics.get(ws.uri('docs/backlog.md'))), ['initiative-metric', 'initiative-owner']);
      assert.ok(codes(started.diagnostics.get(ws.uri('docs/open.md'))).includes('unresolved-reference'), 'the open document is linted with its unsaved text');
      const logs = hashLog(started);
      // Every message the plan's diagnostics ever carried in this session.
      const planMessages = started.published.filter((p) => p.uri === ws.uri('plan.strategy.yaml')).flatMap((p) => p.diagnostics.map((d) => String(d.message)));
      const backlogShownFirst = codes(started.published.find((p) => p.uri === ws.uri('docs/backlog.md'))?.diagnostics);
      await started.shutdown();
      client = undefined;
      return Object.assign(logs, { planMessages, backlogShownFirst });
    };

    const inWorker = await scan();
    if (availableParallelism() < 2) assert.deepEqual([...inWorker], [], 'no worker on one core');
    else {
      assert.deepEqual([...inWorker], [`${ws.root}: comparing ${files} files with the lint cache, hashed in a worker thread (strategyLint.concurrency: auto)`]);
      // The worker sends stored diagnostics only for a content the cache holds: never the plan's of OBJ-smb, which it no longer declares.
      assert.ok(inWorker.planMessages.length > 0, 'the plan has diagnostics (objective-metric)');
      assert.deepEqual(inWorker.planMessages.filter((m) => m.includes('OBJ-smb')), [], 'no stored diagnostic of the old content was shown');
      assert.ok(inWorker.backlogShownFirst.includes('unresolved-reference'), 'the backlog, unchanged, was shown first as the cache stored it');
    }
    assert.deepEqual([...(await scan({ concurrency: 'off' }))], [], 'with concurrency off the server hashes them itself');
    if (availableParallelism() < 2) return;
    // The worker dies on reaching n500.md: the server reads the files it had not hashed.
    const crashed = await scan({ env: { STRATEGY_LINT_TEST_WORKER_CRASH: 'n500.md' } });
    const stopped = crashed.filter((m) => m.includes('stopped'));
    assert.equal(crashed.length, 2, crashed.join('\n'));
    assert.equal(stopped.length, 1, crashed.join('\n'));
    assert.match(stopped[0]!, /: the hashing worker stopped \(crashing on .*n500\.md, as the test asked\); the server's thread reads the files it had not hashed$/);
  });

  describe('diagnostics stored as the server publishes them', () => {
    /** @maria can carry one initiative and owns two, declared in another file: owner-load at the owner, related places in the backlog. */
    const OWNERS = 'owners:\n  - id: "@maria"\n    capacity: 1\n';
    const INTRO = 'The checkout work for the next two quarters, as the team agreed it in planning.\n\n';
    const WORK = '## Initiative: Pix\n- id: INIT-pix\n- Owner: @maria\n- Objective: OBJ-smb\n\n## Initiative: Boleto\n- id: INIT-boleto\n- Owner: @maria\n- Objective: OBJ-smb\n';

    /** The diagnostics a server publishes for the folder by the end of its scan, by URI, and how many files it linted. */
    async function publishedAtScanEnd(root: string, cache: boolean): Promise<{ diagnostics: Map<string, Diagnostic[] | undefined>; analyses: number }> {
      client = await LspClient.start({ folders: [root], workDoneProgress: true, initializationOptions: { debounceMs: 20, cache } });
      await client.waitFor(() => client!.progress.some((p) => p.value.kind === 'end'), 'the end of the scan');
      await client.waitForIdle();
      assert.equal(startedFromCache(client), cache);
      const { analyses } = await client.request<{ analyses: number }>('strategyLint/stats', null);
      const diagnostics = new Map(['owners.strategy.yaml', 'docs/backlog.md', 'plan.strategy.yaml'].map((f) => [f, client!.diagnostics.get(ws.uri(f))]));
      await client.shutdown();
      client = undefined;
      return { diagnostics, analyses };
    }

    function relatedLines(diagnostics: Diagnostic[] | undefined): number[] {
      return (diagnostics ?? []).flatMap((d) => (d.relatedInformation ?? []).map((r) => r.location.range.start.line));
    }

    it('publishes from the cache what a scan without it publishes, related places in other files included', async () => {
      ws = new TempWorkspace({ '.strategylint.yaml': CONFIG, 'plan.strategy.yaml': PLAN, 'owners.strategy.yaml': OWNERS, 'docs/backlog.md': INTRO + WORK });
      lintWithCache(ws.root);
      const warm = await publishedAtScanEnd(ws.root, true);
      assert.equal(warm.analyses, 0, 'nothing was linted: every diagnostic came from the cache');
      assert.deepEqual(relatedLines(warm.diagnostics.get('owners.strategy.yaml')), [7, 2], 'owner-load points at both initiatives (by id)');
      const cold = await publishedAtScanEnd(ws.root, false);
      assert.deepEqual(warm.diagnostics, cold.diagnostics);
    });

    it('converts here the findings of a file the bulk suppressions file names: its accepted findings are hints', async () => {
      ws = new TempWorkspace({
        '.strategylint.yaml': CONFIG,
        'plan.strategy.yaml': PLAN,
        'docs/backlog.md': BACKLOG,
        'strategy-lint-suppressions.json': JSON.stringify({ 'docs/backlog.md': { 'initiative-owner': { 'INIT-lonely': 1 } } }),
      });
      lintWithCache(ws.root);
      const warm = await publishedAtScanEnd(ws.root, true);
      assert.equal(warm.analyses, 0);
      const owner = warm.diagnostics.get('docs/backlog.md')!.find((d) => d.code === 'initiative-owner')!;
      assert.equal(owner.severity, 4, 'a hint, not the error the CLI stored');
      assert.match(String(owner.message), /\(suppressed in strategy-lint-suppressions\.json\)$/);
      const cold = await publishedAtScanEnd(ws.root, false);
      assert.deepEqual(warm.diagnostics, cold.diagnostics);
    });

    it('publishes the new lines of related places after a CLI run in which only the lines of the file they lie in moved', async () => {
      ws = new TempWorkspace({ '.strategylint.yaml': CONFIG, 'plan.strategy.yaml': PLAN, 'owners.strategy.yaml': OWNERS, 'docs/backlog.md': INTRO + WORK });
      lintWithCache(ws.root);
      // A line break where a space was: every offset stays, the initiatives move one line down.
      const rewrapped = INTRO.replace('quarters, as', 'quarters,\nas');
      assert.equal(rewrapped.length, INTRO.length);
      writeFileSync(ws.path('docs/backlog.md'), rewrapped + WORK);
      lintWithCache(ws.root);
      const warm = await publishedAtScanEnd(ws.root, true);
      assert.equal(warm.analyses, 0);
      assert.deepEqual(relatedLines(warm.diagnostics.get('owners.strategy.yaml')), [8, 3]);
      const cold = await publishedAtScanEnd(ws.root, false);
      assert.deepEqual(warm.diagnostics, cold.diagnostics);
    });
  });

  it('ignores a damaged cache and a cache written for another configuration, and lints as without one', async () => {
    ws = new TempWorkspace({ '.strategylint.yaml': CONFIG, 'plan.strategy.yaml': PLAN, 'docs/backlog.md': BACKLOG });
    lintWithCache(ws.root);
    const bytes = readFileSync(ws.path('.strategylintcache'));
    bytes[bytes.length - 5] ^= 0xff;
    writeFileSync(ws.path('.strategylintcache'), bytes);
    client = await LspClient.start({ folders: [ws.root] });
    await client.waitForDiagnostics(ws.uri('docs/backlog.md'), (d) => codes(d).includes('initiative-owner'));
    await client.waitForIdle();
    assert.deepEqual(codes(client.diagnostics.get(ws.uri('docs/backlog.md'))), ['initiative-metric', 'initiative-owner', 'unresolved-reference']);
    await client.shutdown();

    // A cache written with --rule (another configuration) is not this folder's.
    lintWithCache(ws.root, ['--rule', 'initiative-owner:off']);
    client = await LspClient.start({ folders: [ws.root] });
    await client.waitForDiagnostics(ws.uri('docs/backlog.md'), (d) => codes(d).includes('initiative-owner'));
    await client.waitForIdle();
    assert.ok(!startedFromCache(client), 'a cache for other settings is not used');
    assert.deepEqual(codes(client.diagnostics.get(ws.uri('docs/backlog.md'))), ['initiative-metric', 'initiative-owner', 'unresolved-reference']);
  });

  it('reads the cache where strategyLint.cacheLocation says, and not at all with strategyLint.cache off', async () => {
    ws = new TempWorkspace({ '.strategylint.yaml': CONFIG, 'plan.strategy.yaml': PLAN, 'docs/backlog.md': BACKLOG });
    lintWithCache(ws.root, ['--cache-location', 'build/lint-cache']);
    client = await LspClient.start({ folders: [ws.root], initializationOptions: { debounceMs: 20, cacheLocation: 'build/lint-cache' } });
    await client.waitForDiagnostics(ws.uri('docs/backlog.md'), (d) => codes(d).includes('initiative-owner'));
    await client.waitForIdle();
    assert.ok(startedFromCache(client));
    await client.shutdown();

    client = await LspClient.start({ folders: [ws.root], initializationOptions: { debounceMs: 20, cacheLocation: 'build/lint-cache', cache: false } });
    await client.waitForDiagnostics(ws.uri('docs/backlog.md'), (d) => codes(d).includes('initiative-owner'));
    await client.waitForIdle();
    assert.ok(!startedFromCache(client));
  });
});
