import { strict as assert } from 'node:assert';
import type { CodeLens, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit, LspClient, TempWorkspace } from '../helpers/lspClient.js';

/** Two initiatives under one objective: one without metric, one whose missing owner is suppressed. */
const PLAN = `owners:
  - id: "@maria"
objectives:
  - id: OBJ-smb
    title: Become the default checkout
    key-results:
      - id: KR-a
        title: Activation
        baseline: 1
        target: 2
    initiatives:
      - id: INIT-no-metric
        title: No metric
        owner: "@maria"
      # strategy-lint-disable-next-line initiative-owner
      - id: INIT-suppressed
        title: Owner finding suppressed
        metrics: [KR-a]
`;

interface TreeNode {
  id: string;
  orphan: boolean;
  orphanReasons: string[];
  children: TreeNode[];
}

const flatten = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

function positionOf(text: string, needle: string, shift = 0, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} in text`);
  const before = text.slice(0, at + shift);
  return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
}

describe('language server: what the editor shows follows the reported findings (§9)', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: LspClient;

  afterEach(async () => {
    await client?.shutdown().catch(() => undefined);
    ws?.dispose();
  });

  const orphans = async () => {
    const tree = await client.request<TreeNode[]>('strategyLint/strategyTree', {});
    return Object.fromEntries(flatten(tree).filter((n) => n.id.startsWith('INIT-')).map((n) => [n.id, n.orphanReasons]));
  };
  const lens = async (rel: string) => (await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: ws.uri(rel) } })).map((l) => l.command!.title);

  it('the Strategy view and code lens call an initiative an orphan only for findings actually reported (not suppressed, rule not off)', async () => {
    ws = new TempWorkspace({ 'plan.strategy.yaml': PLAN });
    client = await LspClient.start({ folders: [ws.root], watchFiles: true });
    await client.waitForIdle();
    assert.deepEqual(await orphans(), { 'INIT-no-metric': ['no metric'], 'INIT-suppressed': [] });
    assert.deepEqual(await lens('plan.strategy.yaml'), ['2 initiatives · 1 metric · 1 orphan']);
    ws.write('.strategylint.yaml', 'rules:\n  initiative-metric: off\n');
    client.fileChanged([{ uri: ws.uri('.strategylint.yaml'), type: 1 }]);
    await client.waitForDiagnostics(ws.uri('plan.strategy.yaml'), (d) => !d.some((x) => x.code === 'initiative-metric'), 'initiative-metric off');
    await client.waitForIdle();
    assert.deepEqual(await orphans(), { 'INIT-no-metric': [], 'INIT-suppressed': [] });
    assert.deepEqual(await lens('plan.strategy.yaml'), ['2 initiatives · 1 metric']);
  });

  it('workspace symbols find an owner by @handle', async () => {
    ws = new TempWorkspace({ 'plan.strategy.yaml': PLAN });
    client = await LspClient.start({ folders: [ws.root] });
    await client.waitForIdle();
    const found = await client.request<SymbolInformation[]>('workspace/symbol', { query: '@mar' });
    assert.deepEqual(found.map((s) => s.name), ['@maria']);
  });

  it('rename on one declaration of a duplicated id renames that declaration only; on a reference it is refused', async () => {
    const a = 'objectives:\n  - id: OBJ-dup\n    title: First\n';
    const b = 'objectives:\n  - id: OBJ-dup\n    title: Second\n';
    const user = 'initiatives:\n  - id: INIT-x\n    title: X\n    objective: OBJ-dup\n';
    ws = new TempWorkspace({ 'a.strategy.yaml': a, 'b.strategy.yaml': b, 'user.strategy.yaml': user });
    client = await LspClient.start({ folders: [ws.root] });
    await client.waitForIdle();
    const edit = await client.request<WorkspaceEdit | null>('textDocument/rename', {
      textDocument: { uri: ws.uri('b.strategy.yaml') },
      position: positionOf(b, 'OBJ-dup', 1),
      newName: 'OBJ-second',
    });
    const texts = { [ws.uri('a.strategy.yaml')]: a, [ws.uri('b.strategy.yaml')]: b, [ws.uri('user.strategy.yaml')]: user };
    const after = applyWorkspaceEdit(texts, edit!);
    assert.equal(after[ws.uri('b.strategy.yaml')], b.replace('OBJ-dup', 'OBJ-second'));
    assert.equal(after[ws.uri('a.strategy.yaml')], a, 'the other declaration is never rewritten');
    assert.equal(after[ws.uri('user.strategy.yaml')], user, 'the reference keeps the id the other declaration still holds');
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri: ws.uri('user.strategy.yaml') }, position: positionOf(user, 'OBJ-dup', 1), newName: 'OBJ-z' }),
      /declared 2 times/,
    );
  });

  it('removing a nested workspace folder leaves no stale diagnostics: the outer folder takes its files over', async () => {
    const orphan = 'initiatives:\n  - id: INIT-team\n    title: Team work\n    objective: OBJ-smb\n    metrics: [KR-a]\n';
    ws = new TempWorkspace({ 'plan.strategy.yaml': PLAN, 'team/work.strategy.yaml': orphan });
    client = await LspClient.start({ folders: [ws.root, ws.path('team')] });
    const uri = ws.uri('team/work.strategy.yaml');
    const codes = (d: { code?: unknown }[]) => d.map((x) => String(x.code)).sort().join(',');
    // As a workspace of its own, team/ cannot see OBJ-smb and KR-a.
    await client.waitForDiagnostics(uri, (d) => codes(d) === 'initiative-owner,unresolved-reference,unresolved-reference', 'team/ alone');
    client.notifyServer('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: ws.uri('team'), name: 'team' }] } });
    await client.waitForDiagnostics(uri, (d) => codes(d) === 'initiative-owner', 'linted within the outer folder');
    await client.waitForIdle();
    assert.equal(codes(client.diagnostics.get(uri)!), 'initiative-owner');
  });

  it('an untitled document and a file outside every folder are linted alone, and cleared when closed', async () => {
    const lonely = '## Initiative: Lonely\n- id: INIT-lonely\n';
    ws = new TempWorkspace({ 'a/plan.strategy.yaml': PLAN, 'b/outside.md': lonely });
    client = await LspClient.start({ folders: [ws.path('a')] });
    await client.waitForIdle();
    const untitled = 'untitled:Untitled-1';
    client.open(untitled, lonely, 'markdown');
    await client.waitForDiagnostics(untitled, (d) => d.length === 3, 'the untitled document linted');
    const outside = ws.uri('b/outside.md');
    client.open(outside, lonely);
    await client.waitForDiagnostics(outside, (d) => d.length === 3, 'the file outside the folder linted');
    client.close(outside);
    await client.waitForDiagnostics(outside, (d) => d.length === 0, 'cleared on close');
  });
});
