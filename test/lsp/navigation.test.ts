import { strict as assert } from 'node:assert';
import type { Hover, Location, MarkupContent, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit, LspClient, TempWorkspace } from '../helpers/lspClient.js';

const PLAN = `owners:
  - id: "@maria"
    name: Maria Lopez
objectives:
  - id: OBJ-smb
    title: Become the default checkout
    owner: "@maria"
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
- Objective: [[OBJ-smb]]
- Metrics: KR-activation

## Initiative: Brazil launch
- id: INIT-brazil
- Owner: @maria
- Objective: [goal](goals.md#expand-to-brazil)
- Metrics: KR-activation
`;

const GOALS = `# Goals

## Objective: Expand to Brazil
- Owner: @maria

See also [the same goal](#objective-expand-to-brazil).
`;

const PRD = `---
kind: prd
initiative: INIT-one-click
owner: "@maria"
---
# One-click onboarding PRD
`;

/** The position of the `nth` occurrence of `needle` in `text`, plus `shift` characters. */
function positionOf(text: string, needle: string, shift = 0, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} in text`);
  const before = text.slice(0, at + shift);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

function textAt(text: string, range: Range): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line]!.slice(range.start.character, range.end.character);
  return [lines[range.start.line]!.slice(range.start.character), ...lines.slice(range.start.line + 1, range.end.line), lines[range.end.line]!.slice(0, range.end.character)].join('\n');
}

describe('language server: hover, definition, references, rename', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: LspClient;
  const files: Record<string, string> = {
    'strategy/plan.strategy.yaml': PLAN,
    'docs/initiatives.md': INITIATIVES,
    'docs/goals.md': GOALS,
    'prds/one-click.md': PRD,
  };

  beforeEach(async () => {
    ws = new TempWorkspace({ ...files, '.strategylint.yaml': 'today: 2027-02-01\n' });
    client = await LspClient.start({ folders: [ws.root] });
    client.open(ws.uri('docs/initiatives.md'), INITIATIVES);
    await client.waitForIdle();
  });

  afterEach(async () => {
    await client.shutdown().catch(() => undefined);
    ws.dispose();
  });

  const at = (rel: string, needle: string, shift = 1, nth = 0) => ({ textDocument: { uri: ws.uri(rel) }, position: positionOf(files[rel]!, needle, shift, nth) });
  const hover = async (rel: string, needle: string, shift = 1) => {
    const result = await client.request<Hover | null>('textDocument/hover', at(rel, needle, shift));
    assert.ok(result, `a hover on ${needle}`);
    return (result.contents as MarkupContent).value;
  };

  it('hover on a reference shows the linked entity: kind, id, title, owner, metrics with baseline → target, what links to it', async () => {
    const value = await hover('docs/initiatives.md', '[[OBJ-smb]]', 3);
    assert.match(value, /\*\*Objective\*\* `OBJ-smb` — Become the default checkout/);
    assert.match(value, /Owner: @maria/);
    assert.match(value, /Metrics: `KR-activation` \(22 → 35\)/);
    assert.match(value, /Linked from: 1 metric, 1 initiative/);
    assert.match(value, /Declared in \[strategy\/plan\.strategy\.yaml:5\]/);
  });

  it('hover on a declaration shows the entity itself, with its linked objective, metrics and what links to it', async () => {
    const value = await hover('docs/initiatives.md', '## Initiative: One-click', 5);
    assert.match(value, /\*\*Initiative\*\* `INIT-one-click` — One-click onboarding/);
    assert.match(value, /Objective: `OBJ-smb` Become the default checkout/);
    assert.match(value, /Metrics: `KR-activation` \(22 → 35\)/);
    assert.match(value, /Linked from: 1 PRD/);
    const owner = await hover('strategy/plan.strategy.yaml', '"@maria"', 2);
    assert.match(owner, /\*\*Owner\*\* `@maria` — Maria Lopez/);
    const missing = await client.request<Hover | null>('textDocument/hover', at('docs/initiatives.md', '# Initiatives', 3));
    assert.equal(missing, null, 'a plain heading declares nothing');
  });

  it('go to definition jumps from a reference (id, wiki link, anchor link, owner) to the declaration', async () => {
    const defs = async (rel: string, needle: string, shift = 1) => client.request<Location[]>('textDocument/definition', at(rel, needle, shift));
    const kr = await defs('docs/initiatives.md', 'KR-activation');
    assert.equal(kr.length, 1);
    assert.equal(kr[0]!.uri, ws.uri('strategy/plan.strategy.yaml'));
    assert.equal(textAt(PLAN, kr[0]!.range), 'KR-activation');
    const wiki = await defs('docs/initiatives.md', '[[OBJ-smb]]', 4);
    assert.equal(textAt(PLAN, wiki[0]!.range), 'OBJ-smb');
    const anchor = await defs('docs/initiatives.md', 'goals.md#expand', 3);
    assert.equal(anchor[0]!.uri, ws.uri('docs/goals.md'));
    assert.equal(textAt(GOALS, anchor[0]!.range), '## Objective: Expand to Brazil');
    const owner = await defs('prds/one-click.md', '"@maria"', 3);
    assert.equal(textAt(PLAN, owner[0]!.range), '"@maria"');
  });

  it('find references lists every reference to the entity across files, and its declaration when asked', async () => {
    const refs = await client.request<Location[]>('textDocument/references', { ...at('strategy/plan.strategy.yaml', 'OBJ-smb'), context: { includeDeclaration: true } });
    const relOf = (uri: string) => uri.slice(ws.uri('').length + 1);
    const shown = refs.map((l) => `${relOf(l.uri)}:${textAt(files[relOf(l.uri)]!, l.range)}`);
    assert.deepEqual(shown.sort(), ['docs/initiatives.md:[[OBJ-smb]]', 'strategy/plan.strategy.yaml:KR-activation', 'strategy/plan.strategy.yaml:OBJ-smb'].sort());
    const without = await client.request<Location[]>('textDocument/references', { ...at('strategy/plan.strategy.yaml', 'OBJ-smb'), context: { includeDeclaration: false } });
    assert.equal(without.length, 2);
    const owner = await client.request<Location[]>('textDocument/references', { ...at('docs/initiatives.md', '@maria'), context: { includeDeclaration: false } });
    assert.equal(owner.length, 5, 'owner references: objective, two initiatives, the PRD, the Brazil objective');
  });

  const rename = (rel: string, needle: string, newName: string, shift = 1) => client.request<WorkspaceEdit | null>('textDocument/rename', { ...at(rel, needle, shift), newName });

  /** Applies a rename to the files on disk as an editor would, and tells the server. */
  const applyToDisk = (edit: WorkspaceEdit) => {
    const texts: Record<string, string> = {};
    for (const rel of Object.keys(files)) texts[ws.uri(rel)] = client.textOf(ws.uri(rel)) ?? ws.read(rel);
    const after = applyWorkspaceEdit(texts, edit);
    for (const rel of Object.keys(files)) {
      const uri = ws.uri(rel);
      if (after[uri] === texts[uri]) continue;
      if (client.textOf(uri) !== undefined) client.change(uri, after[uri]!);
      ws.write(rel, after[uri]!);
      client.fileChanged([{ uri, type: 2 }]);
    }
    return (rel: string) => after[ws.uri(rel)]!;
  };

  it('prepareRename gives the id under the cursor, without quotes or @', async () => {
    const id = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', at('strategy/plan.strategy.yaml', 'OBJ-smb'));
    assert.equal(id.placeholder, 'OBJ-smb');
    assert.equal(textAt(PLAN, id.range), 'OBJ-smb');
    const owner = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', at('strategy/plan.strategy.yaml', '"@maria"', 3));
    assert.equal(owner.placeholder, 'maria');
    assert.equal(textAt(PLAN, owner.range), 'maria');
    await assert.rejects(client.request('textDocument/prepareRename', at('docs/initiatives.md', '# Initiatives', 2)), /cursor on an id/);
  });

  it('rename edits the declaration and every reference across files (ids and wiki links), and nothing breaks', async () => {
    const edit = await rename('docs/initiatives.md', '[[OBJ-smb]]', 'OBJ-checkout', 4);
    const after = applyToDisk(edit!);
    assert.match(after('strategy/plan.strategy.yaml'), /- id: OBJ-checkout\n/);
    assert.match(after('docs/initiatives.md'), /- Objective: \[\[OBJ-checkout\]\]\n/);
    await client.waitForIdle();
    for (const rel of Object.keys(files)) {
      assert.ok(!(client.diagnostics.get(ws.uri(rel)) ?? []).some((d) => d.code === 'unresolved-reference'), `no broken reference in ${rel}`);
    }
  });

  it('renaming an owner keeps the @ and the quotes', async () => {
    const edit = await rename('docs/initiatives.md', '@maria', '@mlopez');
    const after = applyToDisk(edit!);
    assert.match(after('strategy/plan.strategy.yaml'), /- id: "@mlopez"\n/);
    assert.match(after('strategy/plan.strategy.yaml'), /    owner: "@mlopez"\n/);
    assert.equal(after('docs/initiatives.md').match(/- Owner: @mlopez\n/g)?.length, 2);
    assert.match(after('prds/one-click.md'), /owner: "@mlopez"\n/);
    assert.match(after('docs/goals.md'), /- Owner: @mlopez\n/);
  });

  it('renaming an id derived from a heading adds an id field and updates anchors that named the id', async () => {
    const edit = await rename('docs/initiatives.md', 'goals.md#expand-to-brazil', 'OBJ-brazil', 10);
    const after = applyToDisk(edit!);
    assert.match(after('docs/goals.md'), /## Objective: Expand to Brazil\n- Owner: @maria\n- Id: OBJ-brazil\n/);
    assert.match(after('docs/initiatives.md'), /\(goals\.md#OBJ-brazil\)/);
    assert.match(after('docs/goals.md'), /\(#objective-expand-to-brazil\)/, 'the heading anchor still names the heading');
    await client.waitForIdle();
    assert.ok(!(client.diagnostics.get(ws.uri('docs/initiatives.md')) ?? []).some((d) => d.code === 'unresolved-reference'));
  });

  it('rename refuses an id that is taken or malformed, saying why', async () => {
    await assert.rejects(rename('strategy/plan.strategy.yaml', 'OBJ-smb', 'KR-activation'), /'KR-activation' is already declared/);
    await assert.rejects(rename('strategy/plan.strategy.yaml', 'OBJ-smb', '9-lives'), /not a valid id/);
    await assert.rejects(rename('strategy/plan.strategy.yaml', 'OBJ-smb', 'has space'), /not a valid id/);
  });
});
