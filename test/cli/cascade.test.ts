import { strict as assert } from 'node:assert';
import path from 'node:path';
import { CLEAN_PLAN, ORPHAN_INITIATIVE, jsonOf, locations, runCli, workspace } from './cli.js';

const TODAY = ['--today', '2027-02-01'];
/** Each reported message as `file:line rule:severity`. */
const verdicts = (run: ReturnType<typeof runCli>, root: string) =>
  jsonOf(run).flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath).split(path.sep).join('/')}:${m.line} ${m.ruleId}:${m.severity}`));

/** An initiative in Markdown that links to the objective and metric of CLEAN_PLAN, with no owner. */
const DOC_INITIATIVE = '## Initiative: Guided setup\n- id: INIT-guided\n- Objective: OBJ-smb\n- Metrics: KR-activation\n';

describe('workspace root and config cascade (§10.12)', () => {
  it('a nested config does not shrink the workspace: naming its folder still resolves references outside it', () => {
    const root = workspace({
      '.strategylint.yaml': '{}\n',
      'plan.strategy.yaml': CLEAN_PLAN,
      'docs/.strategylint.yaml': 'rules:\n  metric-balance: off\n',
      'docs/initiative.md': DOC_INITIATIVE,
    });
    const run = runCli([...TODAY, '--format', 'json', 'docs'], { cwd: root });
    assert.deepEqual(locations(run, root), ['docs/initiative.md:1 initiative-owner'], 'OBJ-smb and KR-activation resolve; only docs/ is reported');
  });

  it('the order of the path arguments never changes which config applies', () => {
    const root = workspace({
      '.strategylint.yaml': 'rules:\n  initiative-owner: warning\n',
      'plan.strategy.yaml': CLEAN_PLAN,
      'team/.strategylint.yaml': 'rules:\n  initiative-owner: info\n',
      'team/orphan.strategy.yaml': ORPHAN_INITIATIVE,
      'top-orphan.strategy.yaml': ORPHAN_INITIATIVE.replace('INIT-orphan', 'INIT-top'),
    });
    const one = runCli([...TODAY, '--format', 'json', 'team', 'top-orphan.strategy.yaml'], { cwd: root });
    const other = runCli([...TODAY, '--format', 'json', 'top-orphan.strategy.yaml', 'team'], { cwd: root });
    const expected = ['team/orphan.strategy.yaml:2 initiative-owner:0', 'top-orphan.strategy.yaml:2 initiative-owner:1'];
    assert.deepEqual(verdicts(one, root).sort(), expected);
    assert.deepEqual(verdicts(other, root).sort(), expected);
  });

  it('a subfolder config overrides the settings above for the files below it only; rules merge by id, keeping options', () => {
    const objectives = (prefix: string) => ['A', 'B', 'C'].map((id) => `  - id: OBJ-${prefix}${id}\n    title: ${id}\n    period: 2027-H1\n`).join('');
    const root = workspace({
      '.strategylint.yaml': 'rules:\n  objective-initiatives: off\n  objective-metric: off\n  focus-limit: [error, { max: 1 }]\n',
      'top.strategy.yaml': `objectives:\n${objectives('t')}`,
      'team/.strategylint.yaml': 'rules:\n  focus-limit: warning\n',
      'team/team.strategy.yaml': `objectives:\n${objectives('x')}`,
    });
    const run = runCli([...TODAY, '--format', 'json'], { cwd: root });
    const byFile = new Map(jsonOf(run).map((r) => [path.relative(root, r.filePath), r.messages.map((m) => `${m.ruleId}:${m.severity}`)]));
    // max 1 still applies in team/ (options kept), at the severity team/ sets; the top file keeps error.
    assert.deepEqual(byFile.get(path.join('team', 'team.strategy.yaml')), Array(3).fill('focus-limit:1'));
    assert.deepEqual(byFile.get('top.strategy.yaml'), Array(3).fill('focus-limit:2'));
  });

  it("a subfolder config's include and ignore are relative to its own folder, and its ignore adds to those above", () => {
    const objectiveMd = (id: string) => `## Objective: ${id}\n- id: ${id}\n`;
    const root = workspace({
      '.strategylint.yaml': 'ignore: ["drafts/**"]\n',
      'drafts/a.md': objectiveMd('A'),
      'team/.strategylint.yaml': 'ignore: ["old/**"]\n',
      'team/old/b.md': objectiveMd('B'),
      'team/drafts/c.md': objectiveMd('C'),
      'team/now.md': objectiveMd('NOW'),
      'old/d.md': objectiveMd('D'),
    });
    const files = jsonOf(runCli([...TODAY, '--format', 'json'], { cwd: root })).map((r) => path.relative(root, r.filePath).split(path.sep).join('/')).sort();
    assert.deepEqual(files, ['old/d.md', 'team/drafts/c.md', 'team/now.md']);
  });

  it('the workspace is the folder of the outermost config, unless a config below it says root: true', () => {
    const files = {
      '.strategylint.yaml': '{}\n',
      'plan.strategy.yaml': CLEAN_PLAN,
      'docs/initiative.md': DOC_INITIATIVE,
    };
    const seesAll = workspace({ ...files, 'docs/.strategylint.yaml': '{}\n' });
    assert.deepEqual(locations(runCli([...TODAY, '--format', 'json', '.'], { cwd: path.join(seesAll, 'docs') }), seesAll), ['docs/initiative.md:1 initiative-owner']);
    const own = workspace({ ...files, 'docs/.strategylint.yaml': 'root: true\n' });
    const run = runCli([...TODAY, '--format', 'json', '.'], { cwd: path.join(own, 'docs') });
    assert.deepEqual(
      locations(run, own).sort(),
      ['docs/initiative.md:1 initiative-owner', 'docs/initiative.md:3 unresolved-reference', 'docs/initiative.md:4 unresolved-reference'],
      'docs/ is a workspace of its own: the plan above it is not indexed',
    );
  });

  it('--config replaces the cascade: its settings govern every file, the subfolder configs are not read', () => {
    const root = workspace({
      '.strategylint.yaml': 'rules:\n  initiative-owner: warning\n',
      'plan.strategy.yaml': CLEAN_PLAN,
      'team/.strategylint.yaml': 'rules:\n  initiative-owner: off\n',
      'team/orphan.strategy.yaml': ORPHAN_INITIATIVE,
      'ci/strict.yaml': 'rules:\n  initiative-owner: info\n',
    });
    const run = runCli([...TODAY, '--format', 'json', '--config', 'ci/strict.yaml'], { cwd: root });
    assert.deepEqual(verdicts(run, root), ['team/orphan.strategy.yaml:2 initiative-owner:0']);
  });

  it('an invalid subfolder config stops the run (exit 2) naming it', () => {
    const root = workspace({ '.strategylint.yaml': '{}\n', 'plan.strategy.yaml': CLEAN_PLAN, 'team/.strategylint.yaml': 'rules:\n  focus-limt: warning\n', 'team/a.md': DOC_INITIATIVE });
    const run = runCli(['--format', 'json'], { cwd: root });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^strategy-lint: team\/\.strategylint\.yaml:2:3: unknown rule "focus-limt"/);
  });
});
