import { strict as assert } from 'node:assert';
import { LspClient, TempWorkspace } from '../helpers/lspClient.js';

const PLAN = `owners:
  - id: "@maria"
    name: Maria
objectives:
  - id: OBJ-smb
    title: Become the default checkout
    owner: "@maria"
    period: 2027-H1
    key-results:
      - id: KR-activation
        title: Raise activation
        type: lagging
        baseline: 22
        target: 35
`;

const INITIATIVES = `# Initiatives

## Initiative: One-click onboarding
- id: INIT-one-click
- Owner: @maria
- Objective: OBJ-smb
- Metrics: KR-activation
`;

const LONELY = `# Backlog

## Initiative: Lonely
- id: INIT-lonely
`;

const codes = (diagnostics: { code?: string | number }[]) => diagnostics.map((d) => String(d.code)).sort();

describe('language server: diagnostics', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: LspClient;

  beforeEach(async () => {
    ws = new TempWorkspace({
      'strategy/plan.strategy.yaml': PLAN,
      'docs/initiatives.md': INITIATIVES,
      'docs/backlog.md': LONELY,
      'docs/notes.md': '# Just notes\n\nNothing declared here.\n',
      '.strategylint.yaml': 'today: 2027-02-01\nrules:\n  metric-balance: off\n',
    });
    client = await LspClient.start({ folders: [ws.root] });
  });

  afterEach(async () => {
    await client.shutdown().catch(() => undefined);
    ws.dispose();
  });

  it('publishes diagnostics for files that were never opened, with source, rule code, docs link and severity', async () => {
    const diagnostics = await client.waitForDiagnostics(ws.uri('docs/backlog.md'), (d) => d.length === 3);
    assert.deepEqual(codes(diagnostics), ['initiative-metric', 'initiative-objective', 'initiative-owner']);
    for (const d of diagnostics) {
      assert.equal(d.source, 'strategy-lint');
      assert.equal(d.severity, 1);
      assert.match(d.codeDescription!.href, new RegExp(`${d.code}\\.md$`));
      assert.deepEqual(d.range.start, { line: 2, character: 0 }, 'at the initiative heading');
      assert.equal(d.tags, undefined);
    }
    await client.waitForIdle();
    // A clean file and a Markdown file that declares nothing get no diagnostics at all.
    assert.equal(client.published.filter((p) => p.uri === ws.uri('docs/initiatives.md') && p.diagnostics.length).length, 0);
    assert.equal(client.published.filter((p) => p.uri === ws.uri('docs/notes.md')).length, 0);
  });

  it('gives related information that points into the other file (duplicate ids)', async () => {
    ws.write('docs/dup.md', '## Objective: Again\n- id: OBJ-smb\n');
    client.fileChanged([{ uri: ws.uri('docs/dup.md'), type: 1 }]);
    const dup = await client.waitForDiagnostics(ws.uri('docs/dup.md'), (d) => d.some((x) => x.code === 'duplicate-id'));
    const related = dup.find((x) => x.code === 'duplicate-id')!.relatedInformation!;
    assert.equal(related.length, 1);
    assert.equal(related[0]!.location.uri, ws.uri('strategy/plan.strategy.yaml'));
    assert.deepEqual(related[0]!.location.range, { start: { line: 4, character: 8 }, end: { line: 4, character: 15 } });
    const other = await client.waitForDiagnostics(ws.uri('strategy/plan.strategy.yaml'), (d) => d.some((x) => x.code === 'duplicate-id'));
    assert.equal(other.find((x) => x.code === 'duplicate-id')!.relatedInformation![0]!.location.uri, ws.uri('docs/dup.md'));
  });

  it('an edit in one document updates the findings of another that references it, and reverting clears them', async () => {
    await client.waitForIdle();
    const plan = ws.uri('strategy/plan.strategy.yaml');
    const initiatives = ws.uri('docs/initiatives.md');
    client.open(plan, PLAN);
    client.change(plan, PLAN.replace('id: OBJ-smb', 'id: OBJ-smbx'));
    const broken = await client.waitForDiagnostics(initiatives, (d) => d.some((x) => x.code === 'unresolved-reference'), 'unresolved-reference in initiatives.md');
    const unresolved = broken.find((d) => d.code === 'unresolved-reference')!;
    assert.equal(unresolved.range.start.line, 5, 'at the Objective value');
    assert.match(String(unresolved.message), /OBJ-smb/);
    client.change(plan, PLAN);
    await client.waitForDiagnostics(initiatives, (d) => d.length === 0, 'initiatives.md clean again');
  });

  it('never publishes results computed for an older text of an open document', async () => {
    await client.waitForIdle();
    const backlog = ws.uri('docs/backlog.md');
    client.open(backlog, LONELY);
    // Quick successive edits (versions 2, 3, 4), each fixing one more finding.
    const expected: Record<number, number> = { 1: 3, 2: 2, 3: 1, 4: 0 };
    client.change(backlog, LONELY + '- Owner: @maria\n');
    client.change(backlog, LONELY + '- Owner: @maria\n- Objective: OBJ-smb\n');
    client.change(backlog, LONELY + '- Owner: @maria\n- Objective: OBJ-smb\n- Metrics: KR-activation\n');
    await client.waitForDiagnostics(backlog, (d) => d.length === 0, 'backlog.md clean');
    await client.waitForIdle();
    const forOpenText = client.published.filter((p) => p.uri === backlog && p.version !== undefined);
    assert.ok(forOpenText.length >= 1);
    // Each publish is labelled with the version it was computed for, and matches that version's text.
    for (const p of forOpenText) assert.equal(p.diagnostics.length, expected[p.version!], `version ${p.version}: ${codes(p.diagnostics)}`);
    assert.equal(forOpenText.at(-1)!.version, 4);
  });

  it('publishes only files whose diagnostics changed', async () => {
    await client.waitForDiagnostics(ws.uri('docs/backlog.md'), (d) => d.length === 3);
    await client.waitForIdle();
    const plan = ws.uri('strategy/plan.strategy.yaml');
    client.open(plan, PLAN);
    const before = client.published.length;
    // A change that alters no finding anywhere: a new description.
    client.change(plan, PLAN.replace('    period: 2027-H1\n', '    period: 2027-H1\n    description: A sentence\n'));
    await client.waitForIdle();
    assert.deepEqual(client.published.slice(before), []);
  });

  it("sends the edited document's diagnostics before those of the files its edit affects, whose related places follow the edit", async () => {
    const more = '# More\n\n## Initiative: Two\n- Owner: @maria\n\n## Initiative: Three\n- Owner: @maria\n\n## Initiative: Four\n- Owner: @maria\n';
    ws.write('docs/more.md', more);
    // The plan also links into more.md, so the edit reaches it before more.md's own keys.
    ws.write('strategy/plan.strategy.yaml', `${PLAN}prds:\n  - id: PRD-two\n    initiative: "[Two](../docs/more.md#two)"\n`);
    client.fileChanged([
      { uri: ws.uri('docs/more.md'), type: 1 },
      { uri: ws.uri('strategy/plan.strategy.yaml'), type: 2 },
    ]);
    const plan = ws.uri('strategy/plan.strategy.yaml');
    const load = (d: { code?: string | number }[]) => d.find((x) => x.code === 'owner-load') as (typeof d)[number] & { relatedInformation?: { location: { uri: string; range: { start: { line: number } } } }[] };
    const lines = (d: Parameters<typeof load>[0]) => load(d)!.relatedInformation!.filter((r) => r.location.uri === ws.uri('docs/more.md')).map((r) => r.location.range.start.line).sort((a, b) => a - b);
    assert.deepEqual(lines(await client.waitForDiagnostics(plan, (d) => load(d) !== undefined, 'maria over capacity')), [2, 5, 8]);
    await client.waitForIdle();
    const uri = ws.uri('docs/more.md');
    client.open(uri, more);
    await client.waitForIdle();
    const before = client.published.length;
    client.change(uri, `<!-- moved down -->\n\n${more}`);
    const moved = await client.waitForDiagnostics(plan, (d) => load(d) !== undefined && lines(d)[0] === 4, 'related places two lines down');
    assert.deepEqual(lines(moved), [4, 7, 10]);
    const order = client.published.slice(before).map((p) => p.uri);
    assert.ok(order.indexOf(uri) !== -1 && order.indexOf(uri) < order.indexOf(plan), `published in order ${order.join(', ')}`);
  });

  it('reports files created, changed and deleted on disk (watched files), and drops what .gitignore excludes', async () => {
    await client.waitForIdle();
    assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'registers file watchers');
    const watchers = (client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    for (const glob of ['**/*.{md,markdown}', '**/*.{yaml,yml}', '**/.strategylint.{yaml,yml,json}', '**/.gitignore']) assert.ok(watchers.includes(glob), glob);

    ws.write('docs/new.md', '## Initiative: Fresh\n- Owner: @maria\n- Objective: OBJ-smb\n');
    client.fileChanged([{ uri: ws.uri('docs/new.md'), type: 1 }]);
    await client.waitForDiagnostics(ws.uri('docs/new.md'), (d) => codes(d).join() === 'initiative-metric');

    ws.write('docs/new.md', '## Initiative: Fresh\n- Owner: @maria\n- Objective: OBJ-smb\n- Metrics: KR-activation\n');
    client.fileChanged([{ uri: ws.uri('docs/new.md'), type: 2 }]);
    await client.waitForDiagnostics(ws.uri('docs/new.md'), (d) => d.length === 0);

    // Deleting the plan breaks every reference to what it declared.
    ws.remove('strategy/plan.strategy.yaml');
    client.fileChanged([{ uri: ws.uri('strategy/plan.strategy.yaml'), type: 3 }]);
    await client.waitForDiagnostics(ws.uri('docs/initiatives.md'), (d) => d.filter((x) => x.code === 'unresolved-reference').length === 2);

    ws.write('.gitignore', 'docs/backlog.md\n');
    client.fileChanged([{ uri: ws.uri('.gitignore'), type: 1 }]);
    await client.waitForDiagnostics(ws.uri('docs/backlog.md'), (d) => d.length === 0, 'ignored file cleared');
  });

  it('a deleted folder takes its files with it', async () => {
    await client.waitForDiagnostics(ws.uri('docs/backlog.md'), (d) => d.length === 3);
    ws.remove('docs');
    client.fileChanged([{ uri: ws.uri('docs'), type: 3 }]);
    await client.waitForDiagnostics(ws.uri('docs/backlog.md'), (d) => d.length === 0);
  });

  it('closing a document with unsaved edits goes back to the file on disk', async () => {
    const backlog = ws.uri('docs/backlog.md');
    await client.waitForDiagnostics(backlog, (d) => d.length === 3);
    client.open(backlog, LONELY);
    client.change(backlog, LONELY + '- Owner: @maria\n');
    await client.waitForDiagnostics(backlog, (d) => d.length === 2);
    client.close(backlog);
    await client.waitForDiagnostics(backlog, (d) => d.length === 3);
  });

  it('in run-on-save mode, lints an edited document only when it is saved', async () => {
    await client.shutdown();
    client = await LspClient.start({ folders: [ws.root], initializationOptions: { run: 'onSave', debounceMs: 0 }, settings: { run: 'onSave', debounceMs: 0 } });
    const backlog = ws.uri('docs/backlog.md');
    await client.waitForDiagnostics(backlog, (d) => d.length === 3);
    client.open(backlog, LONELY);
    client.change(backlog, LONELY + '- Owner: @maria\n');
    await client.waitForIdle();
    assert.equal(client.diagnostics.get(backlog)!.length, 3, 'unchanged before saving');
    client.save(backlog);
    await client.waitForDiagnostics(backlog, (d) => d.length === 2);
  });
});

describe('language server: initial scan', function () {
  this.timeout(60_000);

  it('publishes nothing computed on a half-loaded workspace (no references broken only because their target was not read yet)', async () => {
    const files: Record<string, string> = { 'a.md': INITIATIVES, 'zz/plan.strategy.yaml': PLAN };
    for (let i = 0; i < 400; i++) files[`notes/n${i}.md`] = `# Note ${i}\n\n## Objective: Goal ${i}\n- id: OBJ-n${i}\n`;
    const ws = new TempWorkspace(files);
    const client = await LspClient.start({ folders: [ws.root] });
    try {
      // Opened while the scan runs: the editor's text is linted at once, but published only once the scan is done.
      client.open(ws.uri('a.md'), INITIATIVES);
      await client.waitForIdle(30_000);
      const published = client.published.filter((p) => p.uri === ws.uri('a.md'));
      assert.deepEqual(published.flatMap((p) => p.diagnostics.map((d) => d.code)), []);
      assert.ok((client.diagnostics.get(ws.uri('notes/n7.md')) ?? []).some((d) => d.code === 'objective-initiatives'), 'the scan did publish');
    } finally {
      await client.shutdown().catch(() => undefined);
      ws.dispose();
    }
  });
});

describe('language server: configuration', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.shutdown().catch(() => undefined);
    ws.dispose();
  });

  it('an invalid config is a diagnostic on the config file, a warning message, and linting goes on with defaults', async () => {
    ws = new TempWorkspace({
      '.strategylint.yaml': 'rules:\n  metric-balance: of\n',
      'strategy/plan.strategy.yaml': PLAN,
      'docs/backlog.md': LONELY,
    });
    client = await LspClient.start({ folders: [ws.root] });
    const config = await client.waitForDiagnostics(ws.uri('.strategylint.yaml'), (d) => d.length > 0);
    assert.equal(config[0]!.code, 'config');
    assert.equal(config[0]!.source, 'strategy-lint');
    assert.equal(config[0]!.severity, 1);
    assert.deepEqual(config[0]!.range.start, { line: 1, character: 18 }, 'at the offending value');
    await client.waitForDiagnostics(ws.uri('docs/backlog.md'), (d) => d.length === 3, 'still linting');
    // Defaults: metric-balance (info) is on.
    await client.waitForDiagnostics(ws.uri('strategy/plan.strategy.yaml'), (d) => d.some((x) => x.code === 'metric-balance'));
    const warnings = await client.waitFor(() => client!.messages.filter((m) => m.type === 2).length > 0 && client!.messages.filter((m) => m.type === 2), 'a warning message');
    assert.match(String(warnings[0]!.message), /\.strategylint\.yaml.*default/);

    // Fixing the config clears its diagnostic and applies it.
    ws.write('.strategylint.yaml', 'rules:\n  metric-balance: off\n');
    client.fileChanged([{ uri: ws.uri('.strategylint.yaml'), type: 2 }]);
    await client.waitForDiagnostics(ws.uri('.strategylint.yaml'), (d) => d.length === 0);
    await client.waitForDiagnostics(ws.uri('strategy/plan.strategy.yaml'), (d) => !d.some((x) => x.code === 'metric-balance'));
    assert.equal(client.messages.filter((m) => m.type === 2).length, 1, 'said once');
  });

  it('include and ignore of the root config decide which files take part', async () => {
    ws = new TempWorkspace({
      '.strategylint.json': JSON.stringify({ ignore: ['archive/**'] }),
      'strategy/plan.strategy.yaml': PLAN,
      'archive/old.md': LONELY,
      'docs/backlog.md': LONELY,
      'node_modules/pkg/readme.md': LONELY,
    });
    client = await LspClient.start({ folders: [ws.root] });
    await client.waitForDiagnostics(ws.uri('docs/backlog.md'), (d) => d.length === 3);
    await client.waitForIdle();
    assert.equal(client.diagnostics.get(ws.uri('archive/old.md')), undefined);
    assert.equal(client.diagnostics.get(ws.uri('node_modules/pkg/readme.md')), undefined);
  });

  it('each workspace folder has its own config and id namespace', async () => {
    ws = new TempWorkspace({
      'a/.strategylint.yaml': 'rules:\n  initiative-owner: off\n',
      'a/backlog.md': LONELY,
      'b/backlog.md': LONELY,
      'b/plan.strategy.yaml': PLAN,
    });
    client = await LspClient.start({ folders: [ws.path('a'), ws.path('b')] });
    await client.waitForDiagnostics(ws.uri('a/backlog.md'), (d) => codes(d).join() === 'initiative-metric,initiative-objective');
    const b = await client.waitForDiagnostics(ws.uri('b/backlog.md'), (d) => d.length === 3);
    assert.ok(b.some((d) => d.code === 'initiative-owner'));
  });
});
