import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lintWithCache } from '../../server/src/cli/cachedLint.js';
import { discoverWorkspace, loadWorkspace } from '../../server/src/cli/workspace.js';
import type { Finding } from '../../server/src/model/finding.js';
import { workspace } from './cli.js';

/**
 * Quick fixes that list candidates from the whole workspace (objectives to link, declared owners)
 * change when another file changes what it declares, though the finding's file is not affected:
 * a --cache run re-checks exactly the rules whose candidates the change can move.
 */
function coldFindings(root: string): [string, Finding[]][] {
  const loaded = loadWorkspace({ paths: [root] });
  const all = loaded.engine.lintAll();
  return loaded.reported.map((f) => [f, all.get(f) ?? []]);
}

function cachedRun(root: string) {
  const linted = lintWithCache(discoverWorkspace({ paths: [root] }), { location: path.join(root, '.strategylintcache'), strategy: 'content', warn: (m) => assert.fail(m) });
  return { findings: linted.reported.map((f): [string, Finding[]] => [f, linted.findings.get(f) ?? []]), stats: linted.stats };
}

function edit(root: string, file: string, from: string, to: string): void {
  const text = readFileSync(path.join(root, file), 'utf8');
  assert.ok(text.includes(from), `${file} has ${from}`);
  writeFileSync(path.join(root, file), text.replace(from, to));
}

const fixTitles = (findings: [string, Finding[]][], ruleId: string) => findings.flatMap(([, list]) => list.filter((f) => f.ruleId === ruleId).flatMap((f) => (f.fixes ?? []).map((x) => x.title)));

const PEOPLE = `owners:
  - id: "@ana"
  - id: "@raj"
`;
const PLAN = `objectives:
  - id: OBJ-growth
    title: Grow the self-serve funnel
    owner: "@ana"
    initiatives:
      - id: INIT-checkout
        title: Faster checkout
        owner: "@ana"
      - id: INIT-docs
        title: Better docs
        owner: "@raj"
`;
const PRD = `---\nkind: prd\nid: PRD-pricing\nowner: "@raj"\n---\n# Pricing page experiments\n\nSome prose.\n`;
const ORPHAN = `initiatives:\n  - id: INIT-orphan\n    title: Orphan work\n    objective: OBJ-growth\n`;

describe('CLI --cache: fixes listing workspace candidates', () => {
  const files = { '.strategylint.yaml': 'today: 2027-02-01\n', 'people.strategy.yaml': PEOPLE, 'plan.strategy.yaml': PLAN, 'prd.md': PRD, 'orphan.strategy.yaml': ORPHAN };

  it('a title elsewhere made like a PRD\'s reorders its link candidates', () => {
    const root = workspace(files);
    const first = cachedRun(root);
    assert.deepEqual(first.findings, coldFindings(root));
    edit(root, 'plan.strategy.yaml', 'title: Faster checkout', 'title: Pricing page experiments rollout');
    const warm = cachedRun(root);
    const cold = coldFindings(root);
    assert.notDeepEqual(fixTitles(cold, 'prd-link'), fixTitles(first.findings, 'prd-link'), 'the edit moves the candidates');
    assert.deepEqual(warm.findings, cold);
    // The PRD is not among the files the engine says the edit affects: its prd-link findings alone are re-checked.
    assert.deepEqual([warm.stats.linted, warm.stats.rechecked], [3, 1]);
  });

  it('a title elsewhere that stays unlike a PRD\'s, of a candidate it does not list, re-checks no PRD', () => {
    // More initiatives than a PRD lists: INIT-zeta ranks after those listed, and a title sharing no word with the PRD's keeps it there.
    const more = `initiatives:\n${['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'].map((w) => `  - id: INIT-${w}\n    title: ${w} work\n    objective: OBJ-growth\n    owner: "@ana"\n`).join('')}`;
    const root = workspace({ ...files, 'more.strategy.yaml': more });
    const first = cachedRun(root);
    assert.ok(!fixTitles(first.findings, 'prd-link').some((t) => t.includes('INIT-zeta')), fixTitles(first.findings, 'prd-link').join('\n'));
    edit(root, 'more.strategy.yaml', 'title: zeta work', 'title: zeta work, second try');
    const warm = cachedRun(root);
    assert.deepEqual(warm.findings, coldFindings(root));
    assert.equal(warm.stats.rechecked, 0);
    // Made like the PRD's title, it is listed: the PRD is re-checked.
    edit(root, 'more.strategy.yaml', 'title: zeta work, second try', 'title: Pricing page experiments');
    const like = cachedRun(root);
    assert.deepEqual(like.findings, coldFindings(root));
    assert.equal(like.stats.rechecked, 1);
    assert.ok(fixTitles(like.findings, 'prd-link').some((t) => t.includes('INIT-zeta')));
  });

  it('an objective\'s owner changed puts its owner first among an owner-less initiative\'s candidates', () => {
    const root = workspace(files);
    const first = cachedRun(root);
    edit(root, 'plan.strategy.yaml', 'title: Grow the self-serve funnel\n    owner: "@ana"', 'title: Grow the self-serve funnel\n    owner: "@raj"');
    const warm = cachedRun(root);
    const cold = coldFindings(root);
    assert.notDeepEqual(fixTitles(cold, 'initiative-owner'), fixTitles(first.findings, 'initiative-owner'), 'the edit moves the candidates');
    assert.deepEqual(warm.findings, cold);
  });

  it('a new owner declared joins the candidates everywhere; prose edits re-check nothing', () => {
    const root = workspace(files);
    cachedRun(root);
    edit(root, 'people.strategy.yaml', '  - id: "@raj"\n', '  - id: "@raj"\n  - id: "@zoe"\n');
    const warm = cachedRun(root);
    assert.deepEqual(warm.findings, coldFindings(root));
    assert.ok(fixTitles(warm.findings, 'initiative-owner').some((t) => t.includes('@zoe')));
    edit(root, 'prd.md', 'Some prose.', 'Some more prose, over\nthree\nlines.');
    const prose = cachedRun(root);
    assert.deepEqual(prose.findings, coldFindings(root));
    assert.deepEqual([prose.stats.parsed, prose.stats.rechecked], [1, 0]);
  });

  it('an edit that only moves what a file declares (a line inserted above it) re-checks no candidates', () => {
    const work = '# Work\n\n## Initiative: Faster search\n- id: INIT-search\n- Owner: @ana\n- Objective: OBJ-growth\n- Status: planned\n';
    const root = workspace({ ...files, 'work.md': work });
    cachedRun(root);
    edit(root, 'work.md', '# Work\n', '# Work\n\nWhat the search team does this half, in more words than before.\n');
    const moved = cachedRun(root);
    assert.deepEqual(moved.findings, coldFindings(root));
    // The orphan's owner candidates and the PRD's link candidates stand: only the edited file and what it links to are linted.
    assert.deepEqual([moved.stats.parsed, moved.stats.linted, moved.stats.rechecked], [1, 3, 0]);
  });
});
