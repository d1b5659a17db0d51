import { strict as assert } from 'node:assert';
import { findingsOf, lintWorkspace, workspace, ROOT, type WorkspaceOptions } from '../helpers/workspace.js';
import type { TemplateSpec } from '../../server/src/templates/spec.js';

/** A KEP-like family: kep.yaml holds the fields, README.md beside it the prose. */
const KEP: TemplateSpec = {
  name: 'proposal',
  files: 'keps/**/kep.yaml',
  kind: 'initiative',
  id: 'folder',
  fields: { title: 'title', owner: ['owning-sig', 'teams[0]'], status: 'status', stage: 'stage', reviewers: 'reviewers', created: 'creation-date' },
  schema: {
    properties: {
      status: { enum: ['provisional', 'implementable', 'implemented', 'withdrawn'] },
      stage: { enum: ['alpha', 'beta', 'stable'] },
      created: { type: 'string', format: 'date' },
    },
    required: ['status'],
    if: { properties: { status: { const: 'implemented' } }, required: ['status'] },
    then: { properties: { stage: { const: 'stable', message: 'An implemented proposal is at stage `stable`.' } } },
  },
  sibling: { file: 'README.md', 'required-sections': ['Summary', 'Motivation'] },
};

const options = (...templates: TemplateSpec[]): WorkspaceOptions => ({ templates });
/** A README.md with the sections the KEP-like template requires of it. */
const README = '# KEP-1: X\n\n## Summary\n\nShort.\n\n## Motivation\n\nWhy.\n';

describe('templates: where fields are read', () => {
  it('reads YAML keys, by alias and by simple path, into one entity per file with its id from the folder', () => {
    const engine = workspace(
      {
        'keps/sig-a/1-swap/kep.yaml': 'title: Swap\nowning-sig: sig-node\nstatus: implementable\n',
        'keps/sig-a/2-cgroups/kep.yaml': 'title: Cgroups\nteams: [sig-b, sig-c]\nstatus: provisional\n',
      },
      options(KEP),
    );
    const swap = engine.getFile(`${ROOT}/keps/sig-a/1-swap/kep.yaml`)!.entities;
    assert.deepEqual(swap.map((e) => [e.kind, e.id, e.title]), [['initiative', '1-swap', 'Swap']]);
    const cgroups = engine.getFile(`${ROOT}/keps/sig-a/2-cgroups/kep.yaml`)!.entities[0]!;
    assert.deepEqual(cgroups.refs.map((r) => [r.field, r.id]), [['owner', 'sig-b']]);
  });

  it('reports an enum value outside the schema as invalid-value at the value, with the closest value as a safe fix', () => {
    const files = { 'keps/a/1-x/kep.yaml': 'title: X\nowning-sig: sig-node\nstatus: implementble\nstage: alpha\n' };
    const [finding] = findingsOf('invalid-value', files, options(KEP));
    assert.equal(finding!.text, 'implementble');
    assert.equal(finding!.line, 3);
    assert.match(finding!.message, /'implementble' is not a valid status\. Did you mean 'implementable'\? Use one of: provisional, implementable, implemented, withdrawn\./);
    assert.equal(finding!.finding.fixes![0]!.safe, true);
    assert.equal(finding!.finding.fixes![0]!.edits[0]!.newText, 'implementable');
  });

  it('checks status-dependent requirements (if/then) with the message the schema gives, at the offending value', () => {
    const files = { 'keps/a/1-x/kep.yaml': 'title: X\nstatus: implemented\nstage: beta\n', 'keps/a/1-x/README.md': README };
    const found = lintWorkspace(files, options(KEP)).filter((f) => f.ruleId === 'invalid-value' || f.ruleId === 'template-schema');
    assert.deepEqual(found.map((f) => [f.ruleId, f.text, f.message]), [['invalid-value', 'beta', 'An implemented proposal is at stage `stable`.']]);
    assert.deepEqual(lintWorkspace({ 'keps/a/1-x/kep.yaml': 'title: X\nstatus: implemented\nstage: stable\n', 'keps/a/1-x/README.md': README }, options(KEP)).map((f) => f.ruleId), []);
  });

  it('reports a missing required field as template-schema at the entity anchor, and impossible dates as invalid-value', () => {
    const files = { 'keps/a/1-x/kep.yaml': 'title: X\ncreation-date: 2021-02-30\n', 'keps/a/1-x/README.md': README };
    const found = lintWorkspace(files, options(KEP));
    assert.deepEqual(found.map((f) => [f.ruleId, f.line, f.text]), [['template-schema', 1, 'X'], ['invalid-value', 2, '2021-02-30']]);
    assert.match(found[0]!.message, /has no `status`: the proposal template requires it/);
    assert.match(found[1]!.message, /February 2021 has 28 days/);
  });

  it('reports placeholders in people lists at the placeholder', () => {
    const files = { 'keps/a/1-x/kep.yaml': 'title: X\nstatus: provisional\nreviewers:\n  - "@maria"\n  - TBD\n' };
    const found = findingsOf('placeholder-value', files, options(KEP));
    assert.deepEqual(found.map((f) => [f.line, f.text]), [[5, 'TBD']]);
    assert.match(found[0]!.message, /An item of `reviewers` of initiative '1-x' is 'TBD', a placeholder/);
  });

  it('checks a sibling file\'s required sections in the sibling, only where the main file exists', () => {
    const files = {
      'keps/a/1-x/kep.yaml': 'title: X\nstatus: provisional\n',
      'keps/a/1-x/README.md': '# KEP-1: X\n\n## Summary\n\nShort.\n\n## Motivation\n\n<!-- why -->\n\n### Goals\n\n',
      'keps/a/README.md': '# SIG A\n\nNo kep.yaml here.\n',
    };
    const found = findingsOf('required-section', files, options(KEP));
    assert.deepEqual(found.map((f) => [f.file, f.line, f.text]), [['keps/a/1-x/README.md', 7, '## Motivation']]);
    assert.match(found[0]!.message, /Section 'Motivation' is empty/);
    const missing = findingsOf('required-section', { ...files, 'keps/a/1-x/README.md': '# KEP-1: X\n\n## Summary\n\nShort.\n' }, options(KEP));
    assert.deepEqual(missing.map((f) => [f.line, f.text]), [[1, '# KEP-1: X']]);
    assert.match(missing[0]!.message, /requires a section 'Motivation'/);
  });

  it('judges a required section among many: its sub-sections\' text counts, HTML comments do not, and a written one of two with its name wins', () => {
    const readme = (motivation: string) =>
      ['# KEP-2: Y', '', '<!-- toc -->', '- [Summary](#summary)', '<!-- /toc -->', '', '## Summary', '', '<!-- say it briefly -->', 'Short.', '', motivation, '', '## Proposal', '', '<!-- only a comment -->', ''].join('\n');
    const files = (motivation: string) => ({ 'keps/a/2-y/kep.yaml': 'title: Y\nstatus: provisional\n', 'keps/a/2-y/README.md': readme(motivation) });
    const found = (motivation: string) => findingsOf('required-section', files(motivation), options(KEP)).map((f) => [f.line, f.text]);
    assert.deepEqual(found('## Motivation\n\n<!-- why -->\n\n### Goals\n\nGo fast.'), []);
    assert.deepEqual(found('## Motivation\n\n<!-- why -->\n\n### Goals\n\n<!--\nnot yet\n-->'), [[12, '## Motivation']]);
    assert.deepEqual(found('## Motivation\n\n<!-- why -->\n\n## Motivation\n\nBecause.'), []);
  });

  it('reads a field from the part of the title or of the path a pattern captures, digits as a number, and compares fields with $data', () => {
    const rfc: TemplateSpec = {
      name: 'rfc',
      files: 'rfcs/*.md',
      kind: 'prd',
      fields: { number: { title: '^RFC (\\d+):' }, 'file-number': { path: '^rfcs/(\\d+)-' }, opened: { header: 'Opened' }, decided: { header: 'Decided' } },
      schema: { properties: { number: { const: { $data: '1/file-number' } }, decided: { format: 'date', formatMinimum: { $data: '1/opened' } } } },
    };
    const text = '# RFC 12: Faster builds\n\n- Opened: 2024-05-01\n- Decided: 2024-04-01\n';
    const engine = workspace({ 'rfcs/0013-faster-builds.md': text }, options(rfc));
    const entity = engine.getFile(`${ROOT}/rfcs/0013-faster-builds.md`)!.entities[0]!;
    assert.deepEqual(entity.fields.map((f) => [f.key, f.value.type === 'scalar' ? f.value.value : '']), [['number', 12], ['file-number', 13], ['opened', '2024-05-01'], ['decided', '2024-04-01']]);
    const found = lintWorkspace({ 'rfcs/0013-faster-builds.md': text }, options(rfc));
    assert.deepEqual(found.map((f) => [f.ruleId, f.line, f.text]), [['invalid-value', 1, '12'], ['template-schema', 4, '2024-04-01']]);
    assert.match(found[0]!.message, /'12' is not allowed here: `number` must equal `file-number`, '13'/);
    assert.match(found[1]!.message, /\(2024-04-01\) is before its `Opened` \(2024-05-01\)/);
    assert.deepEqual(lintWorkspace({ 'rfcs/0012-faster-builds.md': text.replace('2024-04-01', '2024-06-01') }, options(rfc)), []);
    // `when` may test the path: only numbered files are read.
    const numbered = workspace({ 'rfcs/index.md': text, 'rfcs/0012-x.md': text }, options({ ...rfc, when: { path: '^rfcs/\\d+-' } }));
    assert.deepEqual([numbered.getFile(`${ROOT}/rfcs/index.md`)!.entities.length, numbered.getFile(`${ROOT}/rfcs/0012-x.md`)!.entities.length], [0, 1]);
  });

  it('reads the part of a header line or table row a `capture` pattern captures, at its exact range', () => {
    const rfc: TemplateSpec = {
      name: 'rfc',
      files: 'rfcs/*.md',
      kind: 'prd',
      fields: { pr: [{ header: 'PR', capture: '#(\\d+)' }, { table: 'PR', capture: '#(\\d+)' }], 'file-number': { path: '^rfcs/(\\d+)-' } },
      schema: { properties: { pr: { const: { $data: '1/file-number' } } } },
    };
    const text = '- PR: [acme/rfcs#12](https://example.com/acme/rfcs/pull/12)\n\n# Faster builds\n';
    const engine = workspace({ 'rfcs/0013-faster-builds.md': text }, options(rfc));
    const pr = engine.getFile(`${ROOT}/rfcs/0013-faster-builds.md`)!.entities[0]!.fields.find((f) => f.key === 'pr');
    assert.deepEqual([pr!.key, pr!.value.type === 'scalar' && pr!.value.value], ['pr', 12]);
    assert.deepEqual(pr!.value.span, { start: text.indexOf('12'), end: text.indexOf('12') + 2 });
    assert.deepEqual(lintWorkspace({ 'rfcs/0013-faster-builds.md': text }, options(rfc)).map((f) => [f.ruleId, f.line, f.column, f.text]), [['invalid-value', 1, 18, '12']]);
    assert.deepEqual(lintWorkspace({ 'rfcs/0012-faster-builds.md': text }, options(rfc)), []);
    // A table row the same way; a value the pattern does not match is no value (and nothing to compare).
    const table = '# Faster builds\n\n| Key | Value |\n|---|---|\n| PR | see #14 |\n';
    assert.deepEqual(lintWorkspace({ 'rfcs/0013-x.md': table }, options(rfc)).map((f) => [f.ruleId, f.line, f.column, f.text]), [['invalid-value', 5, 13, '14']]);
    const none = workspace({ 'rfcs/0013-x.md': '- PR: not yet\n' }, options(rfc));
    assert.deepEqual(none.getFile(`${ROOT}/rfcs/0013-x.md`)!.entities[0]!.fields.map((f) => f.key), ['file-number']);
  });

  it('reads list-header lines of the document head (`- Key:`, `* Key:`, `**Key:**`) and not lists further down', () => {
    const rfc: TemplateSpec = {
      name: 'rfc',
      files: 'text/*.md',
      kind: 'initiative',
      fields: { feature: { header: 'Feature Name' }, start: { header: 'Start Date' }, owner: { header: 'Owner' }, issue: { header: 'Tracking Issue' } },
      schema: { properties: { start: { format: 'date' } } },
    };
    const text = '- Feature Name: `my_feature`\n* Start Date: 2014-13-01\n**Owner:** @maria\n\n# Summary\n\n- Tracking Issue: TBD\n';
    const engine = workspace({ 'text/0001-x.md': text }, options(rfc));
    const entity = engine.getFile(`${ROOT}/text/0001-x.md`)!.entities[0]!;
    assert.deepEqual(entity.fields.map((f) => [f.key, f.value.type === 'scalar' ? f.value.value : '']), [['feature', 'my_feature'], ['start', '2014-13-01'], ['owner', '@maria']]);
    const found = lintWorkspace({ 'text/0001-x.md': text }, options(rfc));
    assert.deepEqual(found.map((f) => [f.ruleId, f.line, f.text]), [['invalid-value', 2, '2014-13-01']]);
    assert.match(found[0]!.message, /no month 13/);
    // The RFC has no title: `# Summary` after the header lines is a section; a missing header line is reported at the first line.
    assert.equal(entity.title, undefined);
    const strict = { ...rfc, schema: { required: ['issue'] } };
    assert.deepEqual(lintWorkspace({ 'text/0001-x.md': text }, options(strict)).map((f) => [f.ruleId, f.line, f.message]), [['template-schema', 1, "Initiative '0001-x' has no `Tracking Issue`: the rfc template requires it."]]);
  });

  it('reads key/value table rows, and links a PRD to its initiative when the template requires the link', () => {
    const prd: TemplateSpec = {
      name: 'team-prd',
      files: 'prds/*.md',
      kind: 'prd',
      fields: { owner: { table: 'Owner' }, status: { table: 'Status' }, initiative: { table: 'Initiative' } },
      links: ['initiative'],
      schema: { properties: { status: { enum: ['draft', 'review', 'approved'] } } },
    };
    const files = {
      'prds/invoicing.md': '# Invoicing\n\n| Field | Value |\n|---|---|\n| **Owner** | @sam |\n| Status | Drafft |\n| Initiative | INIT-nope |\n',
      'prds/orphan.md': '# Orphan\n\n| Owner | @sam |\n|---|---|\n',
    };
    const found = lintWorkspace(files, options(prd));
    assert.deepEqual(found.map((f) => [f.file, f.ruleId, f.line, f.text]), [
      ['prds/invoicing.md', 'invalid-value', 6, 'Drafft'],
      ['prds/invoicing.md', 'unresolved-reference', 7, 'INIT-nope'],
      ['prds/orphan.md', 'prd-link', 1, '# Orphan'],
    ]);
    assert.match(found[0]!.message, /Did you mean 'draft'\?/);
  });

  it('reads sections as fields and checks required sections in the main document, with `A|B` alternatives', () => {
    const adr: TemplateSpec = {
      name: 'adr',
      files: 'adr/*.md',
      kind: 'prd',
      fields: { status: 'status', decision: { section: 'Decision Outcome' } },
      'required-sections': ['Context|Problem', 'Decision Outcome'],
      schema: { properties: { decision: { minLength: 20, message: 'Say what was decided, in a sentence or more.' } } },
    };
    const files = { 'adr/0001-db.md': '---\nstatus: accepted\n---\n# Use a database\n\n## Problem\n\nWe need storage.\n\n## Decision Outcome\n\nYes.\n' };
    const found = lintWorkspace(files, options(adr));
    assert.deepEqual(found.map((f) => [f.ruleId, f.line, f.text, f.message]), [['template-schema', 12, 'Yes.', 'Say what was decided, in a sentence or more.']]);
  });

  it('applies a template only when its `when` condition holds; other files stay silent', () => {
    const ember: TemplateSpec = { name: 'ember', files: '**/*.md', kind: 'initiative', when: { key: 'stage' }, fields: { stage: 'stage' }, schema: { properties: { stage: { enum: ['accepted', 'ready-for-release'] } } } };
    const files = { 'text/1.md': '---\nstage: acepted\n---\n# One\n', 'notes.md': '---\ntitle: just notes\n---\n# Notes\n' };
    const engine = workspace(files, options(ember));
    assert.equal(engine.getFile(`${ROOT}/notes.md`)!.participates, false);
    assert.deepEqual(lintWorkspace(files, options(ember)).map((f) => [f.file, f.ruleId, f.text]), [['text/1.md', 'invalid-value', 'acepted']]);
  });

  it('leaves SPEC front matter to the SPEC reading, and files no template matches exactly as before', () => {
    const prd: TemplateSpec = { name: 'p', files: 'docs/*.md', kind: 'prd', fields: { owner: { header: 'Owner' } }, links: ['initiative'] };
    const files = { 'docs/a.md': '---\nkind: prd\ninitiative: INIT-x\n---\n# A\n', 'plan.strategy.yaml': 'initiatives:\n  - id: INIT-x\n    title: X\n' };
    const withTemplate = lintWorkspace(files, options(prd)).map((f) => [f.file, f.ruleId, f.line]);
    const without = lintWorkspace(files).map((f) => [f.file, f.ruleId, f.line]);
    assert.deepEqual(withTemplate, without);
  });

  it('requires model links only where the template says so, and counts entities active only for statuses it names', () => {
    const base: TemplateSpec = { name: 'k', files: 'k/*.yaml', kind: 'initiative', fields: { owner: 'owner', status: 'status' } };
    const files = { 'k/a.yaml': 'status: implementable\n' };
    assert.deepEqual(lintWorkspace(files, options(base)).map((f) => f.ruleId), []);
    const strict = { ...base, links: ['owner', 'objective'] };
    assert.deepEqual(lintWorkspace(files, options(strict)).map((f) => f.ruleId), ['initiative-objective', 'initiative-owner']);
    const owners = { 'owners.strategy.yaml': 'owners:\n  - id: sig\n    capacity: 1\n', 'k/a.yaml': 'owner: sig\nstatus: implementable\n', 'k/b.yaml': 'owner: sig\nstatus: implementable\n' };
    assert.deepEqual(findingsOf('owner-load', owners, options(base)), []);
    assert.equal(findingsOf('owner-load', owners, options({ ...base, active: ['implementable'] })).length, 1);
  });

  it('reports duplicate ids across templated files and resolves references declared in `references`', () => {
    const t: TemplateSpec = { name: 'r', files: 'r/*.md', kind: 'initiative', fields: { id: { header: 'Number' }, replaces: { header: 'Replaces' } }, references: { replaces: 'initiative' }, 'id-prefix': 'RFC-' };
    const files = { 'r/a.md': '- Number: 1\n', 'r/b.md': '- Number: 1\n- Replaces: RFC-2, RFC-1\n' };
    const found = lintWorkspace(files, options(t)).map((f) => [f.file, f.ruleId, f.text]);
    assert.deepEqual(found, [['r/a.md', 'duplicate-id', '1'], ['r/b.md', 'duplicate-id', '1'], ['r/b.md', 'unresolved-reference', 'RFC-2']]);
  });
});
