import { strict as assert } from 'node:assert';
import { applyFix, lintWorkspace, workspace, ROOT, type WorkspaceOptions } from '../helpers/workspace.js';
import { TrackedWorkspace } from '../helpers/incremental.js';
import type { TemplateSpec } from '../../server/src/templates/spec.js';
import { definitionAt } from '../../server/src/lsp/navigation.js';
import { hoverAt } from '../../server/src/lsp/hover.js';
import { siblingRelatedPaths } from '../../server/src/templates/siblings.js';

/** A proposal's metadata in proposal.yaml; its README.md beside it supplies the number in its title and its review date. */
const PROPOSAL: TemplateSpec = {
  name: 'proposal',
  files: 'proposals/*/proposal.yaml',
  kind: 'initiative',
  id: 'folder',
  fields: { title: 'title', number: 'number', status: 'status', opened: 'opened' },
  schema: {
    properties: {
      'title-number': { const: { $data: '1/number' } },
      reviewed: { format: 'date', formatMinimum: { $data: '1/opened' } },
      stage: { enum: ['alpha', 'beta', 'stable'] },
    },
    required: ['status', 'reviewed'],
  },
  sibling: {
    file: 'README.md',
    fields: { 'title-number': { title: '^Proposal (\\d+):' }, reviewed: { header: 'Reviewed' }, stage: { header: 'Stage' }, status: { header: 'Status' } },
  },
};
const options: WorkspaceOptions = { templates: [PROPOSAL] };
const YAML = 'title: Faster builds\nnumber: 12\nstatus: accepted\nopened: 2024-05-01\n';
const README = '# Proposal 12: Faster builds\n\n- Reviewed: 2024-06-01\n- Stage: beta\n- Status: draft\n\n## Why\n\nBuilds are slow.\n';
const files = (readme: string, yaml = YAML) => ({ 'proposals/12-faster/proposal.yaml': yaml, 'proposals/12-faster/README.md': readme });
const located = (found: ReturnType<typeof lintWorkspace>) => found.map((f) => [f.file, f.line, f.ruleId, f.text]);

describe('templates: a sibling file supplies fields of the entity', () => {
  it('checks the fields a sibling supplies with the entity\'s schema, each finding in the sibling at the value', () => {
    assert.deepEqual(lintWorkspace(files(README), options), []);
    const wrong = README.replace('Proposal 12', 'Proposal 21').replace('2024-06-01', '2024-04-01').replace('Stage: beta', 'Stage: betta');
    const found = lintWorkspace(files(wrong), options);
    assert.deepEqual(located(found), [
      ['proposals/12-faster/README.md', 1, 'invalid-value', '21'],
      ['proposals/12-faster/README.md', 3, 'template-schema', '2024-04-01'],
      ['proposals/12-faster/README.md', 4, 'invalid-value', 'betta'],
    ]);
    assert.match(found[0]!.message, /'21' is not allowed here: `title-number` must equal `number`, '12'/);
    assert.match(found[1]!.message, /\(2024-04-01\) is before its `opened` \(2024-05-01\)/);
    // The fix edits the sibling, at the value.
    const fixed = applyFix(files(wrong), found[2]!.finding);
    assert.match(fixed['proposals/12-faster/README.md']!, /- Stage: beta\n/);
  });

  it('reports a field missing from both files at the entity\'s anchor in the main file, and lets the main file win where both have it', () => {
    const found = lintWorkspace(files(README.replace('- Reviewed: 2024-06-01\n', '')), options);
    assert.deepEqual(located(found), [['proposals/12-faster/proposal.yaml', 1, 'template-schema', 'Faster builds']]);
    assert.match(found[0]!.message, /has no `Reviewed`/);
    // `status` is read from proposal.yaml (accepted), not from the README (draft): nothing to report either way,
    // but the main file's value is the entity's.
    const engine = workspace(files(README), options);
    assert.equal(engine.getFile(`${ROOT}/proposals/12-faster/proposal.yaml`)!.entities[0]!.fields.find((f) => f.key === 'status')!.value.type, 'scalar');
    assert.deepEqual(lintWorkspace(files(README, YAML.replace('status: accepted\n', '')), options), []);
  });

  it('reads nothing from a README that has no main file beside it', () => {
    assert.deepEqual(lintWorkspace({ 'proposals/README.md': '# Proposal 3: Index\n\n- Stage: nope\n' }, options), []);
  });

  it('hover on a field a sibling supplies shows its entity, and go to definition lands on the entity in the main file', () => {
    const engine = workspace(files(README), options);
    const readme = engine.getFile(`${ROOT}/proposals/12-faster/README.md`)!;
    const offset = README.indexOf('12');
    const hover = hoverAt(readme, offset, engine, (p) => p);
    assert.ok(hover);
    assert.match((hover.contents as { value: string }).value, /\*\*Initiative\*\* `12-faster` — Faster builds/);
    assert.deepEqual(hover.range, { start: { line: 0, character: 11 }, end: { line: 0, character: 13 } });
    const [target] = definitionAt(readme, offset, engine.index);
    assert.equal(target!.uri.endsWith('/proposals/12-faster/proposal.yaml'), true);
    assert.deepEqual(target!.range.start, { line: 0, character: 7 });
    assert.equal(hoverAt(readme, README.indexOf('Builds'), engine, (p) => p), null);
  });

  it('reads a README loaded before its main file (neither on disk) as the sibling once the main file comes, without an edit', () => {
    const wrong = README.replace('Stage: beta', 'Stage: betta');
    const readmeFirst = { 'proposals/12-faster/README.md': wrong, 'proposals/12-faster/proposal.yaml': YAML };
    assert.deepEqual(located(lintWorkspace(readmeFirst, options)), [['proposals/12-faster/README.md', 4, 'invalid-value', 'betta']]);
    // In an editor: the README is open, then the main file is created; the README's findings follow.
    const ws = new TrackedWorkspace({ 'proposals/12-faster/README.md': wrong }, options);
    const created = ws.edit('proposals/12-faster/proposal.yaml', YAML);
    assert.ok(created.changed.has('proposals/12-faster/README.md'), 'the README is now the proposal\'s sibling');
    const engine = workspace(readmeFirst, options);
    assert.equal(engine.getFile(`${ROOT}/proposals/12-faster/README.md`)!.templated?.role, 'sibling');
  });

  it('counts a required link the sibling writes (an owner in README.md), reports a placeholder there once, and re-checks the main file when it changes', () => {
    const linked: TemplateSpec = { ...PROPOSAL, schema: { required: ['status'] }, links: ['owner'], sibling: { file: 'README.md', fields: { owner: { header: 'Owner' } } } };
    const opts: WorkspaceOptions = { templates: [linked] };
    const readme = (owner: string) => `# Proposal 12: Faster builds\n\n${owner}\n\n## Why\n\nBuilds are slow.\n`;
    assert.deepEqual(located(lintWorkspace(files(readme('- Owner: @sam')), opts)), []);
    const missing = lintWorkspace(files(readme('')), opts);
    assert.deepEqual(located(missing), [['proposals/12-faster/proposal.yaml', 1, 'initiative-owner', 'Faster builds']]);
    // A placeholder in the README: one finding, there, at the placeholder (not again by placeholder-value, nor in the main file).
    const placeholder = lintWorkspace(files(readme('- Owner: TBD')), opts);
    assert.deepEqual(located(placeholder), [['proposals/12-faster/README.md', 3, 'initiative-owner', 'TBD']]);
    assert.deepEqual(placeholder[0]!.finding.fixes ?? [], []);
    // The main file's own owner wins.
    assert.deepEqual(located(lintWorkspace(files(readme('- Owner: TBD'), `${YAML}owner: "@kim"\n`), { templates: [{ ...linked, fields: { ...linked.fields, owner: 'owner' } }] })).map((f) => f[2]), ['placeholder-value']);
    const ws = new TrackedWorkspace(files(readme('')), opts);
    const added = ws.edit('proposals/12-faster/README.md', readme('- Owner: @sam'));
    assert.ok(added.changed.has('proposals/12-faster/proposal.yaml'), 'the owner written in the README satisfies the link');
  });

  it('names each file\'s sibling-related files: the sibling of a main file, the main file of a sibling', () => {
    const engine = workspace(files(README), options);
    const rel = (p: string) => siblingRelatedPaths(engine.getFile(`${ROOT}/${p}`), engine.index).map((x) => x.slice(ROOT.length + 1));
    assert.deepEqual(rel('proposals/12-faster/proposal.yaml'), ['proposals/12-faster/README.md']);
    assert.deepEqual(rel('proposals/12-faster/README.md'), ['proposals/12-faster/proposal.yaml']);
  });

  it('editing either file re-checks the other, and the result equals a fresh engine\'s', () => {
    const ws = new TrackedWorkspace(files(README), options);
    const title = ws.edit('proposals/12-faster/README.md', README.replace('Proposal 12', 'Proposal 13'));
    assert.ok(title.changed.has('proposals/12-faster/README.md'));
    const number = ws.edit('proposals/12-faster/proposal.yaml', YAML.replace('number: 12', 'number: 13'));
    assert.ok(number.affected.has('proposals/12-faster/README.md') && number.changed.has('proposals/12-faster/README.md'), 'the title now matches');
    const opened = ws.edit('proposals/12-faster/proposal.yaml', YAML.replace('number: 12', 'number: 13').replace('2024-05-01', '2024-07-01'));
    assert.ok(opened.changed.has('proposals/12-faster/README.md'), 'the review date is now before the opening');
    const gone = ws.edit('proposals/12-faster/README.md', '# Proposal 13: Faster builds\n');
    assert.ok(gone.changed.has('proposals/12-faster/README.md') && gone.changed.has('proposals/12-faster/proposal.yaml'), 'the review date moved from the README to a missing field');
    const removed = ws.edit('proposals/12-faster/README.md', null);
    assert.ok(removed.affected.has('proposals/12-faster/proposal.yaml'));
  });
});
