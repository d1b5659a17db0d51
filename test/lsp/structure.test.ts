import { strict as assert } from 'node:assert';
import type { CodeLens, DocumentSymbol, SymbolInformation } from 'vscode-languageserver-protocol';
import { LspClient, TempWorkspace, uriOf } from '../helpers/lspClient.js';

const PLAN = `owners:
  - id: "@maria"
objectives:
  - id: OBJ-company
    title: Win small businesses
    owner: "@maria"
  - id: OBJ-smb
    title: Become the default checkout
    parent: OBJ-company
    key-results:
      - id: KR-activation
        title: Raise activation
        baseline: 22
        target: 35
    initiatives:
      - id: INIT-one-click
        title: One-click onboarding
        owner: "@maria"
        metrics: [KR-activation]
      - id: INIT-no-owner
        title: Ownerless work
        metrics: [KR-activation]
initiatives:
  - id: INIT-stray
    title: Stray work
    owner: "@maria"
`;

const GOALS = `# Goals

## Objective: Expand to Brazil
- id: OBJ-brazil

### Initiative: Local payments
- Owner: @maria
- Metrics: KR-activation
`;

interface TreeNode {
  id: string;
  kind: string;
  label: string;
  detail?: string;
  uri: string;
  range: unknown;
  orphan: boolean;
  orphanReasons: string[];
  children: TreeNode[];
}

const outline = (symbols: DocumentSymbol[]): unknown => symbols.map((s) => (s.children?.length ? { [s.name]: outline(s.children) } : s.name));
const shape = (nodes: TreeNode[]): unknown => nodes.map((n) => (n.children.length ? { [`${n.kind}:${n.id}`]: shape(n.children) } : `${n.kind}:${n.id}`));

describe('language server: symbols, code lens, Strategy view', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: LspClient;

  beforeEach(async () => {
    ws = new TempWorkspace({ 'strategy/plan.strategy.yaml': PLAN, 'docs/goals.md': GOALS });
    client = await LspClient.start({ folders: [ws.root] });
    await client.waitForIdle();
  });

  afterEach(async () => {
    await client.shutdown().catch(() => undefined);
    ws.dispose();
  });

  it('document symbols outline a file by entity, nesting what an objective carries', async () => {
    const yaml = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: ws.uri('strategy/plan.strategy.yaml') } });
    assert.deepEqual(outline(yaml), [
      '@maria',
      'Win small businesses',
      { 'Become the default checkout': ['Raise activation', 'One-click onboarding', 'Ownerless work'] },
      'Stray work',
    ]);
    assert.equal(yaml[1]!.detail, 'objective OBJ-company');
    const md = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: ws.uri('docs/goals.md') } });
    assert.deepEqual(outline(md), [{ 'Expand to Brazil': ['Local payments'] }]);
  });

  it('workspace symbols match ids and titles, best matches first', async () => {
    const exact = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'OBJ-smb' });
    assert.equal(exact[0]!.name, 'OBJ-smb');
    assert.equal(exact[0]!.location.uri, ws.uri('strategy/plan.strategy.yaml'));
    const byTitle = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'brazil' });
    assert.deepEqual(byTitle.map((s) => s.name), ['OBJ-brazil']);
    const fuzzy = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'oneclk' });
    assert.deepEqual(fuzzy.map((s) => s.name), ['INIT-one-click']);
    const all = await client.request<SymbolInformation[]>('workspace/symbol', { query: '' });
    assert.equal(all.length, 9);
  });

  it('a code lens on each objective counts its initiatives, metrics and orphans', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: ws.uri('strategy/plan.strategy.yaml') } });
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command!.title]),
      [
        [3, '0 initiatives · 0 metrics'],
        [6, '2 initiatives · 1 metric · 1 orphan'],
      ],
    );
    const md = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: ws.uri('docs/goals.md') } });
    assert.deepEqual(md.map((l) => l.command!.title), ['1 initiative · 0 metrics']);
  });

  it('the Strategy view nests objectives, their metrics and initiatives, and groups orphan initiatives last', async () => {
    const tree = await client.request<TreeNode[]>('strategyLint/strategyTree', {});
    // Files in path order (docs/ before strategy/), entities in document order.
    assert.deepEqual(shape(tree), [
      { 'objective:OBJ-brazil': [{ 'initiative:local-payments': ['metric:KR-activation'] }] },
      { 'objective:OBJ-company': [{ 'objective:OBJ-smb': ['metric:KR-activation', { 'initiative:INIT-one-click': ['metric:KR-activation'] }, { 'initiative:INIT-no-owner': ['metric:KR-activation'] }] }] },
      { 'group:orphan-initiatives': ['initiative:INIT-stray'] },
    ]);
    const smb = tree[1]!.children[0]!;
    assert.equal(smb.label, 'Become the default checkout');
    assert.equal(smb.uri, ws.uri('strategy/plan.strategy.yaml'));
    const noOwner = smb.children.find((n) => n.id === 'INIT-no-owner')!;
    assert.equal(noOwner.orphan, true);
    assert.deepEqual(noOwner.orphanReasons, ['no owner']);
    assert.equal(smb.children.find((n) => n.id === 'INIT-one-click')!.orphan, false);
    const group = tree[2]!;
    assert.equal(group.label, 'Orphan initiatives');
    assert.deepEqual(group.children[0]!.orphanReasons, ['no objective', 'no metric']);
    assert.equal(smb.children[0]!.detail, 'KR-activation · 22 → 35');
  });

  it('tells the client when the tree changed, and not for edits it does not show', async () => {
    const uri = ws.uri('strategy/plan.strategy.yaml');
    client.open(uri, PLAN);
    await client.waitForIdle();
    const before = client.notifications.length;
    client.change(uri, `${PLAN}    status: in-progress\n`);
    await client.waitFor(() => client.notifications.length === before + 1, 'a status is in the tree');
    client.change(uri, `${PLAN}    status: in-progress\n    # a comment is not\n`);
    await client.waitForIdle();
    await new Promise((r) => setTimeout(r, 600)); // longer than the notification's quiet time
    assert.equal(client.notifications.length, before + 1, 'a comment is not in the tree');
    client.change(uri, PLAN + '  - id: INIT-new\n    title: New work\n');
    await client.waitFor(() => client.notifications.length > before + 1, 'strategyLint/strategyTreeChanged');
    const tree = await client.request<TreeNode[]>('strategyLint/strategyTree', {});
    assert.ok(tree.at(-1)!.children.some((n) => n.id === 'INIT-new'));
  });

  it('relint re-reads everything from disk', async () => {
    ws.write('docs/goals.md', GOALS.replace('- Metrics: KR-activation\n', ''));
    // No file event: only the explicit re-scan can see it.
    const result = await client.request<{ files: number }>('strategyLint/relint', null);
    assert.equal(result.files, 2);
    await client.waitForDiagnostics(ws.uri('docs/goals.md'), (d) => d.some((x) => x.code === 'initiative-metric'));
  });

  it('the alignment report (strategyLint/report) is the CLI report of each folder, with linked HTML, and follows unsaved edits', async () => {
    interface Report { folders: { name: string; uri: string; html: string; mermaid: string; model: { orphans: { initiatives: { id: string; location: { file: string; line: number } }[] } } }[]; style: string }
    const first = await client.request<Report>('strategyLint/report', null);
    assert.equal(first.folders.length, 1);
    const [folder] = first.folders;
    assert.equal(folder!.uri, uriOf(ws.root));
    assert.deepEqual(folder!.model.orphans.initiatives.map((o) => [o.id, o.location.file]), [
      ['INIT-no-owner', 'strategy/plan.strategy.yaml'],
      ['INIT-stray', 'strategy/plan.strategy.yaml'],
    ]);
    const strayLine = PLAN.split('\n').findIndex((l) => l.includes('INIT-stray')) + 1;
    assert.ok(folder!.html.includes(`data-file="strategy/plan.strategy.yaml" data-line="${strayLine}"`), 'declarations are links');
    assert.ok(folder!.html.includes('<svg'), 'with the strategy map');
    assert.match(folder!.mermaid, /^graph TD/);
    assert.match(first.style, /\.strategy-map/);

    const uri = ws.uri('strategy/plan.strategy.yaml');
    client.open(uri, PLAN);
    client.change(uri, PLAN.replace('  - id: INIT-stray\n    title: Stray work\n    owner: "@maria"\n', ''));
    const after = await client.request<Report>('strategyLint/report', null);
    assert.deepEqual(after.folders[0]!.model.orphans.initiatives.map((o) => o.id), ['INIT-no-owner'], 'the unsaved edit counts at once');
  });
});
