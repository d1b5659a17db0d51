import { strict as assert } from 'node:assert';
import { findingsOf } from '../helpers/workspace.js';

const RULE = 'owner-load';

/** YAML initiatives `I1..In` owned by `owner` (written as given), each with the given extra lines. */
function initiatives(count: number, owner: string, prefix = 'I', extra = ''): string {
  let text = 'initiatives:\n';
  for (let i = 1; i <= count; i++) text += `  - id: ${prefix}${i}\n    owner: ${owner}\n${extra}`;
  return text;
}

describe('rule owner-load', () => {
  it("reports a declared owner over its own capacity at the owner's id value, listing the initiatives", () => {
    const files = {
      'owners.strategy.yaml': 'owners:\n  - id: "@maria"\n    capacity: 2\n',
      'plan.strategy.yaml': initiatives(3, '"@maria"'),
    };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => [f.file, f.text, f.severity]), [['owners.strategy.yaml', '"@maria"', 'warning']]);
    assert.match(found[0]!.message, /@maria carries 3 active initiatives, more than its capacity of 2 \(its `capacity`\): I1, I2, I3/);
    assert.deepEqual(found[0]!.finding.related!.map((r) => r.message), ["active initiative 'I1'", "active initiative 'I2'", "active initiative 'I3'"]);
  });

  it('matches the owner however it is written: @x, x, [[x]] and a link to its declaration', () => {
    const files = {
      'maria.md': '---\nkind: owner\ncapacity: 3\n---\n# Maria\n',
      'a.strategy.yaml': 'initiatives:\n  - id: A\n    owner: "@maria"\n  - id: B\n    owner: maria\n',
      'b.md': '## Initiative: C\n- Owner: [[maria]]\n\n## Initiative: D\n- Owner: [Maria](maria.md)\n',
    };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => [f.file, f.text]), [['maria.md', 'owner']]);
    assert.match(found[0]!.message, /4 active initiatives.*: A, B, c, d\./);
  });

  it('counts only planned, in-progress and blocked initiatives (a missing or invalid status is planned)', () => {
    const statuses = ['planned', 'in-progress', 'blocked', 'proposed', 'done', 'dropped'];
    const yaml = 'owners:\n  - id: sam\ninitiatives:\n' + statuses.map((s, i) => `  - id: S${i}\n    owner: sam\n    status: ${s}\n`).join('');
    assert.deepEqual(findingsOf(RULE, { 'p.strategy.yaml': yaml }), []);
    const withMore = { 'p.strategy.yaml': yaml, 'q.md': '## Initiative: Unset\n- Owner: @sam\n\n## Initiative: Odd\n- Owner: @sam\n- Status: doing\n' };
    const found = findingsOf(RULE, withMore);
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /5 active initiatives, more than its capacity of 3 \(the default\): odd, S0, S1, S2, unset/);
  });

  it('takes `capacity` from the configuration, but an owner’s own capacity wins', () => {
    const files = {
      'owners.strategy.yaml': 'owners:\n  - id: busy\n  - id: strong\n    capacity: 4\n',
      'plan.strategy.yaml': initiatives(3, 'busy', 'B') + initiatives(3, 'strong', 'S').replace('initiatives:\n', ''),
    };
    assert.deepEqual(findingsOf(RULE, files), []);
    const found = findingsOf(RULE, files, { rules: { [RULE]: ['error', { capacity: 2 }] } });
    assert.deepEqual(found.map((f) => [f.text, f.severity]), [['busy', 'error']]);
    assert.match(found[0]!.message, /capacity of 2 \(the owner-load `capacity` option\)/);
  });

  it('reports an undeclared owner at each of its initiatives’ owner values, in YAML and Markdown', () => {
    const files = {
      'plan.strategy.yaml': initiatives(3, '"@bob"'),
      'more.md': '### Project: Fourth\n- Owner: bob\n',
    };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => [f.file, f.line, f.text]).sort(), [['more.md', 2, 'bob'], ['plan.strategy.yaml', 3, '"@bob"'], ['plan.strategy.yaml', 5, '"@bob"'], ['plan.strategy.yaml', 7, '"@bob"']]);
    assert.match(found[0]!.message, /@bob carries 4 active initiatives, more than the capacity of 3: fourth, I1, I2, I3.*declare @bob/);
    assert.deepEqual(findingsOf(RULE, files, { rules: { [RULE]: ['warning', { capacity: 4 }] } }), []);
  });

  it('counts an initiative once even when it names its owner twice', () => {
    const files = { 'p.strategy.yaml': 'owners:\n  - id: x\n    capacity: 1\ninitiatives:\n  - id: I\n    owner: [x, "@x"]\n' };
    assert.deepEqual(findingsOf(RULE, files), []);
  });

  it('declares its option in meta', async () => {
    const { rule } = await import('../../server/src/rules/owner-load.js');
    assert.deepEqual(rule.meta.defaultOptions, { capacity: 3, count: 'initiatives' });
    assert.ok((rule.meta.optionsSchema as { properties: Record<string, unknown> }).properties.capacity);
  });

  it('counts effort instead of initiatives with `count: effort`, capacity in the effort unit', () => {
    const files = {
      'owners.strategy.yaml': 'owners:\n  - id: "@maria"\n    capacity: 6\n',
      'plan.strategy.yaml': 'initiatives:\n  - { id: A, owner: "@maria", effort: 4 }\n  - { id: B, owner: "@maria", effort: 3 }\n  - { id: C, owner: "@maria", effort: 9, status: done }\n',
    };
    assert.deepEqual(findingsOf(RULE, files), [], 'two initiatives are within a capacity of 6 initiatives');
    const found = findingsOf(RULE, files, { effortUnit: 'people', rules: { [RULE]: ['warning', { count: 'effort' }] } });
    assert.deepEqual(found.map((f) => f.text), ['"@maria"']);
    assert.match(found[0]!.message, /^Owner @maria carries 7 people of effort in 2 active initiatives, more than its capacity of 6 people \(its `capacity`\)/);
    const lighter = { ...files, 'plan.strategy.yaml': files['plan.strategy.yaml'].replace('effort: 4', 'effort: 3') };
    assert.deepEqual(findingsOf(RULE, lighter, { rules: { [RULE]: ['warning', { count: 'effort' }] } }), []);
  });

  it('is silenced by suppression comments', () => {
    const files = {
      'owners.strategy.yaml': 'owners:\n  # strategy-lint-disable-next-line owner-load\n  - id: "@maria"\n    capacity: 1\n',
      'plan.strategy.yaml': initiatives(2, '"@maria"'),
      'undeclared.md': '<!-- strategy-lint-disable owner-load -->\n## Initiative: A\n- Owner: @zed\n## Initiative: B\n- Owner: @zed\n## Initiative: C\n- Owner: @zed\n## Initiative: D\n- Owner: @zed\n',
    };
    assert.deepEqual(findingsOf(RULE, files), []);
  });
});
