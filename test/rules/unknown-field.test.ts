import { strict as assert } from 'node:assert';
import { inStyleOf } from '../../server/src/rules/unknown-field.js';
import { applyFix, findingsOf, fixAll } from '../helpers/workspace.js';

const RULE = 'unknown-field';
const fixesOf = (f: { finding: { fixes?: { title: string; safe: boolean }[] } }) => (f.finding.fixes ?? []).map((x) => [x.title, x.safe]);

describe('rule unknown-field', () => {
  it('reports a misspelt YAML field at its key and renames it safely to the closest field', () => {
    const files = { 'plan.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    title: A\n    ownr: "@maria"\n' };
    const [found, ...rest] = findingsOf(RULE, files);
    assert.equal(rest.length, 0);
    assert.equal(found!.text, 'ownr');
    assert.equal(found!.severity, 'warning');
    assert.match(found!.message, /Unknown field 'ownr' on initiative 'INIT-a': its value is ignored\. Did you mean 'owner'\?/);
    assert.deepEqual(fixesOf(found!), [["Rename 'ownr' to 'owner'", true]]);
    const fixed = applyFix(files, found!.finding);
    assert.equal(fixed['plan.strategy.yaml'], 'initiatives:\n  - id: INIT-a\n    title: A\n    owner: "@maria"\n');
    assert.deepEqual(findingsOf(RULE, fixed), []);
    assert.deepEqual(findingsOf('initiative-owner', fixed), [], 'the renamed field now counts');
  });

  it('keeps the author\'s casing style when renaming a Markdown key', () => {
    const files = { 'doc.md': '## Initiative: Checkout\n- Ownr: @maria\n- DEU: 2027-03-01\n- Depnds On: INIT-b\n' };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => fixesOf(f)[0]), [
      ["Rename 'Ownr' to 'Owner'", true],
      ["Rename 'DEU' to 'DUE'", true],
      ["Rename 'Depnds On' to 'Depends On'", true],
    ]);
    let fixed: Record<string, string> = files;
    for (const f of [...found].reverse()) fixed = applyFix(fixed, f.finding);
    assert.equal(fixed['doc.md'], '## Initiative: Checkout\n- Owner: @maria\n- DUE: 2027-03-01\n- Depends On: INIT-b\n');
    assert.deepEqual(findingsOf(RULE, fixed), []);
  });

  it('renames in front matter to the lower-case field', () => {
    const files = { 'obj.md': '---\nkind: objective\nperod: 2027-H1\n---\n# Grow\n' };
    const [found] = findingsOf(RULE, files);
    assert.equal(applyFix(files, found!.finding)['obj.md'], '---\nkind: objective\nperiod: 2027-H1\n---\n# Grow\n');
  });

  it('offers tied candidates only as suggestions, and none beyond edit distance 2', () => {
    const [tied] = findingsOf(RULE, { 'doc.md': '## Initiative: Checkout\n- Dx: 2027-01-01\n' });
    assert.ok(!tied!.finding.fixes?.length || tied!.finding.fixes.every((f) => !f.safe));
    const [far] = findingsOf(RULE, { 'doc.md': '## Objective: Grow\n- Risk: vendors may slip\n' });
    assert.deepEqual(fixesOf(far!), []);
    assert.match(far!.message, /Known fields of an objective: id, title, owner, period, perspective, parent, status, description, priority, updated, confidence, health\./);
  });

  it('asks for lower-case, hyphenated field names in YAML (the JSON Schema knows only those)', () => {
    const files = { 'plan.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    Owner: "@maria"\n    depends_on: INIT-b\n' };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => [f.text, fixesOf(f)]), [
      ['Owner', [["Rename 'Owner' to 'owner'", true]]],
      ['depends_on', [["Rename 'depends_on' to 'depends-on'", true]]],
    ]);
  });

  it('does not fire for known fields, aliases, `kind`, YAML objective child lists, or loose Markdown keys', () => {
    const files = {
      'plan.strategy.yaml': [
        'objectives:',
        '  - id: OBJ-a',
        '    title: Grow',
        '    key-results:',
        '      - id: KR-a',
        '        title: K',
        '    initiatives:',
        '      - id: INIT-a',
        '        title: A',
        '        kind: initiative',
        '        metric: KR-a',
        '        dependencies: [INIT-b]',
      ].join('\n'),
      'doc.md': '## Initiative: Checkout\n- Depends On: INIT-a\n- key results: x\n**Due:** 2027-01-01\n',
    };
    const found = findingsOf(RULE, files);
    // `key results` is not a field of an initiative; everything else is known.
    assert.deepEqual(found.map((f) => f.text), ['key results']);
  });

  it('does not rename onto a field that is already set (the key would be written twice)', () => {
    const files = { 'init.md': '---\nkind: initiative\nowner: "@sam"\nownr: "@maria"\nOwner: "@kim"\n---\n# Checkout\n' };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => [f.text, fixesOf(f)]), [['ownr', []], ['Owner', []]]);
    assert.match(found[0]!.message, /It looks like 'owner', which is already set: delete this line if it is a leftover\./);
    assert.match(found[1]!.message, /'Owner' repeats 'owner': only one of them counts/);
  });

  it('explains that child lists nest only in strategy YAML files', () => {
    const [found] = findingsOf(RULE, { 'obj.md': '---\nkind: objective\ninitiatives: [INIT-a]\n---\n# Grow\n' });
    assert.match(found!.message, /nest under an objective only in \*\.strategy\.yaml files/);
  });

  it('forwards misspelt top-level lists from the parser, with the safe rename', () => {
    const files = { 'plan.strategy.yaml': 'objectivs:\n  - id: OBJ-a\n    title: Grow\n' };
    const [found] = findingsOf(RULE, files);
    assert.equal(found!.text, 'objectivs');
    const fixed = applyFix(files, found!.finding);
    assert.equal(fixed['plan.strategy.yaml'], 'objectives:\n  - id: OBJ-a\n    title: Grow\n');
    assert.deepEqual(findingsOf(RULE, fixed), []);
  });

  it('reports unknown milestone keys with a rename', () => {
    const files = { 'plan.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    milestones:\n      - {titel: Beta, due: 2027-01-01}\n' };
    const [found] = findingsOf(RULE, files);
    assert.deepEqual(fixesOf(found!), [["Rename 'titel' to 'title'", true]]);
    assert.deepEqual(findingsOf(RULE, applyFix(files, found!.finding)), []);
  });

  it('is silenced by a suppression comment', () => {
    const files = {
      'doc.md': '## Objective: Grow\n<!-- strategy-lint-disable-next-line unknown-field -->\n- Risk: vendors may slip\n',
      'plan.strategy.yaml': 'owners:\n  - id: a\n    # strategy-lint-disable-next-line unknown-field\n    email: a@example.com\n',
    };
    assert.deepEqual(findingsOf(RULE, files), []);
  });

  it('styles renamed keys like the written ones', () => {
    assert.equal(inStyleOf('ownr', 'owner'), 'owner');
    assert.equal(inStyleOf('Ownr', 'owner'), 'Owner');
    assert.equal(inStyleOf('OWNR', 'owner'), 'OWNER');
    assert.equal(inStyleOf('Depnds On', 'depends-on'), 'Depends On');
    assert.equal(inStyleOf('Depnds on', 'depends-on'), 'Depends on');
    assert.equal(inStyleOf('depnds_on', 'depends-on'), 'depends_on');
  });

  describe('--fix never creates a duplicate key', () => {
    it('does not rename two unknown front-matter keys to the same field (`xa`, `xb` → `id`)', () => {
      const files = { 'a.md': '---\nkind: initiative\nxa: 1\nxb: 2\nobjective: O\nmetrics: [K]\n---\n# T\n' };
      const found = findingsOf(RULE, files);
      assert.deepEqual(found.map((f) => [f.text, fixesOf(f)]), [
        ['xa', [["Rename 'xa' to 'id'", false]]],
        ['xb', [["Rename 'xb' to 'id'", false]]],
      ]);
      assert.match(found[0]!.message, /Another key here also looks like 'id': rename only the one that is meant\./);
      assert.deepEqual(fixAll(files), files);
    });

    it('does not rename `ownr` and `owners` of one YAML entity both to `owner`', () => {
      const files = { 'b.strategy.yaml': 'initiatives:\n  - id: I\n    title: T\n    ownr: "@a"\n    owners: "@b"\n' };
      assert.deepEqual(fixAll(files), files);
      assert.deepEqual(findingsOf('syntax', fixAll(files)), []);
    });

    it('does not rename two Markdown keys to the same field, nor a key onto one the entity has', () => {
      const files = { 'doc.md': '## Initiative: Checkout\n- Ownr: @a\n- Owners: @b\n- Titel: x\n- Title: y\n' };
      assert.deepEqual(fixAll(files), files);
    });

    it('still renames one unknown key when the other unknown key looks like a different field', () => {
      const files = { 'b.strategy.yaml': 'initiatives:\n  - id: I\n    title: T\n    ownr: "@a"\n    staus: planned\n' };
      assert.equal(fixAll(files)['b.strategy.yaml'], 'initiatives:\n  - id: I\n    title: T\n    owner: "@a"\n    status: planned\n');
    });

    it('does not rename two milestone keys of one milestone to the same key', () => {
      const files = { 'b.strategy.yaml': 'initiatives:\n  - id: I\n    title: T\n    milestones:\n      - titl: a\n        tite: b\n' };
      assert.deepEqual(fixAll(files), files);
    });

    it('does not rename a misspelt top-level list onto a list the file has, nor two onto one', () => {
      const present = { 'p.strategy.yaml': 'objectives:\n  - id: O\n    title: T\nobjectivs:\n  - id: P\n    title: U\n' };
      assert.deepEqual(fixAll(present), present);
      const [note] = findingsOf(RULE, present);
      assert.match(note!.message, /It looks like 'objectives', which is already there/);
      const two = { 'p.strategy.yaml': 'objectivs:\n  - id: O\n    title: T\nobjectves:\n  - id: P\n    title: U\n' };
      assert.deepEqual(fixAll(two), two);
    });
  });
});
