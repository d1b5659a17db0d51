import { strict as assert } from 'node:assert';
import { findingsOf, lintWorkspace } from '../helpers/workspace.js';
import type { TemplateSpec } from '../../server/src/templates/spec.js';

const RULE = 'template-schema';

const PROPOSAL: TemplateSpec = {
  name: 'proposal',
  files: 'proposals/*/proposal.yaml',
  kind: 'initiative',
  id: 'folder',
  fields: { title: 'title', status: 'status', stage: 'stage', owner: 'owning-team', reviewers: 'reviewers' },
  schema: {
    required: ['status', 'owner'],
    properties: { reviewers: { type: 'array', minItems: 2 } },
    if: { properties: { status: { const: 'implemented' } }, required: ['status'] },
    then: { required: ['stage'] },
  },
};
const templates = [PROPOSAL];

describe('rule template-schema', () => {
  it('reports each required field missing, once, at the entity anchor, naming the template', () => {
    const found = findingsOf(RULE, { 'proposals/1-swap/proposal.yaml': 'title: Swap support\nstage: beta\n' }, { templates });
    assert.deepEqual(found.map((f) => [f.line, f.text]), [[1, 'Swap support'], [1, 'Swap support']]);
    assert.deepEqual(found.map((f) => f.message), [
      "Initiative '1-swap' has no `owning-team`: the proposal template requires it.",
      "Initiative '1-swap' has no `status`: the proposal template requires it.",
    ]);
    assert.equal(found[0]!.severity, 'error');
  });

  it('checks conditions (if/then) and list sizes at the value concerned', () => {
    const text = 'title: Swap\nowning-team: node\nstatus: implemented\nreviewers: ["@a"]\n';
    const found = findingsOf(RULE, { 'proposals/1-swap/proposal.yaml': text }, { templates });
    assert.deepEqual(found.map((f) => [f.line, f.text]), [[1, 'Swap'], [4, '["@a"]']]);
    assert.match(found[0]!.message, /has no `stage`/);
    assert.match(found[1]!.message, /`reviewers` of initiative '1-swap' must NOT have fewer than 2 items \(proposal template\)/);
  });

  it('is quiet on a complete document, on values invalid-value reports, and on files no template reads', () => {
    const ok = 'title: Swap\nowning-team: node\nstatus: implemented\nstage: stable\nreviewers: ["@a", "@b"]\n';
    assert.deepEqual(findingsOf(RULE, { 'proposals/1-swap/proposal.yaml': ok }, { templates }), []);
    const typed = 'title: Swap\nowning-team: node\nstatus: provisional\nreviewers: "@a"\n';
    assert.deepEqual(lintWorkspace({ 'proposals/1-swap/proposal.yaml': typed }, { templates }).map((f) => [f.ruleId, f.text]), [['invalid-value', '"@a"']]);
    assert.deepEqual(findingsOf(RULE, { 'other/proposal.yaml': 'title: x\n' }, { templates }), []);
  });

  it('leaves a required link to its own rule, and a placeholder to placeholder-value', () => {
    const linked: TemplateSpec = { ...PROPOSAL, links: ['owner'] };
    const files = { 'proposals/1-swap/proposal.yaml': 'title: Swap\nstatus: provisional\n' };
    assert.deepEqual(findingsOf(RULE, files, { templates: [linked] }), []);
    assert.deepEqual(findingsOf('initiative-owner', files, { templates: [linked] }).map((f) => f.text), ['Swap']);
    const tbd = { 'proposals/1-swap/proposal.yaml': 'title: Swap\nowning-team: node\nstatus: provisional\nreviewers: [TBD, "@b"]\n' };
    assert.deepEqual(lintWorkspace(tbd, { templates }).map((f) => [f.ruleId, f.text]), [['placeholder-value', 'TBD']]);
  });

  it('names fields as the document writes them, and items of lists as such', () => {
    const teams: TemplateSpec = { name: 'rfc', files: 'rfcs/*.md', kind: 'prd', fields: { owner: 'teams[0]', teams: 'teams' }, schema: { required: ['owner'], properties: { teams: { items: { enum: ['cli', 'framework'] } } } } };
    const found = lintWorkspace({ 'rfcs/a.md': '---\nteams: [framwork]\n---\n', 'rfcs/b.md': '---\nstage: accepted\n---\n' }, { templates: [teams] });
    assert.deepEqual(found.map((f) => [f.file, f.ruleId, f.line, f.text, f.message]), [
      ['rfcs/a.md', 'invalid-value', 2, 'framwork', "'framwork' is not a valid item of `teams`. Did you mean 'framework'? Use one of: cli, framework."],
      ['rfcs/b.md', 'template-schema', 2, 'stage', "PRD 'b' has no `teams`: the rfc template requires it."],
    ]);
  });

  it('can be turned off', () => {
    assert.deepEqual(findingsOf(RULE, { 'proposals/1-swap/proposal.yaml': 'title: Swap\n' }, { templates, rules: { [RULE]: 'off' } }), []);
  });
});
