import { strict as assert } from 'node:assert';
import { applyFix, findingsOf } from '../helpers/workspace.js';

const RULE = 'unknown-owner';
const owners = 'owners:\n  - id: "@maria"\n  - id: mario\n  - id: sam\n';

describe('rule unknown-owner', () => {
  it('reports an owner nobody declares at the value, on any kind, in YAML, front matter and headings', () => {
    const files = {
      'owners.strategy.yaml': owners,
      'plan.strategy.yaml': 'objectives:\n  - id: O\n    owner: "@marai"\n    key-results:\n      - id: K\n        owner: zed\ninitiatives:\n  - id: I\n    owner: "[[maira]]"\n',
      'prd.md': '---\nkind: prd\ninitiative: I\nowner: "@nobody"\n---\n# PRD\n',
      'goals.md': '## Initiative: Checkout\n- Owner: @samm\n',
    };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => [f.file, f.line, f.text]).sort(), [
      ['goals.md', 2, '@samm'],
      ['plan.strategy.yaml', 3, '"@marai"'],
      ['plan.strategy.yaml', 6, 'zed'],
      ['plan.strategy.yaml', 9, '"[[maira]]"'],
      ['prd.md', 4, '"@nobody"'],
    ]);
    const marai = found.find((f) => f.text === '"@marai"')!;
    assert.equal(marai.severity, 'warning');
    assert.match(marai.message, /Owner @marai is not declared.*Did you mean @maria, @mario\?.*declare @marai/);
  });

  it('stays silent while the workspace declares no owner at all', () => {
    assert.deepEqual(findingsOf(RULE, { 'plan.strategy.yaml': 'initiatives:\n  - id: I\n    owner: "@anyone"\n' }), []);
  });

  it('accepts declared owners written @x, x, [[x]] or as a link to the declaration', () => {
    const files = {
      'owners.strategy.yaml': owners,
      'team.md': '---\nkind: team\nid: "@org/payments"\n---\n# Payments\n',
      'plan.strategy.yaml': 'initiatives:\n  - id: A\n    owner: maria\n  - id: B\n    owner: "@sam"\n  - id: C\n    owner: "@org/payments"\n',
      'goals.md': '## Initiative: D\n- Owner: [[mario]]\n\n## Initiative: E\n- Owner: [Payments](team.md)\n',
    };
    assert.deepEqual(findingsOf(RULE, files), []);
  });

  it('reports an owner value that names an entity of another kind (kind-mismatch leaves owners alone)', () => {
    const files = { 'owners.strategy.yaml': owners, 'plan.strategy.yaml': 'objectives:\n  - id: O\ninitiatives:\n  - id: I\n    owner: O\n' };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => f.text), ['O']);
    assert.match(found[0]!.message, /Owner @O names objective 'O', not a declared owner/);
  });

  it('reports a Markdown link that leads to no owner, and suggests owners by the linked name', () => {
    const files = { 'owners.strategy.yaml': owners, 'goals.md': '## Initiative: X\n- Owner: [Maria](people/maira.md)\n' };
    const [finding] = findingsOf(RULE, files);
    assert.equal(finding!.text, '[Maria](people/maira.md)');
    assert.match(finding!.message, /does not lead to a declared owner\. Did you mean @maria\?/);
    const fixed = applyFix(files, finding!.finding);
    assert.equal(fixed['goals.md'], '## Initiative: X\n- Owner: @maria\n');
  });

  it('offers the closest declared owners first, then the others, as suggestions (not safe fixes)', () => {
    const files = { 'owners.strategy.yaml': owners, 'plan.strategy.yaml': 'initiatives:\n  - id: I\n    owner: "@marai"\n' };
    const [finding] = findingsOf(RULE, files);
    assert.deepEqual(finding!.finding.fixes!.map((f) => [f.title, f.safe]), [
      ["Replace '@marai' with '@maria'", false],
      ["Replace '@marai' with '@mario'", false],
      ["Replace '@marai' with '@sam'", false],
    ]);
  });

  it('offers at most five owners: the closest ones, then the first declared in order, none twice', () => {
    const many = 'owners:\n' + ['ada', 'bob', 'maria', 'cy', 'mario', 'dee', 'eve', 'fay'].map((id) => `  - id: ${id}\n`).join('');
    const files = { 'owners.strategy.yaml': many, 'plan.strategy.yaml': 'initiatives:\n  - id: I\n    owner: "@marai"\n' };
    const [finding] = findingsOf(RULE, files);
    assert.deepEqual(
      finding!.finding.fixes!.map((f) => f.title),
      ['@maria', '@mario', '@ada', '@bob', '@cy'].map((owner) => `Replace '@marai' with '${owner}'`),
    );
  });

  describe('fixes keep the way the owner was written', () => {
    const cases: [string, string, string, string][] = [
      ['double-quoted @ in YAML', 'plan.strategy.yaml', 'initiatives:\n  - id: I\n    owner: "@marai"\n', 'initiatives:\n  - id: I\n    owner: "@maria"\n'],
      ["single-quoted @ in YAML", 'plan.strategy.yaml', "initiatives:\n  - id: I\n    owner: '@marai'\n", "initiatives:\n  - id: I\n    owner: '@maria'\n"],
      ['bare handle in YAML', 'plan.strategy.yaml', 'initiatives:\n  - id: I\n    owner: marai\n', 'initiatives:\n  - id: I\n    owner: maria\n'],
      ['wiki link in YAML', 'plan.strategy.yaml', 'initiatives:\n  - id: I\n    owner: "[[marai]]"\n', 'initiatives:\n  - id: I\n    owner: "[[maria]]"\n'],
      ['@ in front matter', 'prd.md', '---\nkind: prd\nowner: "@marai"\n---\n# P\n', '---\nkind: prd\nowner: "@maria"\n---\n# P\n'],
      ['@ in a heading field list', 'goals.md', '## Initiative: X\n- Owner: @marai\n', '## Initiative: X\n- Owner: @maria\n'],
      ['wiki link in a heading field', 'goals.md', '## Initiative: X\n**Owner:** [[marai]]\n', '## Initiative: X\n**Owner:** [[maria]]\n'],
    ];
    for (const [name, path, before, after] of cases) {
      it(name, () => {
        const files = { 'owners.strategy.yaml': owners, [path]: before };
        const [finding] = findingsOf(RULE, files);
        const fixed = applyFix(files, finding!.finding);
        assert.equal(fixed[path], after);
        assert.deepEqual(findingsOf(RULE, fixed), []);
      });
    }
  });

  it('is silenced by suppression comments', () => {
    const files = {
      'owners.strategy.yaml': owners,
      'plan.strategy.yaml': 'initiatives:\n  - id: I\n    # strategy-lint-disable-next-line unknown-owner\n    owner: "@ghost"\n',
      'goals.md': '<!-- strategy-lint-disable-file unknown-owner -->\n## Initiative: X\n- Owner: @ghost\n',
    };
    assert.deepEqual(findingsOf(RULE, files), []);
  });

  it('follows the configured severity and can be turned off', () => {
    const files = { 'owners.strategy.yaml': owners, 'plan.strategy.yaml': 'initiatives:\n  - id: I\n    owner: ghost\n' };
    assert.equal(findingsOf(RULE, files, { rules: { [RULE]: 'error' } })[0]!.severity, 'error');
    assert.deepEqual(findingsOf(RULE, files, { rules: { [RULE]: 'off' } }), []);
  });
});
