import { strict as assert } from 'node:assert';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit, LspClient, TempWorkspace } from '../helpers/lspClient.js';

const PLAN = `owners:
  - id: "@maria"
objectives:
  - id: OBJ-smb
    title: Become the default checkout
    key-results:
      - id: KR-activation
        title: Raise activation
        type: lagging
        baseline: 22
        target: 35
initiatives:
  - id: INIT-x
    title: X
    owner: "@maria"
    objective: OBJ-smbb
    metrics: [KR-activation]
    start: 2027-03-01
    due: 2027-02-01
`;

const INITIATIVES = `# Initiatives

## Initiative: One-click onboarding
- id: INIT-one-click
- Ownr: @maria
- Objective: OBJ-smb
- Metrics: KR-activation
- Status: planed

## Initiative: Lonely
- id: INIT-lonely
- Objective: OBJ-smb
- Metrics: KR-activation
`;

describe('language server: code actions', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: LspClient;
  const plan = () => ws.uri('strategy/plan.strategy.yaml');
  const doc = () => ws.uri('docs/initiatives.md');

  beforeEach(async () => {
    ws = new TempWorkspace({
      'strategy/plan.strategy.yaml': PLAN,
      'docs/initiatives.md': INITIATIVES,
      '.strategylint.yaml': 'today: 2027-02-01\nrules:\n  metric-balance: off\n',
    });
    client = await LspClient.start({ folders: [ws.root] });
    client.open(doc(), INITIATIVES);
    client.open(plan(), PLAN);
    await client.waitForDiagnostics(doc(), (d) => d.some((x) => x.code === 'invalid-value'));
    await client.waitForIdle();
  });

  afterEach(async () => {
    await client.shutdown().catch(() => undefined);
    ws.dispose();
  });

  const diagnostic = (uri: string, code: string): Diagnostic => {
    const found = client.diagnostics.get(uri)?.find((d) => d.code === code);
    assert.ok(found, `a ${code} diagnostic in ${uri}`);
    return found;
  };

  const actionsAt = (uri: string, d: Diagnostic, only?: string[]) =>
    client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d], ...(only ? { only } : {}) },
    });

  /** Applies an action's edit to the open document, tells the server, and returns the new text. */
  const apply = (uri: string, action: CodeAction): string => {
    const next = applyWorkspaceEdit({ [uri]: client.textOf(uri)! }, action.edit!)[uri]!;
    client.change(uri, next);
    return next;
  };

  it('offers one quick fix per candidate for an unknown enum value, the safe closest one preferred, and applying it clears the finding', async () => {
    const d = diagnostic(doc(), 'invalid-value');
    const actions = await actionsAt(doc(), d, ['quickfix']);
    assert.equal(actions[0]!.title, "Replace 'planed' with 'planned'");
    assert.equal(actions[0]!.kind, 'quickfix');
    assert.equal(actions[0]!.isPreferred, true);
    assert.equal(actions[0]!.diagnostics![0]!.code, 'invalid-value');
    const others = actions.filter((a) => a.diagnostics?.[0]?.code === 'invalid-value').slice(1);
    assert.ok(others.length >= 3, 'the other statuses are offered as suggestions');
    assert.ok(others.every((a) => !a.isPreferred));
    const text = apply(doc(), actions[0]!);
    assert.match(text, /- Status: planned\n/);
    await client.waitForDiagnostics(doc(), (ds) => !ds.some((x) => x.code === 'invalid-value'));
  });

  it('prefers the only fix of a finding even when it is a suggestion (insert the one declared owner)', async () => {
    const d = client.diagnostics.get(doc())!.find((x) => x.code === 'initiative-owner' && x.range.start.line === 9)!;
    assert.ok(d, 'Lonely has no owner');
    const actions = await actionsAt(doc(), d);
    const owner = actions.filter((a) => a.diagnostics?.[0]?.code === 'initiative-owner' && !a.title.startsWith('Disable'));
    assert.deepEqual(owner.map((a) => a.title), ['Insert owner @maria']);
    assert.equal(owner[0]!.isPreferred, true);
    const text = apply(doc(), owner[0]!);
    assert.match(text, /- id: INIT-lonely\n- Objective: OBJ-smb\n- Metrics: KR-activation\n- Owner: @maria\n/);
    await client.waitForDiagnostics(doc(), (ds) => !ds.some((x) => x.code === 'initiative-owner' && x.range.start.line === 9));
  });

  it('a fix may replace a reference in YAML and keep the file valid', async () => {
    const d = diagnostic(plan(), 'unresolved-reference');
    const actions = await actionsAt(plan(), d, ['quickfix']);
    assert.deepEqual(actions.map((a) => a.title), [
      "Replace 'OBJ-smbb' with 'OBJ-smb'",
      "Create objective 'OBJ-smbb'",
      'Disable unresolved-reference for this line',
      'Disable unresolved-reference for the entire file',
    ]);
    assert.equal(actions[0]!.isPreferred, true);
    assert.equal(actions[1]!.isPreferred, undefined);
    const text = apply(plan(), actions[0]!);
    assert.match(text, /objective: OBJ-smb\n/);
    await client.waitForDiagnostics(plan(), (ds) => !ds.some((x) => x.code === 'unresolved-reference'));
  });

  it('offers to disable a rule for a line or the whole file, where a comment cannot change the document', async () => {
    const yaml = await actionsAt(plan(), diagnostic(plan(), 'schedule'), ['quickfix']);
    const line = yaml.find((a) => a.title === 'Disable schedule for this line')!;
    const text = apply(plan(), line);
    assert.match(text, /    start: 2027-03-01\n    # strategy-lint-disable-next-line schedule\n    due: 2027-02-01\n/);
    await client.waitForDiagnostics(plan(), (ds) => !ds.some((x) => x.code === 'schedule'));

    // In Markdown, a comment inside the field list would end the list: only the file-level action there.
    const inList = await actionsAt(doc(), diagnostic(doc(), 'invalid-value'), ['quickfix']);
    assert.ok(!inList.some((a) => a.title === 'Disable invalid-value for this line'));
    const whole = inList.find((a) => a.title === 'Disable invalid-value for the entire file')!;
    assert.match(apply(doc(), whole), /^<!-- strategy-lint-disable-file invalid-value -->\n# Initiatives\n/);
    await client.waitForDiagnostics(doc(), (ds) => !ds.some((x) => x.code === 'invalid-value'));

    // On a heading line, the line comment is safe.
    const heading = client.diagnostics.get(doc())!.find((x) => x.code === 'initiative-owner' && x.range.start.line === 10)!;
    const onHeading = (await actionsAt(doc(), heading, ['quickfix'])).find((a) => a.title === 'Disable initiative-owner for this line')!;
    assert.match(apply(doc(), onHeading), /\n<!-- strategy-lint-disable-next-line initiative-owner -->\n## Initiative: Lonely\n/);
    await client.waitForDiagnostics(doc(), (ds) => !ds.some((x) => x.code === 'initiative-owner' && x.range.start.line === 11));
    assert.ok(client.diagnostics.get(doc())!.some((x) => x.code === 'initiative-objective' || x.code === 'unknown-field'), 'other findings stay');
  });

  it('source.fixAll.strategyLint applies every safe fix of the document at once, like --fix', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: doc() },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.strategyLint'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, 'source.fixAll.strategyLint');
    const text = apply(doc(), actions[0]!);
    assert.match(text, /- Owner: @maria\n/);
    assert.match(text, /- Status: planned\n/);
    await client.waitForDiagnostics(doc(), (ds) => !ds.some((x) => ['invalid-value', 'unknown-field'].includes(String(x.code))));
    // Suggestions are never applied by fix-all: Lonely still has no owner.
    assert.ok(client.diagnostics.get(doc())!.some((x) => x.code === 'initiative-owner'));
  });

  it('answers a request for plain source.fixAll (editor.codeActionsOnSave) with the same fixes', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: plan() },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, 'source.fixAll');
    const text = apply(plan(), actions[0]!);
    assert.match(text, /objective: OBJ-smb\n/);
    assert.match(text, /start: 2027-02-01\n    due: 2027-03-01\n/);
    await client.waitForDiagnostics(plan(), (ds) => !ds.some((x) => x.code === 'unresolved-reference' || x.code === 'schedule'));
  });

  it('offers no fix-all for quick fix requests, nor when nothing safe is left', async () => {
    const d = diagnostic(doc(), 'invalid-value');
    const quick = await actionsAt(doc(), d, ['quickfix']);
    assert.ok(quick.every((a) => a.kind === 'quickfix'));
    const clean = INITIATIVES.replace('Ownr', 'Owner').replace('planed', 'planned');
    client.change(doc(), clean);
    await client.waitForDiagnostics(doc(), (ds) => !ds.some((x) => x.code === 'invalid-value'));
    const none = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: doc() },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.strategyLint'] },
    });
    assert.deepEqual(none, []);
  });
});
