import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { git } from '../helpers/git.js';
import { runCli, workspace } from './cli.js';

const PLAN = `owners:
  - id: "@maria"
  - id: "@lee"
objectives:
  - id: OBJ-smb
    title: Become the default checkout for small businesses
    owner: "@maria"
    period: 2027-H1
    key-results:
      - id: KR-activation
        title: Raise SMB activation from 22% to 35%
        type: lagging
        baseline: 22
        target: 35
      - id: KR-ttv
        title: Cut time to value to one day
        type: leading
        baseline: 5
        target: 1
`;

const INITIATIVES = `# Initiatives

## Initiative: One-click onboarding
- id: INIT-one-click
- Owner: @maria
- Objective: OBJ-smb
- Metrics: KR-activation

## Initiative: Guided setup
- id: INIT-guided-setup
- Owner: @lee
- Objective: OBJ-smb
- Metrics: KR-activation
`;


/** Two commits: a clean plan, then one that orphans INIT-guided-setup (owner removed) and drops KR-ttv. */
function repository(): { root: string; status: string } {
  const root = workspace({ '.strategylint.yaml': 'today: 2027-02-01\nrules:\n  metric-balance: off\n', 'strategy/plan.strategy.yaml': PLAN, 'docs/initiatives.md': INITIATIVES, 'README.md': '# Planning\n' });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'plan');
  writeFileSync(path.join(root, 'strategy/plan.strategy.yaml'), PLAN.replace(/      - id: KR-ttv[\s\S]*$/, ''));
  writeFileSync(path.join(root, 'docs/initiatives.md'), INITIATIVES.replace('- Owner: @lee\n', ''));
  git(root, 'commit', '-q', '-am', 'orphan an initiative, drop a metric');
  return { root, status: git(root, 'status', '--porcelain') };
}

describe('report --compare GIT-REF (pull-request delta)', function () {
  // Each test runs the command several times: on a machine shared by many builds that takes a while.
  this.timeout(120_000);
  it('names exactly the changes of the last commit, in json', () => {
    const { root, status } = repository();
    const run = runCli(['report', '--compare', 'HEAD~1', '--format', 'json'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const delta = JSON.parse(run.stdout);
    assert.equal(delta.base.ref, 'HEAD~1');
    assert.match(delta.base.commit, /^[0-9a-f]{40}$/);
    assert.deepEqual(delta.coverage.initiativesWithOwner, { before: { count: 2, total: 2, percent: 100 }, after: { count: 1, total: 2, percent: 50 } });
    assert.deepEqual(delta.coverage.initiativesWithObjective.before, delta.coverage.initiativesWithObjective.after);
    assert.deepEqual(delta.orphans.new.map((o: { kind: string; id: string; missing: string[] }) => `${o.kind} ${o.id} ${o.missing}`), ['initiative INIT-guided-setup owner']);
    assert.deepEqual(delta.orphans.resolved, []);
    assert.deepEqual(delta.findings.new.map((f: { ruleId: string; location: { file: string; line: number } }) => `${f.ruleId} ${f.location.file}:${f.location.line}`), ['initiative-owner docs/initiatives.md:9']);
    assert.deepEqual(delta.findings.resolved, []);
    assert.deepEqual(delta.entities.removed, [{ kind: 'metric', id: 'KR-ttv', title: 'Cut time to value to one day', location: { file: 'strategy/plan.strategy.yaml', line: 15 } }]);
    assert.deepEqual([delta.entities.added, delta.entities.reparented, delta.entities.reowned], [[], [], []]);
    assert.equal(git(root, 'status', '--porcelain'), status, 'the work tree and index are untouched');
  });

  it('names the same changes in markdown, for the job summary', () => {
    const { root } = repository();
    const run = runCli(['report', '--compare', 'HEAD~1'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const text = run.stdout;
    assert.match(text, /^## Strategy changes since `HEAD~1` \([0-9a-f]{7}\)\n/);
    assert.match(text, /\| Initiatives with an owner \| 2\/2 \(100%\) \| 1\/2 \(50%\) \| ▼ 50 pts \|/);
    assert.match(text, /\| Initiatives with an objective \| 2\/2 \(100%\) \| 2\/2 \(100%\) \| = \|/);
    const sections = [...text.matchAll(/^### (.*)$/gm)].map((m) => m[1]);
    assert.deepEqual(sections, ['New orphans (1)', 'New findings (1)', 'Entities removed (1)']);
    assert.match(text, /- ⚠ initiative \*\*INIT-guided-setup\*\* Guided setup: no owner \(`docs\/initiatives\.md:9`\)/);
    assert.match(text, /- error `initiative-owner` `docs\/initiatives\.md:9`: Initiative 'INIT-guided-setup' has no owner/);
    assert.match(text, /- metric \*\*KR-ttv\*\* Cut time to value to one day \(`strategy\/plan\.strategy\.yaml:15`\)/);
  });

  it('sees re-parented and re-owned entities, and uncommitted edits of the work tree', () => {
    const { root } = repository();
    const plan = readFileSync(path.join(root, 'strategy/plan.strategy.yaml'), 'utf8');
    writeFileSync(path.join(root, 'strategy/plan.strategy.yaml'), plan + '  - id: OBJ-enterprise\n    title: Win enterprise\n    owner: "@lee"\n    period: 2027-H1\n');
    writeFileSync(path.join(root, 'docs/initiatives.md'), INITIATIVES.replace('- Owner: @maria\n- Objective: OBJ-smb', '- Owner: @lee\n- Objective: OBJ-enterprise'));
    const delta = JSON.parse(runCli(['report', '--compare', 'HEAD', '--format', 'json'], { cwd: root }).stdout);
    assert.deepEqual(delta.entities.added.map((e: { id: string }) => e.id), ['OBJ-enterprise']);
    assert.deepEqual(delta.entities.reparented.map((e: { id: string; before: string[]; after: string[] }) => `${e.id} ${e.before} -> ${e.after}`), ['INIT-one-click OBJ-smb -> OBJ-enterprise']);
    assert.deepEqual(delta.entities.reowned.map((e: { id: string; before: string[]; after: string[] }) => `${e.id} ${e.before} -> ${e.after}`), ['INIT-one-click @maria -> @lee']);
    assert.deepEqual(delta.orphans.resolved.map((o: { id: string }) => o.id), ['INIT-guided-setup']);
  });

  it('outside a git repository, or with an unknown ref: one clear line, exit 2', () => {
    const plain = workspace({ 'plan.strategy.yaml': PLAN });
    const outside = runCli(['report', '--compare', 'HEAD~1'], { cwd: plain, env: { GIT_CEILING_DIRECTORIES: path.dirname(plain) } });
    assert.equal(outside.status, 2);
    assert.match(outside.stderr, /^strategy-lint: --compare needs a git repository, and .* is not inside one\n$/);

    const { root } = repository();
    const unknown = runCli(['report', '--compare', 'no-such-branch'], { cwd: root });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^strategy-lint: --compare: git knows no commit "no-such-branch"/);
    assert.equal(runCli(['report', '--compare', 'HEAD', '--format', 'html'], { cwd: root }).status, 2);
  });
});
