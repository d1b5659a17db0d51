import { strict as assert } from 'node:assert';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits, LspClient, TempWorkspace } from '../helpers/lspClient.js';
import { completionsAt } from '../../server/src/lsp/completion.js';
import { ROOT, workspace } from '../helpers/workspace.js';

const PLAN = `owners:
  - id: "@maria"
    name: Maria Lopez
  - id: sam
objectives:
  - id: OBJ-smb
    title: Become the default checkout
    key-results:
      - id: KR-activation
        title: Raise activation
  - id: OBJ-brazil
    title: Expand to Brazil
metrics:
  - id: KR-nps
    title: Lift NPS
    objective: OBJ-brazil
`;

describe('language server: completion', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = new TempWorkspace({ 'strategy/plan.strategy.yaml': PLAN, 'docs/work.md': '# Work\n' });
    client = await LspClient.start({ folders: [ws.root] });
    await client.waitForIdle();
  });

  after(async () => {
    await client.shutdown().catch(() => undefined);
    ws.dispose();
  });

  /** Opens `text` (with `|` marking the cursor) as `rel` and asks for completions there. */
  const complete = async (rel: string, marked: string) => {
    const cursor = marked.indexOf('|');
    const text = marked.slice(0, cursor) + marked.slice(cursor + 1);
    const uri = ws.uri(rel);
    if (client.textOf(uri) === undefined) client.open(uri, text);
    else client.change(uri, text);
    const before = text.slice(0, cursor);
    const position = { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
    const result = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    const items = Array.isArray(result) ? result : result.items;
    return { items, labels: items.map((i) => i.label).sort(), text, insert: (label: string) => applyTextEdits(text, [items.find((i) => i.label === label)!.textEdit as TextEdit]) };
  };

  it('offers objectives (not metrics) for an initiative objective field', async () => {
    const { labels, insert } = await complete('strategy/work.strategy.yaml', 'initiatives:\n  - id: INIT-x\n    title: X\n    objective: OB|\n');
    assert.deepEqual(labels, ['OBJ-brazil', 'OBJ-smb']);
    assert.equal(insert('OBJ-smb'), 'initiatives:\n  - id: INIT-x\n    title: X\n    objective: OBJ-smb\n');
  });

  it('offers metrics in a metrics list, flow or block', async () => {
    const flow = await complete('strategy/work.strategy.yaml', 'initiatives:\n  - id: INIT-x\n    title: X\n    objective: OBJ-brazil\n    metrics: [|]\n');
    assert.deepEqual(flow.labels, ['KR-activation', 'KR-nps']);
    assert.equal(flow.items.find((i) => i.label === 'KR-nps')!.sortText![0], '0', "the metrics of the initiative's objective first");
    const block = await complete('strategy/work.strategy.yaml', 'initiatives:\n  - id: INIT-x\n    title: X\n    metrics:\n      - KR-a|\n');
    assert.deepEqual(block.labels, ['KR-activation', 'KR-nps']);
    assert.match(block.insert('KR-activation'), /\n {6}- KR-activation\n$/);
  });

  it('offers owners with @, quoted where YAML needs it and bare in Markdown', async () => {
    const yaml = await complete('strategy/work.strategy.yaml', 'initiatives:\n  - id: INIT-x\n    title: X\n    owner: |\n');
    assert.deepEqual(yaml.labels, ['@maria', '@sam']);
    assert.match(yaml.insert('@maria'), /owner: "@maria"\n/);
    const md = await complete('docs/work.md', '# Work\n\n## Initiative: Checkout revamp\n- Owner: @m|\n');
    assert.deepEqual(md.labels, ['@maria', '@sam']);
    assert.match(md.insert('@maria'), /- Owner: @maria\n/);
  });

  it('offers the enum values of the field for the entity kind', async () => {
    const initiative = await complete('strategy/work.strategy.yaml', 'initiatives:\n  - id: INIT-x\n    title: X\n    status: |\n');
    assert.deepEqual(initiative.labels, ['blocked', 'done', 'dropped', 'in-progress', 'planned', 'proposed']);
    const objective = await complete('strategy/work.strategy.yaml', 'objectives:\n  - id: OBJ-x\n    title: X\n    status: a|\n');
    assert.deepEqual(objective.labels, ['achieved', 'active', 'dropped']);
    const md = await complete('docs/work.md', '# Work\n\n## Objective: Grow\n- Perspective: |\n');
    assert.deepEqual(md.labels, ['customer', 'financial', 'internal', 'learning']);
    const type = await complete('docs/work.md', '# Work\n\n## Key Result: Faster\n- Type: |\n');
    assert.deepEqual(type.labels, ['lagging', 'leading']);
  });

  it('offers the execution-health fields and their values', async () => {
    const fields = await complete('strategy/work.strategy.yaml', 'objectives:\n  - id: OBJ-x\n    title: X\n    |\n');
    for (const name of ['priority', 'updated', 'confidence', 'health']) assert.ok(fields.labels.includes(name), name);
    const krFields = await complete('docs/work.md', '# Work\n\n## Key Result: Faster\n- |\n');
    for (const name of ['direction', 'value-type', 'updated', 'confidence', 'health']) assert.ok(krFields.labels.includes(name), name);
    assert.deepEqual((await complete('strategy/work.strategy.yaml', 'objectives:\n  - id: OBJ-x\n    title: X\n    priority: |\n')).labels, ['P0', 'P1', 'P2', 'P3']);
    assert.deepEqual((await complete('docs/work.md', '# Work\n\n## Objective: Grow\n- Health: |\n')).labels, ['at-risk', 'off-track', 'on-track']);
    assert.deepEqual((await complete('docs/work.md', '# Work\n\n## Key Result: Faster\n- Value type: |\n')).labels, ['binary', 'currency', 'number', 'percent']);
    assert.ok((await complete('strategy/work.strategy.yaml', 'initiatives:\n  - id: I\n    title: X\n    eff|\n')).labels.includes('effort'));
  });

  it('offers the field names the entity does not have yet, required ones first', async () => {
    const yaml = await complete('strategy/work.strategy.yaml', 'initiatives:\n  - id: INIT-x\n    title: X\n    ow|\n');
    assert.ok(yaml.labels.includes('owner') && yaml.labels.includes('metrics') && yaml.labels.includes('depends-on'));
    assert.ok(!yaml.labels.includes('id') && !yaml.labels.includes('title'), 'present fields are not offered');
    assert.ok(!yaml.labels.includes('period'), 'objective fields are not offered for an initiative');
    assert.match(yaml.insert('owner'), /\n {4}owner: \n$/);
    const md = await complete('docs/work.md', '# Work\n\n## Initiative: Checkout revamp\n- Owner: @maria\n- |\n');
    assert.ok(md.labels.includes('objective') && !md.labels.includes('owner'));
    assert.match(md.insert('objective'), /\n- Objective: \n$/);
    const required = md.items.filter((i) => i.sortText!.startsWith('0')).map((i) => i.label).sort();
    assert.deepEqual(required, ['metrics', 'objective']);
  });

  it('offers nothing in prose', async () => {
    const { items } = await complete('docs/work.md', '# Work\n\nSome text about the obj|\n');
    assert.deepEqual(items, []);
  });
});

describe('completion of field names at the end of a YAML entity', () => {
  /** Field names offered at `|` in a strategy file, straight from the engine. */
  const fieldNames = (marked: string) => {
    const offset = marked.indexOf('|');
    const text = marked.replace('|', '');
    const engine = workspace({ 'p.strategy.yaml': text });
    return completionsAt(text, offset, engine.getFile(`${ROOT}/p.strategy.yaml`)!, engine.index).map((i) => i.label);
  };

  it('does not offer keys the entity already has (that would write them twice)', () => {
    const names = fieldNames('initiatives:\n  - id: I\n    title: T\n    owner: "@a"\n    |\n  - id: J\n');
    for (const written of ['id', 'title', 'owner']) assert.ok(!names.includes(written), `offers '${written}' again: ${names.join(', ')}`);
    assert.ok(names.includes('metrics'));
  });

  it('knows the entity after a nested list, and a nested entity at its own end', () => {
    const objective = fieldNames('objectives:\n  - id: O\n    title: T\n    initiatives:\n      - id: I\n        title: U\n    |\n');
    assert.ok(!objective.includes('title') && objective.includes('period'), objective.join(', '));
    const nested = fieldNames('objectives:\n  - id: O\n    title: T\n    initiatives:\n      - id: I\n        title: U\n        |\n');
    assert.ok(!nested.includes('title') && nested.includes('owner'), nested.join(', '));
  });
});
