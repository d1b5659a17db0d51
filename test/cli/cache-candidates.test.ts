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
    // A retitle re-checks the plan alone (the owners and the orphan read nothing of it that changed), and
    // the PRD is not among the files it affects: its prd-link findings alone are re-checked.
    assert.deepEqual([warm.stats.linted, warm.stats.rechecked], [1, 1]);
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
    // The orphan's owner candidates and the PRD's link candidates stand, and no finding elsewhere points
    // into the edited file (what it links to reads nothing of it that moved): only the edited file is linted.
    assert.deepEqual([moved.stats.parsed, moved.stats.linted, moved.stats.rechecked], [1, 1, 0]);
  });
});

describe('CLI --cache: an edit that only moves or retitles what a file declares', () => {
  // @ana can carry one initiative: the owners file's owner-load finding lists both of hers, in area.md.
  // The portfolio links to them (depends-on), and area.md serves its objective.
  const AREA = '# Area\n\n### Initiative: First thing\n- id: INIT-a\n- owner: @ana\n- objective: OBJ-x\n- status: in-progress\n\n### Initiative: Second thing\n- id: INIT-b\n- owner: @ana\n- objective: OBJ-x\n- status: in-progress\n';
  const OWNERS = 'owners:\n  - id: "@ana"\n    capacity: 1\n';
  const PORTFOLIO = 'objectives:\n  - id: OBJ-x\n    title: Grow\n    owner: "@ana"\ninitiatives:\n  - id: INIT-p\n    title: Portfolio work\n    objective: OBJ-x\n    depends-on: [INIT-a, INIT-b]\n';
  const files = { '.strategylint.yaml': 'today: 2027-02-01\n', 'area.md': AREA, 'owners.strategy.yaml': OWNERS, 'portfolio.strategy.yaml': PORTFOLIO };
  const at = (findings: [string, Finding[]][], file: string, ruleId: string) => findings.find(([f]) => f.endsWith(file))![1].filter((f) => f.ruleId === ruleId);

  it('re-checks the file alone: the owners file\'s finding has the places it lists moved, the files linking to it keep theirs', () => {
    const root = workspace(files);
    const first = cachedRun(root);
    assert.equal(at(first.findings, 'owners.strategy.yaml', 'owner-load').length, 1, 'the owners file has a finding that lists area.md\'s places');
    // A longer title and a paragraph above the second initiative: everything below moves.
    edit(root, 'area.md', '### Initiative: First thing\n', '### Initiative: First thing, renamed\n\nWhy it matters, in a few more words.\n');
    const warm = cachedRun(root);
    const cold = coldFindings(root);
    assert.deepEqual(warm.findings, cold);
    const related = at(warm.findings, 'owners.strategy.yaml', 'owner-load')[0]!.related!;
    assert.notDeepEqual(related.map((r) => r.span), at(first.findings, 'owners.strategy.yaml', 'owner-load')[0]!.related!.map((r) => r.span), 'the places it lists moved');
    // area.md alone is linted; the portfolio, whose findings name none of area.md's places, keeps its own.
    assert.deepEqual([warm.stats.parsed, warm.stats.linted, warm.stats.moved], [1, 1, 1]);
  });

  it('re-checks what links to the file when it changes what it declares', () => {
    const root = workspace(files);
    cachedRun(root);
    edit(root, 'area.md', '- id: INIT-b\n- owner: @ana\n- objective: OBJ-x\n- status: in-progress\n', '- id: INIT-b\n- owner: @ana\n- objective: OBJ-x\n- status: dropped\n');
    const warm = cachedRun(root);
    assert.deepEqual(warm.findings, coldFindings(root));
    assert.deepEqual([warm.stats.parsed, warm.stats.linted], [1, 3]);
  });

  it('re-checks a reference written as a title when only the title\'s case changed (its fix names the title)', () => {
    const root = workspace({ ...files, 'wrong.strategy.yaml': 'initiatives:\n  - id: INIT-w\n    title: Wrong link\n    objective: Grow the funnel\n' });
    edit(root, 'portfolio.strategy.yaml', 'title: Grow\n', 'title: Grow the funnel\n');
    cachedRun(root);
    edit(root, 'portfolio.strategy.yaml', 'title: Grow the funnel\n', 'title: Grow The Funnel\n');
    const warm = cachedRun(root);
    assert.deepEqual(warm.findings, coldFindings(root));
    assert.ok(fixTitles(warm.findings, 'unresolved-reference').includes("Replace with objective 'OBJ-x' (Grow The Funnel)"), fixTitles(warm.findings, 'unresolved-reference').join('\n'));
  });

  it('re-checks what links to a heading anchor the retitle changed', () => {
    const linked = { ...files, 'notes.strategy.yaml': 'initiatives:\n  - id: INIT-n\n    title: Notes\n    objective: OBJ-x\n    depends-on: ["[first](area.md#initiative-first-thing)"]\n' };
    const root = workspace(linked);
    const first = cachedRun(root);
    assert.equal(at(first.findings, 'notes.strategy.yaml', 'unresolved-reference').length, 0, 'the anchor resolves before the edit');
    edit(root, 'area.md', '### Initiative: First thing\n', '### Initiative: First thing, renamed\n');
    const warm = cachedRun(root);
    assert.deepEqual(warm.findings, coldFindings(root));
    assert.equal(at(warm.findings, 'notes.strategy.yaml', 'unresolved-reference').length, 1, 'the link to the old anchor is broken');
  });
});
