import { strict as assert } from 'node:assert';
import { TrackedWorkspace } from '../helpers/incremental.js';

/**
 * engine.update / engine.remove return the files to re-check. Each scenario edits one file and
 * TrackedWorkspace asserts that every file whose findings changed is in that set (and that the
 * engine then agrees with a fresh one); the scenario also checks the change it is about happened.
 */
describe('incremental re-checking', () => {
  const owners = 'owners:\n  - id: "@maria"\n    capacity: 3\n  - id: sam\n';

  it('renaming an objective re-checks the files that reference it', () => {
    const ws = new TrackedWorkspace({
      'goals.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    title: A\n    key-results:\n      - id: KR-a\n        type: lagging\n',
      'plan.md': '## Initiative: Checkout\n- Objective: OBJ-a\n- Owner: @sam\n- Metrics: KR-a\n',
      'child.md': '---\nkind: objective\nparent: "[[OBJ-a]]"\n---\n# Child\n',
    });
    const { affected, changed } = ws.edit('goals.strategy.yaml', 'objectives:\n  - id: OBJ-b\n    title: A\n    key-results:\n      - id: KR-a\n        type: lagging\n');
    assert.ok(affected.has('plan.md') && affected.has('child.md'));
    assert.ok(changed.has('goals.strategy.yaml'), 'the renamed objective lost its initiative');
    assert.ok(changed.has('plan.md'), 'the initiative now links nothing');
  });

  it('adding an initiative in one file clears objective-initiatives on an objective in another, and removing it brings it back', () => {
    const goals = 'objectives:\n  - id: OBJ-a\n    title: A\n    key-results:\n      - id: KR-a\n';
    const ws = new TrackedWorkspace({ 'goals.strategy.yaml': goals, 'work.md': '# Work\n\nNothing yet.\n' });
    assert.match(ws.findings().get('goals.strategy.yaml')!, /objective-initiatives/);
    const added = ws.edit('work.md', '# Work\n\n## Initiative: Do it\n- Objective: OBJ-a\n- Owner: @sam\n- Metrics: KR-a\n');
    assert.ok(added.changed.has('goals.strategy.yaml'));
    assert.doesNotMatch(ws.findings().get('goals.strategy.yaml')!, /objective-initiatives/);
    const dropped = ws.edit('work.md', '# Work\n\n## Initiative: Do it\n- Objective: OBJ-a\n- Status: dropped\n');
    assert.ok(dropped.changed.has('goals.strategy.yaml'));
  });

  it('a child objective chain three levels deep across three files propagates both ways', () => {
    const ws = new TrackedWorkspace({
      'a.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    title: A\n',
      'b.md': '---\nkind: objective\nid: OBJ-b\nparent: OBJ-a\n---\n# B\n',
      'c.md': '## Objective: C\n- Parent: [B](b.md)\n',
    });
    const work = ws.edit('c.md', '## Objective: C\n- Parent: [B](b.md)\n\n### KR: Done\n- Type: leading\n\n### Initiative: Ship\n- Owner: @x\n- Metrics: done\n');
    assert.deepEqual([...work.changed].sort(), ['a.strategy.yaml', 'b.md', 'c.md']);
    const cut = ws.edit('b.md', '---\nkind: objective\nid: OBJ-b\n---\n# B\n');
    assert.ok(cut.changed.has('a.strategy.yaml'), 'OBJ-a lost its only descendant with work');
    const relinked = ws.edit('c.md', '## Objective: C\n- Parent: OBJ-a\n\n### KR: Done\n\n### Initiative: Ship\n- Owner: @x\n- Metrics: done\n');
    assert.ok(relinked.changed.has('a.strategy.yaml') && relinked.changed.has('b.md'));
  });

  it("an owner's capacity change, an extra initiative elsewhere and the owner's removal re-check the right files", () => {
    const ws = new TrackedWorkspace({
      'owners.strategy.yaml': owners,
      'one.strategy.yaml': 'initiatives:\n  - id: I1\n    owner: "@maria"\n  - id: I2\n    owner: maria\n',
      'two.md': '## Initiative: Three\n- Owner: [[maria]]\n',
    });
    const lowered = ws.edit('owners.strategy.yaml', owners.replace('capacity: 3', 'capacity: 2'));
    assert.ok(lowered.changed.has('owners.strategy.yaml'));
    ws.edit('owners.strategy.yaml', owners);
    const fourth = ws.edit('two.md', '## Initiative: Three\n- Owner: [[maria]]\n\n## Initiative: Four\n- Owner: @maria\n');
    assert.ok(fourth.changed.has('owners.strategy.yaml'), 'maria is now over capacity');
    const undeclared = ws.edit('owners.strategy.yaml', 'owners:\n  - id: sam\n');
    assert.ok(undeclared.changed.has('one.strategy.yaml') && undeclared.changed.has('two.md'), 'maria is now unknown and reported at each owner value');
  });

  it('a sixth objective in another file fills a focus-limit period (FY27 = FY2027)', () => {
    let five = 'objectives:\n';
    for (let i = 1; i <= 5; i++) five += `  - id: O${i}\n    period: FY27\n`;
    const ws = new TrackedWorkspace({ 'five.strategy.yaml': five, 'six.md': '## Objective: Six\n- Period: 2027\n' }, { fiscalYearStart: 4 });
    const sixth = ws.edit('six.md', '## Objective: Six\n- Period: FY2027\n');
    assert.ok(sixth.changed.has('five.strategy.yaml'));
    const nested = ws.edit('six.md', '## Objective: Six\n- Period: FY2027\n- Parent: O1\n');
    assert.ok(nested.changed.has('five.strategy.yaml'), 'a child objective does not count');
  });

  it('breaking a four-file depends-on cycle in one file re-checks all four', () => {
    const initiative = (id: string, next: string) => `initiatives:\n  - id: ${id}\n    depends-on: [${next}]\n`;
    const ws = new TrackedWorkspace({
      'i1.strategy.yaml': initiative('I1', 'I2'),
      'i2.strategy.yaml': initiative('I2', 'I3'),
      'i3.md': '## Initiative: Three\n- id: I3\n- Depends-on: I4\n',
      'i4.md': '---\nkind: initiative\nid: I4\ndepends-on: "[[I1]]"\n---\n# Four\n',
    });
    const broken = ws.edit('i3.md', '## Initiative: Three\n- id: I3\n');
    assert.deepEqual([...broken.affected].sort(), ['i1.strategy.yaml', 'i2.strategy.yaml', 'i3.md', 'i4.md']);
    const closed = ws.edit('i3.md', '## Initiative: Three\n- id: I3\n- Depends-on: I4\n');
    assert.deepEqual([...closed.affected].sort(), ['i1.strategy.yaml', 'i2.strategy.yaml', 'i3.md', 'i4.md']);
  });

  it('removing a file re-checks what referenced it and what it referenced', () => {
    const ws = new TrackedWorkspace({
      'owners.strategy.yaml': owners,
      'goals.md': '## Objective: Grow\n- Owner: @maria\n\n### KR: Revenue\n- Type: lagging\n',
      'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    objective: grow\n    owner: sam\n    metrics: [revenue]\n',
    });
    const goneWork = ws.edit('plan.strategy.yaml', null);
    assert.ok(goneWork.changed.has('goals.md'), 'grow lost its only initiative');
    ws.edit('plan.strategy.yaml', 'initiatives:\n  - id: I1\n    objective: grow\n    owner: sam\n    metrics: [revenue]\n');
    const goneGoal = ws.edit('goals.md', null);
    assert.ok(goneGoal.changed.has('plan.strategy.yaml'), 'the initiative now links nothing');
    const goneOwners = ws.edit('owners.strategy.yaml', null);
    assert.ok(goneOwners.affected.has('plan.strategy.yaml'));
  });

  describe('hints that name near candidates', () => {
    it('declaring an owner close to an unknown one re-checks that owner value ("Did you mean")', () => {
      const ws = new TrackedWorkspace({ 'owners.strategy.yaml': 'owners:\n  - id: sam\n', 'plan.md': '## Initiative: X\n- Owner: @marai\n' });
      const { changed } = ws.edit('owners.strategy.yaml', 'owners:\n  - id: sam\n  - id: "@maria"\n');
      assert.ok(changed.has('plan.md'));
      assert.match(ws.findings().get('plan.md')!, /Did you mean @maria/);
    });

    it('renaming an objective away from a misspelt reference re-checks it', () => {
      const ws = new TrackedWorkspace({ 'goals.strategy.yaml': 'objectives:\n  - id: OBJ-smb\n', 'plan.md': '## Initiative: X\n- Objective: OBJ-smbb\n' });
      const { changed } = ws.edit('goals.strategy.yaml', 'objectives:\n  - id: OBJ-enterprise\n');
      assert.ok(changed.has('plan.md'));
    });

    it('retitling an objective to the words a reference wrote re-checks the reference, whose hint then names it', () => {
      const goals = (title: string) => `objectives:\n  - id: OBJ-smb\n    title: ${title}\n`;
      const ws = new TrackedWorkspace({ 'goals.strategy.yaml': goals('Small business'), 'plan.md': '## Initiative: X\n- Objective: Enterprise deals\n' });
      assert.doesNotMatch(ws.findings().get('plan.md')!, /is the title of/);
      assert.ok(ws.edit('goals.strategy.yaml', goals('Enterprise deals')).changed.has('plan.md'));
      assert.match(ws.findings().get('plan.md')!, /'Enterprise deals' is the title of objective 'OBJ-smb'/);
      assert.ok(ws.edit('goals.strategy.yaml', goals('Small business')).changed.has('plan.md'));
      assert.doesNotMatch(ws.findings().get('plan.md')!, /is the title of/);
    });

    it('of two objectives with the title a reference wrote, the hint names the first, then the other once the first is gone', () => {
      const ws = new TrackedWorkspace({
        'a.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    title: Growth\n',
        'b.strategy.yaml': 'objectives:\n  - id: OBJ-b\n    title: growth \n',
        'plan.md': '## Initiative: X\n- Objective: Growth\n',
      });
      assert.match(ws.findings().get('plan.md')!, /'Growth' is the title of objective 'OBJ-a'/);
      assert.ok(ws.edit('a.strategy.yaml', null).changed.has('plan.md'));
      assert.match(ws.findings().get('plan.md')!, /'Growth' is the title of objective 'OBJ-b'/);
    });

    it('an id declared in a new file, then the file deleted, changes the hint of a misspelt reference both ways', () => {
      const ws = new TrackedWorkspace({ 'plan.md': '## Initiative: X\n- Objective: OBJ-smbb\n', 'other.strategy.yaml': 'objectives:\n  - id: OBJ-zzz\n' });
      assert.doesNotMatch(ws.findings().get('plan.md')!, /Did you mean/);
      assert.ok(ws.edit('goals.strategy.yaml', 'objectives:\n  - id: OBJ-smb\n').changed.has('plan.md'));
      assert.match(ws.findings().get('plan.md')!, /Did you mean 'OBJ-smb'/);
      // Another file edited with the same ids: the hint stands.
      ws.edit('other.strategy.yaml', 'objectives:\n  - id: OBJ-zzz\n    title: Z\n');
      assert.match(ws.findings().get('plan.md')!, /Did you mean 'OBJ-smb'/);
      assert.ok(ws.edit('goals.strategy.yaml', null).changed.has('plan.md'));
      assert.doesNotMatch(ws.findings().get('plan.md')!, /Did you mean/);
    });

    it('a new document close to a broken link re-checks the link', () => {
      const ws = new TrackedWorkspace({ 'plan.md': '## Initiative: X\n- Objective: [Goals](goal.md)\n' });
      const { changed } = ws.edit('goals.md', '---\nkind: objective\n---\n# Goals\n');
      assert.ok(changed.has('plan.md'));
    });

    it('renaming an owner re-checks a broken owner link whose name is close to it', () => {
      const ws = new TrackedWorkspace({ 'owners.strategy.yaml': 'owners:\n  - id: a\n', 'plan.md': '## Initiative: X\n- Owner: [B](p3.md)\n' });
      assert.match(ws.findings().get('plan.md')!, /Did you mean @a\?/);
      const { changed } = ws.edit('owners.strategy.yaml', 'owners:\n  - id: b\n');
      assert.ok(changed.has('plan.md'));
      assert.match(ws.findings().get('plan.md')!, /Did you mean @b\?/);
    });
  });

  describe('stays narrow at scale', () => {
    it('renaming an objective re-checks references near its names only where they resolve to nothing', () => {
      const ws = new TrackedWorkspace({
        'goals.strategy.yaml': 'objectives:\n  - id: OBJ-a1\n  - id: OBJ-a2\n',
        'uses-a2.md': '## Initiative: X\n- Objective: OBJ-a2\n',
        'misspelt.md': '## Initiative: Y\n- Objective: OBJ-a3\n',
        'renamed.strategy.yaml': 'objectives:\n  - id: OBJ-a4\n',
      });
      const { affected } = ws.edit('renamed.strategy.yaml', 'objectives:\n  - id: OBJ-a5\n');
      assert.deepEqual([...affected].sort(), ['misspelt.md', 'renamed.strategy.yaml']);
    });

    it('an edit to an initiative with a declared owner re-checks the owner, not every file naming that owner', () => {
      const ws = new TrackedWorkspace({
        'owners.strategy.yaml': owners,
        'a.md': '## Initiative: A\n- Owner: @maria\n',
        'b.md': '## Initiative: B\n- Owner: @maria\n',
      });
      const { affected } = ws.edit('a.md', '## Initiative: A\n- Owner: @maria\n- Status: done\n');
      assert.deepEqual([...affected].sort(), ['a.md', 'owners.strategy.yaml']);
    });

    it("an edit below an objective re-checks the files declaring it and its ancestors, not the other files that link to them", () => {
      const ws = new TrackedWorkspace({
        'goals.strategy.yaml': 'objectives:\n  - id: OBJ-top\n    title: Top\n',
        'a.md': '## Objective: A\n- id: OBJ-a\n- Parent: OBJ-top\n',
        'b.md': '## Objective: B\n- id: OBJ-b\n- Parent: OBJ-top\n',
        'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    objective: OBJ-top\n  - id: I2\n    objective: OBJ-a\n',
        'c.md': '## Objective: C\n- id: OBJ-c\n- Parent: OBJ-a\n',
      });
      const owned = ws.edit('c.md', '## Objective: C\n- id: OBJ-c\n- Parent: OBJ-a\n- Owner: @sam\n');
      assert.deepEqual([...owned.affected].sort(), ['a.md', 'c.md', 'goals.strategy.yaml']);
      // Work under C covers A and the top objective through their children: their files change.
      const work = ws.edit('c.md', '## Objective: C\n- id: OBJ-c\n- Parent: OBJ-a\n\n### KR: Done\n- Type: leading\n\n### Initiative: Ship\n- Owner: @x\n- Metrics: done\n');
      assert.deepEqual([...work.affected].sort(), ['a.md', 'c.md', 'goals.strategy.yaml']);
      // A's own initiative and the file linking to it: renaming A re-checks what links to A.
      const renamed = ws.edit('a.md', '## Objective: A\n- id: OBJ-a2\n- Parent: OBJ-top\n');
      assert.ok(renamed.changed.has('plan.strategy.yaml') && renamed.changed.has('c.md'));
    });

    it("retitling an objective does not re-check its period's other objectives; changing its period does", () => {
      const ws = new TrackedWorkspace(
        { 'a.md': '## Objective: A\n- id: OBJ-a\n- Period: 2027\n', 'b.md': '## Objective: B\n- id: OBJ-b\n- Period: 2027\n' },
        { rules: { 'focus-limit': ['warning', { max: 1 }] } },
      );
      assert.deepEqual([...ws.edit('a.md', '## Objective: Alpha\n- id: OBJ-a\n- Period: 2027\n').affected], ['a.md']);
      const moved = ws.edit('a.md', '## Objective: Alpha\n- id: OBJ-a\n- Period: 2028\n');
      assert.deepEqual([...moved.affected].sort(), ['a.md', 'b.md']);
      assert.ok(moved.changed.has('b.md'), 'B is alone in 2027 now');
    });
  });
});
