import { strict as assert } from 'node:assert';
import { applyFix, findingsOf, lintWorkspace, workspace, type Located } from '../helpers/workspace.js';

const RULE = 'invalid-value';
const texts = (found: Located[]) => found.map((f) => f.text);
const fixesOf = (found: Located) => (found.finding.fixes ?? []).map((f) => [f.title, f.safe]);

/** One initiative in YAML with the given extra lines (4-space indented). */
const initiative = (...lines: string[]) => ({
  'plan.strategy.yaml': ['initiatives:', '  - id: INIT-a', '    title: A', ...lines.map((l) => `    ${l}`)].join('\n') + '\n',
});

describe('rule invalid-value', () => {
  describe('structure reported by the parser', () => {
    it('reports a front-matter kind that is a near miss of a strategy kind, at its value', () => {
      const found = findingsOf(RULE, { 'goal.md': '---\nkind: initative\n---\n# Grow\n' });
      assert.deepEqual(texts(found), ['initative']);
      assert.match(found[0]!.message, /Unknown kind 'initative'/);
      assert.equal(found[0]!.severity, 'error');
    });

    it('leaves a Markdown file whose front-matter kind is no strategy kind out entirely (kind: tutorial, §2)', () => {
      const files = {
        'tutorial.md': '---\nkind: tutorial\ntitle: Getting started\n---\n# Getting started\n',
        'goal.md': '---\nkind: goal\nowner: nobody\n---\n',
        'number.md': '---\nkind: 3\n---\n',
      };
      assert.deepEqual(lintWorkspace(files), []);
      assert.equal(workspace(files).getFile('/ws/tutorial.md')?.participates, false);
    });

    it('reports an unknown top-level list (far from any known one) and list items that are not mappings', () => {
      const found = findingsOf(RULE, { 'plan.strategy.yaml': 'things:\n  - a\nobjectives:\n  - just text\n' });
      assert.deepEqual(texts(found), ['things', 'just text']);
    });
  });

  describe('missing id and title (§10.9)', () => {
    it('reports a YAML entry without id at its first key, with a suggestion to insert an id from the title', () => {
      const files = { 'plan.strategy.yaml': 'objectives:\n  - title: Grow revenue\n    period: 2027\n' };
      const [found] = findingsOf(RULE, files);
      assert.equal(found!.text, 'title');
      assert.match(found!.message, /has no id/);
      assert.deepEqual(fixesOf(found!), [['Insert id: grow-revenue', false]]);
      const fixed = applyFix(files, found!.finding);
      assert.equal(fixed['plan.strategy.yaml'], 'objectives:\n  - title: Grow revenue\n    period: 2027\n    id: grow-revenue\n');
      assert.deepEqual(findingsOf(RULE, fixed), []);
    });

    it('reports a missing title in YAML, in front matter without a heading, and in an empty entity heading', () => {
      const found = findingsOf(RULE, {
        'plan.strategy.yaml': 'metrics:\n  - id: KR-a\n    baseline: 1\n',
        'obj.md': '---\nkind: objective\n---\nNo heading here.\n',
        'doc.md': '## Initiative:\n- Owner: @sam\n',
      });
      assert.deepEqual(found.map((f) => [f.file, f.text]).sort(), [
        ['doc.md', '## Initiative:'],
        ['obj.md', 'objective'],
        ['plan.strategy.yaml', 'KR-a'],
      ]);
      for (const f of found) assert.match(f.message, /has no title/);
    });

    it('does not fire when id and title come from the file name, the first heading, or the entity heading', () => {
      const files = { 'obj.md': '---\nkind: objective\n---\n# Grow revenue\n', 'doc.md': '## Initiative: Checkout\n- Owner: @sam\n' };
      assert.deepEqual(findingsOf(RULE, files), []);
    });

    it('reports an id or title written as a placeholder at the placeholder (placeholder-value stays quiet)', () => {
      const files = { 'plan.strategy.yaml': 'objectives:\n  - id: TBD\n    title: "?"\n' };
      assert.deepEqual(texts(findingsOf(RULE, files)), ['TBD', '"?"']);
      assert.deepEqual(findingsOf('placeholder-value', files), []);
    });

    it('does not require an id or title of a PRD', () => {
      assert.deepEqual(findingsOf(RULE, { 'plan.strategy.yaml': 'prds:\n  - initiative: INIT-a\n' }), []);
    });
  });

  describe('value types', () => {
    it('reports a list where one reference belongs, and a mapping inside a reference list', () => {
      const found = findingsOf(RULE, initiative('owner: ["@a", "@b"]', 'metrics: [KR-a, {id: KR-b}]'));
      assert.deepEqual(texts(found), ['["@a", "@b"]', '{id: KR-b}']);
      assert.match(found[0]!.message, /one owner/);
    });

    it('accepts a single reference where a list is allowed, and a one-item list for a single reference', () => {
      assert.deepEqual(findingsOf(RULE, initiative('owner: ["@a"]', 'metrics: KR-a', 'depends-on: INIT-b')), []);
    });

    it('reports a title that is a list', () => {
      assert.deepEqual(texts(findingsOf(RULE, { 'plan.strategy.yaml': 'objectives:\n  - id: O\n    title: [a, b]\n' })), ['[a, b]']);
    });
  });

  describe('dates and periods', () => {
    it('reports a day that does not exist, saying how many days the month has', () => {
      const [found] = findingsOf(RULE, initiative('due: 2027-02-29'));
      assert.equal(found!.text, '2027-02-29');
      assert.match(found!.message, /February 2027 has 28 days/);
      assert.deepEqual(findingsOf(RULE, initiative('due: 2028-02-29')), []);
    });

    it('offers the zero-padded date as a suggestion for 2027-3-5', () => {
      const files = initiative('start: 2027-3-5');
      const [found] = findingsOf(RULE, files);
      assert.deepEqual(fixesOf(found!), [["Replace '2027-3-5' with '2027-03-05'", false]]);
      assert.deepEqual(findingsOf(RULE, applyFix(files, found!.finding)), []);
    });

    it('reports a date in a Markdown heading entity', () => {
      const found = findingsOf(RULE, { 'doc.md': '## Initiative: Checkout\n- Due: next week\n' });
      assert.deepEqual(texts(found), ['next week']);
    });

    it('reports periods parsePeriod rejects, accepts every form of §3', () => {
      const objective = (period: string) => ({ 'plan.strategy.yaml': `objectives:\n  - id: O\n    title: T\n    period: ${period}\n` });
      for (const bad of ['2027-Q5', '27', 'FY2027-H3', 'H1-2027', '2027-q']) assert.equal(findingsOf(RULE, objective(bad)).length, 1, bad);
      for (const good of ['2027', '"2027"', '2027-H1', '2027-q3', 'FY2027', 'FY27', 'fy27-Q3', 'FY2027-H2']) assert.deepEqual(findingsOf(RULE, objective(good)), [], good);
    });
  });

  describe('enum values', () => {
    it('replaces a value that differs only in case or separators, as a safe fix', () => {
      const files = initiative('status: In Progress');
      const [found] = findingsOf(RULE, files);
      assert.equal(found!.text, 'In Progress');
      assert.deepEqual(fixesOf(found!)[0], ["Replace 'In Progress' with 'in-progress'", true]);
      const fixed = applyFix(files, found!.finding);
      assert.match(fixed['plan.strategy.yaml']!, /status: in-progress\n/);
      assert.deepEqual(findingsOf(RULE, fixed), []);
    });

    it('replaces a value one edit away as a safe fix, keeping the quotes', () => {
      const files = initiative('status: "planed"');
      const [found] = findingsOf(RULE, files);
      assert.deepEqual(fixesOf(found!)[0], ["Replace 'planed' with 'planned'", true]);
      assert.match(applyFix(files, found!.finding)['plan.strategy.yaml']!, /status: "planned"\n/);
    });

    it('offers values further away only as suggestions: doing is never turned into done by --fix', () => {
      const [found] = findingsOf(RULE, initiative('status: doing'));
      assert.match(found!.message, /'doing' is not a valid initiative status\. Use one of: proposed, planned, in-progress, blocked, done, dropped/);
      assert.ok(found!.finding.fixes!.every((f) => !f.safe));
      assert.equal(found!.finding.fixes![0]!.title, "Replace 'doing' with 'done'");
    });

    it('holds Markdown values to the same lower-case words, with the safe fix', () => {
      const files = { 'doc.md': '## Objective: Grow\n- Status: Active\n- Perspective: customer\n' };
      const [found] = findingsOf(RULE, files);
      assert.equal(found!.text, 'Active');
      const fixed = applyFix(files, found!.finding);
      assert.equal(fixed['doc.md'], '## Objective: Grow\n- Status: active\n- Perspective: customer\n');
    });

    it('checks each kind against its own statuses', () => {
      const files = { 'prd.md': '---\nkind: prd\ninitiative: INIT-a\nstatus: planned\n---\n# PRD\n' };
      assert.match(findingsOf(RULE, files)[0]!.message, /Use one of: draft, review, approved/);
    });
  });

  describe('numbers, capacity and ids', () => {
    it('accepts numbers and numeric strings (§10.10), rejects text, with a suggestion that strips a unit', () => {
      const files = { 'plan.strategy.yaml': 'metrics:\n  - id: KR\n    title: K\n    baseline: "22"\n    target: 35%\n    current: lots\n' };
      const found = findingsOf(RULE, files);
      assert.deepEqual(texts(found), ['35%', 'lots']);
      assert.match(found[0]!.message, /put the unit in `unit: %`/);
      assert.deepEqual(fixesOf(found[0]!), [["Replace '35%' with 35", false]]);
      assert.deepEqual(fixesOf(found[1]!), []);
    });

    it('requires capacity to be a positive whole number', () => {
      const owner = (capacity: string) => ({ 'team.strategy.yaml': `owners:\n  - id: "@maria"\n    capacity: ${capacity}\n` });
      for (const bad of ['0', '-1', '2.5', 'three']) assert.equal(findingsOf(RULE, owner(bad)).length, 1, bad);
      for (const good of ['1', '3', '"3"']) assert.deepEqual(findingsOf(RULE, owner(good)), [], good);
    });

    it('reports ids that break the pattern; owners may be @handle or @org/team', () => {
      const files = {
        'plan.strategy.yaml': 'objectives:\n  - id: OBJ smb\n    title: T\n  - id: 2027-growth\n    title: U\nowners:\n  - id: "@org/team"\n  - id: maria\n  - id: "@a b"\n',
      };
      const found = findingsOf(RULE, files);
      assert.deepEqual(texts(found), ['OBJ smb', '2027-growth', '"@a b"']);
      assert.deepEqual(fixesOf(found[0]!), [["Replace 'OBJ smb' with 'OBJ-smb'", false]]);
    });
  });

  describe('milestones', () => {
    it('reports milestones that are not a list of {title, due, done}', () => {
      const found = findingsOf(RULE, initiative('milestones:', '  - title: Beta', '    done: yes', '  - due: 2027-13-01', '  - just text'));
      assert.deepEqual(found.map((f) => [f.text, f.message.split(':')[0]]), [
        ['title', "Milestone 'Beta' has no `due` date"],
        ['yes', 'Milestone `done` must be true or false, not \'yes\'.'],
        ['due', 'This milestone has no `title`'],
        ['2027-13-01', "`due` '2027-13-01' is not a real date"],
        ['just text', 'Each milestone must be a mapping with `title` and `due` (and optionally `done`)'],
      ]);
      assert.deepEqual(texts(findingsOf(RULE, initiative('milestones: soon'))), ['soon']);
    });

    it('accepts well-formed milestones', () => {
      assert.deepEqual(findingsOf(RULE, initiative('milestones:', '  - {title: Beta, due: 2027-02-01, done: true}', '  - title: GA', '    due: 2027-03-01')), []);
    });
  });

  describe('kind', () => {
    it('asks for lower-case kind words, with a safe fix', () => {
      const files = { 'obj.md': '---\nkind: Objective\n---\n# Grow\n' };
      const [found] = findingsOf(RULE, files);
      assert.equal(found!.text, 'Objective');
      assert.deepEqual(fixesOf(found!), [["Replace 'Objective' with 'objective'", true]]);
      assert.deepEqual(findingsOf(RULE, applyFix(files, found!.finding)), []);
    });

    it('reports a list entry whose kind contradicts its list', () => {
      const [found] = findingsOf(RULE, initiative('kind: objective'));
      assert.match(found!.message, /in a list of initiatives, but says `kind: objective`/);
      assert.deepEqual(findingsOf(RULE, initiative('kind: project')), []);
      const [empty] = findingsOf(RULE, initiative('kind:'));
      assert.equal(empty!.text, 'kind');
      assert.match(empty!.message, /`kind` is empty\. Delete the line/);
      assert.match(findingsOf(RULE, initiative('kind: TBD'))[0]!.message, /Unknown kind 'TBD'/);
    });
  });

  describe('suppression comments (§10.13)', () => {
    it('reports an unknown rule id at the id, suggesting the closest rule', () => {
      const files = { 'doc.md': '<!-- strategy-lint-disable-next-line initiative-ownr placeholder-value -->\n## Initiative: Checkout\n' };
      const [found, ...rest] = findingsOf(RULE, files);
      assert.equal(rest.length, 0);
      assert.equal(found!.text, 'initiative-ownr');
      assert.match(found!.message, /Did you mean 'initiative-owner'\?/);
      assert.deepEqual(fixesOf(found!), [["Replace 'initiative-ownr' with 'initiative-owner'", false]]);
      assert.deepEqual(findingsOf(RULE, applyFix(files, found!.finding)), []);
    });

    it('reports unknown ids in YAML comments too', () => {
      assert.deepEqual(texts(findingsOf(RULE, { 'plan.strategy.yaml': '# strategy-lint-disable-file no-such-rule\nowners: []\n' })), ['no-such-rule']);
    });
  });

  it('leaves placeholders to placeholder-value', () => {
    assert.deepEqual(findingsOf(RULE, initiative('status: TBD', 'due: "?"', 'milestones:', '  - {title: Beta, due: TBD}')), []);
  });

  it('is silenced by a suppression comment on the line before', () => {
    const files = { 'doc.md': '## Initiative: Checkout\n<!-- strategy-lint-disable-next-line invalid-value -->\n- Due: soon\n' };
    assert.deepEqual(findingsOf(RULE, files), []);
  });
});
