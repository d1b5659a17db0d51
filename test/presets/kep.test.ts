import { strict as assert } from 'node:assert';
import { lintWorkspace, workspace, ROOT } from '../helpers/workspace.js';
import { lintFolder } from '../helpers/folder.js';

const kep = { presets: ['kep'] };
/** A kep.yaml that passes every check; each test changes one thing. */
const KEP = [
  'title: Snapshot a group of volumes',
  'kep-number: 2101',
  'authors:',
  '  - "@ines"',
  'owning-sig: sig-storage',
  'status: implementable',
  'creation-date: 2024-02-14',
  'reviewers:',
  '  - "@tomas"',
  'approvers:',
  '  - "@ines"',
  'stage: beta',
  '',
].join('\n');
const PATH = 'keps/sig-storage/2101-volume-groups/kep.yaml';
const README_PATH = PATH.replace('kep.yaml', 'README.md');
const README = '# KEP-2101: Volume groups\n\n## Motivation\n\nSnapshots of several volumes at once.\n';
/** A KEP folder: kep.yaml (loaded first, as a checkout lists it) and a README.md with a Motivation. */
const kepFolder = (text: string) => ({ [PATH]: text, [README_PATH]: README });
const lintKep = (text: string) => lintWorkspace(kepFolder(text), kep).map((f) => [f.ruleId, f.text, f.line]);

describe('preset kep', () => {
  it('reads kep.yaml as an initiative named by its folder, owned by its owning SIG', () => {
    const engine = workspace({ [PATH]: KEP }, kep);
    const [entity] = engine.getFile(`${ROOT}/${PATH}`)!.entities;
    assert.deepEqual([entity!.kind, entity!.id, entity!.title], ['initiative', '2101-volume-groups', 'Snapshot a group of volumes']);
    assert.deepEqual(entity!.refs.map((r) => [r.field, r.id]), [['owner', 'sig-storage']]);
    assert.deepEqual(lintKep(KEP), []);
  });

  it('reports a status or stage outside proposal.go\'s enums at the value, with the closest value', () => {
    const found = lintWorkspace(kepFolder(KEP.replace('status: implementable', 'status: implementabel').replace('stage: beta', 'stage: gamma')), kep);
    assert.deepEqual(found.map((f) => [f.ruleId, f.text, f.line]), [['invalid-value', 'implementabel', 6], ['invalid-value', 'gamma', 12]]);
    assert.match(found[0]!.message, /Did you mean 'implementable'\?/);
  });

  it('reports an implemented KEP that is not at stage stable, at its stage, and accepts a deprecation KEP\'s last stages', () => {
    const implemented = KEP.replace('status: implementable', 'status: implemented');
    const found = lintWorkspace(kepFolder(implemented), kep);
    assert.deepEqual(found.map((f) => [f.ruleId, f.text, f.line]), [['invalid-value', 'beta', 12]]);
    assert.match(found[0]!.message, /`status: implemented` must be at `stage: stable`/);
    for (const stage of ['stable', 'disabled', 'removed']) assert.deepEqual(lintKep(implemented.replace('stage: beta', `stage: ${stage}`)), [], stage);
  });

  it('reports dates that are not real days, and a release where a date belongs', () => {
    const text = KEP.replace('creation-date: 2024-02-14', 'creation-date: 2024-14-02\nlast-updated: v1.31');
    assert.deepEqual(lintKep(text), [['invalid-value', '2024-14-02', 7], ['invalid-value', 'v1.31', 8]]);
    assert.deepEqual(lintKep(KEP.replace('2024-02-14', '2024-2-14')).map((f) => f[0]), ['invalid-value']);
  });

  it('reports a last-updated before the creation date once, at last-updated, and not when either is not a real day', () => {
    const found = lintWorkspace(kepFolder(KEP.replace('creation-date: 2024-02-14', 'creation-date: 2024-02-14\nlast-updated: 2023-02-14')), kep);
    assert.deepEqual(found.map((f) => [f.ruleId, f.text, f.line]), [['template-schema', '2023-02-14', 8]]);
    assert.match(found[0]!.message, /`last-updated` of initiative '2101-volume-groups' \(2023-02-14\) is before its `creation-date` \(2024-02-14\)/);
    assert.deepEqual(lintKep(KEP.replace('creation-date: 2024-02-14', 'creation-date: 2024-02-14\nlast-updated: 2024-02-14')), []);
    // The impossible day is invalid-value's to report; comparing it as text would say it twice.
    assert.deepEqual(lintKep(KEP.replace('creation-date: 2024-02-14', 'creation-date: 2024-14-02\nlast-updated: 2024-03-01')), [['invalid-value', '2024-14-02', 7]]);
    assert.deepEqual(lintKep(KEP.replace('creation-date: 2024-02-14\n', 'last-updated: 2020-01-01\n')), []);
  });

  it('reports a kep-number that is not the number its folder starts with, at the kep-number, however the number is written', () => {
    const found = lintWorkspace(kepFolder(KEP.replace('kep-number: 2101', 'kep-number: 1884')), kep);
    assert.deepEqual(found.map((f) => [f.ruleId, f.text, f.line]), [['invalid-value', '1884', 2]]);
    assert.match(found[0]!.message, /`kep-number` is not the number its folder's name starts with/);
    assert.deepEqual(found[0]!.finding.fixes!.map((f) => [f.title, f.safe]), [["Replace '1884' with '2101'", false]]);
    assert.deepEqual(lintKep(KEP.replace('kep-number: 2101', 'kep-number: "2101"')), []);
    const padded = lintWorkspace({ 'keps/sig-network/0752-endpointslices/kep.yaml': KEP.replace('kep-number: 2101', 'kep-number: 752'), 'keps/sig-network/0752-endpointslices/README.md': README.replace('2101', '0752') }, kep);
    assert.deepEqual(padded.map((f) => f.ruleId), []);
  });

  it('reports a README whose title names another KEP number, at that number in the README', () => {
    const readme = (title: string) => `${title}\n\n## Motivation\n\nWhy.\n`;
    const lint = (title: string) => lintWorkspace({ [PATH]: KEP, [PATH.replace('kep.yaml', 'README.md')]: readme(title) }, kep).map((f) => [f.file.split('/').pop(), f.ruleId, f.line, f.column, f.text]);
    assert.deepEqual(lint('# KEP-2102: Volume groups'), [['README.md', 'invalid-value', 1, 7, '2102']]);
    // A wrong kep-number is one defect, reported once at itself, not again at a title that names the folder's number.
    const wrongNumber = lintWorkspace({ [PATH]: KEP.replace('kep-number: 2101', 'kep-number: 2102'), [PATH.replace('kep.yaml', 'README.md')]: readme('# KEP-2101: Volume groups') }, kep);
    assert.deepEqual(wrongNumber.map((f) => [f.file.split('/').pop(), f.text]), [['kep.yaml', '2102']]);
    for (const title of ['# KEP-2101: Volume groups', '# [KEP-2101](https://github.com/kubernetes/enhancements/issues/2101): Volume groups', '# KEP 2101: Volume groups', '# Volume groups', '# KEP: Volume groups']) assert.deepEqual(lint(title), [], title);
  });

  it('reports a README whose title still has the template\'s KEP-NNNN, once, at the placeholder', () => {
    const readme = (title: string) => `${title}\n\n## Motivation\n\nWhy.\n`;
    const found = lintWorkspace({ [PATH]: KEP, [PATH.replace('kep.yaml', 'README.md')]: readme('# KEP-NNNN: Volume groups') }, kep);
    assert.deepEqual(found.map((f) => [f.file.split('/').pop(), f.ruleId, f.line, f.column, f.text]), [['README.md', 'invalid-value', 1, 7, 'NNNN']]);
    assert.match(found[0]!.message, /still has the template's `KEP-NNNN`/);
  });

  it('reports a KEP folder without README.md (missing, or named README.MD) once, at the title in kep.yaml', () => {
    const found = lintWorkspace({ [PATH]: KEP }, kep);
    assert.deepEqual(found.map((f) => [f.file, f.ruleId, f.line, f.text]), [[PATH, 'required-section', 1, 'Snapshot a group of volumes']]);
    assert.match(found[0]!.message, /requires a README\.md beside kep\.yaml \(with a section 'Motivation'\), and this folder has none \(the name is case-sensitive: README\.MD or readme\.md is not read\)/);
    // README.MD is not README.md: it is not read, and the KEP is reported as without one.
    const upper = lintWorkspace({ [PATH]: KEP, [PATH.replace('kep.yaml', 'README.MD')]: README }, kep);
    assert.deepEqual(upper.map((f) => [f.file, f.ruleId, f.line]), [[PATH, 'required-section', 1]]);
    assert.deepEqual(lintKep(KEP), []);
  });

  it('reports TBD and ? among approvers and reviewers, each at the placeholder', () => {
    const text = KEP.replace('  - "@tomas"', '  - "@tomas"\n  - "?"').replace('approvers:\n  - "@ines"', 'approvers:\n  - TBD');
    assert.deepEqual(lintKep(text), [['placeholder-value', '"?"', 10], ['placeholder-value', 'TBD', 12]]);
  });

  it('reports a KEP without approvers or owning SIG (required by proposal.go)', () => {
    const text = KEP.replace('owning-sig: sig-storage\n', '').replace('approvers:\n  - "@ines"', 'approvers: []');
    assert.deepEqual(lintKep(text).map((f) => f[0]), ['template-schema', 'template-schema']);
  });

  it('accepts what proposal.go does not require: no stage yet, an empty stage, no reviewers', () => {
    const provisional = KEP.replace('status: implementable', 'status: provisional');
    assert.deepEqual(lintKep(provisional.replace('stage: beta\n', '')), []);
    assert.deepEqual(lintKep(provisional.replace('stage: beta', 'stage:')), []);
    assert.deepEqual(lintKep(provisional.replace('reviewers:\n  - "@tomas"', 'reviewers: []')), []);
    assert.deepEqual(lintKep(provisional.replace('reviewers:\n  - "@tomas"', 'reviewers:')), []);
  });

  it('checks the README.md beside kep.yaml for a Motivation section (not one inside a comment), and skips the blank KEP template', () => {
    const readme = (motivation: string) => `# KEP-2101: Volume groups\n\n## Summary\n\nSnapshots of several volumes.\n${motivation}\n## Proposal\n\nA new object.\n`;
    const found = lintFolder(
      {
        'keps/sig-a/2101-with/kep.yaml': KEP,
        'keps/sig-a/2101-with/README.md': readme('\n## Motivation\n\n<!-- why -->\n\n### Goals\n\n- One request.\n'),
        'keps/sig-a/2101-without/kep.yaml': KEP,
        'keps/sig-a/2101-without/README.md': readme(''),
        'keps/sig-a/2101-empty/kep.yaml': KEP,
        'keps/sig-a/2101-empty/README.md': readme('\n## Motivation\n\n<!-- why this matters -->\n'),
        // The KEP template's opening comment wraps a fence-like line: it opens no code block.
        'keps/sig-a/2101-comment/kep.yaml': KEP,
        'keps/sig-a/2101-comment/README.md': `<!-- How to use this template.\n\n\`\`\` <<[UNRESOLVED optional context ]>> Stuff that is\nargued. <<[/UNRESOLVED]>> \`\`\`\n-->\n${readme('\n## Motivation\n\nClusters need it.\n')}`,
        'keps/NNNN-kep-template/kep.yaml': 'title: KEP Template\nstatus: provisional|implementable\ncreation-date: yyyy-mm-dd\napprovers:\n  - TBD\n',
        'keps/NNNN-kep-template/README.md': '# KEP-NNNN: Title\n',
      },
      ['--preset', 'kep', 'keps'],
    );
    assert.deepEqual(found.map((f) => `${f.file}:${f.line} ${f.ruleId}`), [
      'keps/sig-a/2101-empty/README.md:7 required-section',
      'keps/sig-a/2101-without/README.md:1 required-section',
    ]);
  });
});
