import { strict as assert } from 'node:assert';
import { LspClient, TempWorkspace, type ProgressEvent } from '../helpers/lspClient.js';

const LONELY = '## Initiative: Lonely\n- id: INIT-lonely\n';
const PLAN = 'objectives:\n  - id: OBJ-smb\n    title: Become the default checkout\n';

/** The scan's progress: begin … end on one token, asserted in the order the client received it. */
function scanEvents(client: LspClient, token: string | number): ProgressEvent[] {
  return client.progress.filter((p) => p.token === token);
}

describe('language server: work-done progress of the initial scan', function () {
  this.timeout(60_000);
  let ws: TempWorkspace;
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.shutdown().catch(() => undefined);
    client = undefined;
    ws?.dispose();
  });

  it('asks for a token, begins with the number of files, reports "k of N files" with a rising percentage, and ends once the diagnostics are sent', async () => {
    // Enough files that reading them takes several turns of the event loop: the token exists before anything is published.
    const notes = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`notes/note-${i}.md`, `# Note ${i}\n\nNothing declared here, only prose.\n`]));
    ws = new TempWorkspace({ ...notes, 'docs/backlog.md': LONELY, 'strategy/plan.strategy.yaml': PLAN, 'docs/image.txt': 'not a candidate' });
    client = await LspClient.start({ folders: [ws.root], workDoneProgress: true });
    await client.waitFor(() => client!.progress.some((p) => p.value.kind === 'end'), 'the end of the scan progress');
    assert.equal(client.progressTokens.length, 1, 'one token for the one folder');
    const events = scanEvents(client, client.progressTokens[0]!);
    assert.deepEqual(client.progress, events, 'every $/progress uses the token the client created');

    const [begin, ...rest] = events;
    const end = rest.pop()!;
    assert.equal(begin!.value.kind, 'begin');
    assert.equal(begin!.value.title, 'Strategy Lint');
    assert.equal(begin!.value.message, 'scanning 402 files');
    assert.equal(begin!.publishedBefore, 0, 'begun before any diagnostics');
    assert.equal(end.value.kind, 'end');
    assert.ok(rest.length >= 1, 'at least one report between begin and end');
    let last = 0;
    for (const report of rest) {
      assert.equal(report.value.kind, 'report');
      assert.match(report.value.message ?? '', /^\d+ of 402 files (read|checked)$/);
      assert.ok(report.value.percentage! >= last && report.value.percentage! <= 100, `percentage ${report.value.percentage} after ${last}`);
      last = report.value.percentage!;
    }
    // `end` comes after the diagnostics of the scan: backlog.md's findings had arrived already.
    const backlog = ws.uri('docs/backlog.md');
    const before = client.published.slice(0, end.publishedBefore).filter((p) => p.uri === backlog);
    assert.ok(before.length >= 1 && before.at(-1)!.diagnostics.some((d) => d.code === 'initiative-owner'), 'backlog.md published before the end');
    await client.waitForIdle();
    assert.equal(client.published.filter((p) => p.uri === backlog).length, before.length, 'nothing about backlog.md after the end');
  });

  it('shows progress again when everything is re-read (strategyLint/relint), on a new token', async () => {
    ws = new TempWorkspace({ 'docs/backlog.md': LONELY });
    client = await LspClient.start({ folders: [ws.root], workDoneProgress: true });
    await client.waitFor(() => client!.progress.some((p) => p.value.kind === 'end'), 'the end of the first scan');
    await client.request('strategyLint/relint', null);
    await client.waitFor(() => client!.progress.filter((p) => p.value.kind === 'end').length === 2, 'the end of the re-read');
    assert.equal(client.progressTokens.length, 2);
    assert.notEqual(client.progressTokens[0], client.progressTokens[1]);
    const second = scanEvents(client, client.progressTokens[1]!);
    assert.equal(second[0]!.value.kind, 'begin');
    assert.equal(second[0]!.value.message, 'scanning 1 file');
    assert.equal(second.at(-1)!.value.kind, 'end');
  });

  it('names the folder when the workspace has several, one progress per folder', async () => {
    ws = new TempWorkspace({ 'a/backlog.md': LONELY, 'b/plan.strategy.yaml': PLAN, 'b/other.md': LONELY });
    client = await LspClient.start({ folders: [ws.path('a'), ws.path('b')], workDoneProgress: true });
    await client.waitFor(() => client!.progress.filter((p) => p.value.kind === 'end').length === 2, 'both scans to end');
    const begins = client.progress.filter((p) => p.value.kind === 'begin').map((p) => p.value.message).sort();
    assert.deepEqual(begins, ['scanning 1 file in folder0', 'scanning 2 files in folder1']);
  });

  it('sends no progress to a client that does not advertise window.workDoneProgress, and still publishes', async () => {
    ws = new TempWorkspace({ 'docs/backlog.md': LONELY });
    client = await LspClient.start({ folders: [ws.root] });
    await client.waitForDiagnostics(ws.uri('docs/backlog.md'), (d) => d.some((x) => x.code === 'initiative-owner'));
    await client.waitForIdle();
    assert.deepEqual(client.progressTokens, []);
    assert.deepEqual(client.progress, []);
  });
});
