import { strict as assert } from 'node:assert';
import { runCli } from '../cli/cli.js';
import { LspClient, TempWorkspace } from '../helpers/lspClient.js';

const PLAN = `objectives:
  - id: OBJ-smb
    title: Become the default checkout
    key-results:
      - id: KR-activation
        title: Raise activation
        type: lagging
        baseline: 22
        target: 35
`;

const BACKLOG = `# Backlog

## Initiative: Lonely
- id: INIT-lonely
- Objective: OBJ-smb
- Metrics: KR-activation
`;

/** What `strategy-lint --suppress-all` writes for BACKLOG: its initiative has no owner. */
const SUPPRESSIONS = JSON.stringify({ 'docs/backlog.md': { 'initiative-owner': { 'INIT-lonely': 1 } } });

const HINT = 4;
const ERROR = 1;

describe('language server: bulk suppressions file', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: LspClient | undefined;

  beforeEach(() => {
    ws = new TempWorkspace({
      'strategy/plan.strategy.yaml': PLAN,
      'docs/backlog.md': BACKLOG,
      'strategy-lint-suppressions.json': SUPPRESSIONS,
      '.strategylint.yaml': 'today: 2027-02-01\nrules:\n  metric-balance: off\n  objective-initiatives: off\n',
    });
  });

  afterEach(async () => {
    await client?.shutdown().catch(() => undefined);
    ws.dispose();
  });

  it('shows a suppressed finding as a hint by default, and a new one at its own severity', async () => {
    client = await LspClient.start({ folders: [ws.root] });
    const uri = ws.uri('docs/backlog.md');
    const [hint] = await client.waitForDiagnostics(uri, (d) => d.length === 1);
    assert.equal(hint!.severity, HINT);
    assert.equal(hint!.code, 'initiative-owner');
    assert.match(String(hint!.message), /\(suppressed in strategy-lint-suppressions\.json\)$/);

    // Same finding moved down and a new orphan next to it: only the new one is an error.
    client.open(uri, BACKLOG.replace('# Backlog\n', '# Backlog\n\nSome prose.\n\n') + '\n## Initiative: Second\n- id: INIT-second\n- Objective: OBJ-smb\n- Metrics: KR-activation\n');
    const both = await client.waitForDiagnostics(uri, (d) => d.length === 2);
    assert.deepEqual(both.map((d) => [d.range.start.line, d.severity]).sort((a, b) => a[0]! - b[0]!), [[5, HINT], [10, ERROR]]);
  });

  it('hides suppressed findings with strategyLint.suppressedFindings: hide, and follows changes to the file', async () => {
    client = await LspClient.start({ folders: [ws.root], initializationOptions: { debounceMs: 20, suppressedFindings: 'hide' }, settings: { debounceMs: 20, suppressedFindings: 'hide' } });
    const uri = ws.uri('docs/backlog.md');
    await client.waitForIdle();
    assert.deepEqual(client.diagnostics.get(uri) ?? [], []);

    ws.write('strategy-lint-suppressions.json', '{}\n');
    client.fileChanged([{ uri: ws.uri('strategy-lint-suppressions.json'), type: 2 }]);
    const [error] = await client.waitForDiagnostics(uri, (d) => d.length === 1);
    assert.equal(error!.severity, ERROR);

    // Switching the setting back re-publishes with hints.
    ws.write('strategy-lint-suppressions.json', SUPPRESSIONS);
    client.fileChanged([{ uri: ws.uri('strategy-lint-suppressions.json'), type: 2 }]);
    await client.waitForDiagnostics(uri, (d) => d.length === 0);
    client.notifyServer('workspace/didChangeConfiguration', { settings: { strategyLint: { suppressedFindings: 'hint' } } });
    const [hint] = await client.waitForDiagnostics(uri, (d) => d.length === 1);
    assert.equal(hint!.severity, HINT);
  });

  it('reads the file where the CLI writes it: at the outermost config above a workspace folder', async () => {
    ws.write('plans/.strategylint.yaml', 'rules:\n  objective-initiatives: off\n');
    ws.write('plans/docs/backlog.md', BACKLOG);
    ws.write('plans/strategy/plan.strategy.yaml', PLAN);
    ws.write('strategy-lint-suppressions.json', JSON.stringify({ 'plans/docs/backlog.md': { 'initiative-owner': { 'INIT-lonely': 1 } } }));
    client = await LspClient.start({ folders: [ws.path('plans')] });
    const uri = ws.uri('plans/docs/backlog.md');
    const [hint] = await client.waitForDiagnostics(uri, (d) => d.length === 1);
    assert.equal(hint!.severity, HINT);
  });

  it('reads the file where strategyLint.suppressionsLocation says, as the CLI does with --suppressions-location, and follows the setting and the file', async () => {
    ws.remove('strategy-lint-suppressions.json');
    // The file as the CLI writes it there: its paths relative to its own folder (../docs/backlog.md).
    const written = runCli(['--suppress-all', '--suppressions-location', 'config/accepted.json'], { cwd: ws.root });
    assert.equal(written.status, 0, written.stderr);
    assert.match(ws.read('config/accepted.json'), /"\.\.\/docs\/backlog\.md"/);

    const settings = { debounceMs: 20, suppressionsLocation: 'config/accepted.json' };
    client = await LspClient.start({ folders: [ws.root], initializationOptions: settings, settings });
    const uri = ws.uri('docs/backlog.md');
    const [hint] = await client.waitForDiagnostics(uri, (d) => d.length === 1 && d[0]!.severity === HINT);
    assert.match(String(hint!.message), /\(suppressed in .*accepted\.json\)$/);

    // The file at that place changes: the finding is new again.
    ws.write('config/accepted.json', '{}\n');
    client.fileChanged([{ uri: ws.uri('config/accepted.json'), type: 2 }]);
    await client.waitForDiagnostics(uri, (d) => d.length === 1 && d[0]!.severity === ERROR);

    // Back as the CLI wrote it, then the setting cleared: the default file (none here) accepts nothing.
    runCli(['--suppress-all', '--suppressions-location', 'config/accepted.json'], { cwd: ws.root });
    client.fileChanged([{ uri: ws.uri('config/accepted.json'), type: 2 }]);
    await client.waitForDiagnostics(uri, (d) => d.length === 1 && d[0]!.severity === HINT);
    client.notifyServer('workspace/didChangeConfiguration', { settings: { strategyLint: { debounceMs: 20, suppressionsLocation: '' } } });
    await client.waitForDiagnostics(uri, (d) => d.length === 1 && d[0]!.severity === ERROR);
  });
});
