import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { BIN, runCli, workspace, CLEAN_PLAN, ORPHAN_INITIATIVE } from './cli.js';
import { RULE_IDS } from '../../server/src/rules/ruleIds.js';

/** Runs the command under a pseudo-terminal (util-linux `script`), as a person at a terminal would. */
function runInTerminal(args: readonly string[], cwd: string, env: Record<string, string>): { status: number | null; output: string } {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const run = spawnSync('script', ['-qec', quoted, '/dev/null'], { cwd, encoding: 'utf8', env: { ...cleanEnv(), ...env }, timeout: 60_000 });
  if (run.error) throw run.error;
  return { status: run.status, output: run.stdout };
}

/** The environment without whatever CI system runs this suite, so a terminal run looks like a person's. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || ['CI', 'CONTINUOUS_INTEGRATION', 'BUILD_NUMBER', 'TF_BUILD', 'GITHUB_ACTIONS', 'GITLAB_CI', 'NO_COLOR', 'FORCE_COLOR'].includes(key)) continue;
    env[key] = value;
  }
  return env;
}

describe('explaining a run: --print-config, --list-rules, --stats, file count and progress', function () {
  // Each test runs the command several times: on a machine shared by many builds that takes a while.
  this.timeout(120_000);
  it('--print-config FILE prints the cascaded configuration for that file, with --rule and --today applied', () => {
    const root = workspace({
      '.strategylint.yaml': 'today: 2027-02-01\nignore: ["archive/**"]\nrules:\n  focus-limit: [warning, { max: 4 }]\n  metric-balance: off\n',
      'teams/growth/.strategylint.yaml': 'rules:\n  focus-limit: error\n  owner-load: [warning, { capacity: 2 }]\n',
      'teams/growth/plan.strategy.yaml': CLEAN_PLAN,
    });
    const run = runCli(['--print-config', 'teams/growth/plan.strategy.yaml', '--rule', 'unknown-owner:off', '--today', '2027-03-01'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const printed = JSON.parse(run.stdout);
    assert.equal(printed.file, 'teams/growth/plan.strategy.yaml');
    assert.equal(printed.workspaceRoot, '.');
    assert.deepEqual(printed.configFiles, ['.strategylint.yaml', 'teams/growth/.strategylint.yaml']);
    assert.equal(printed.today, '2027-03-01');
    assert.deepEqual(printed.ignore, ['archive/**']);
    assert.deepEqual(printed.rules['focus-limit'], ['error', { max: 4 }], 'a bare severity keeps the options set above');
    assert.deepEqual(printed.rules['owner-load'], ['warning', { capacity: 2, count: 'initiatives' }]); // the option set, over the rule's defaults
    assert.deepEqual(printed.rules['metric-balance'][0], 'off');
    assert.deepEqual(printed.rules['unknown-owner'][0], 'off');
    assert.deepEqual(Object.keys(printed.rules), [...RULE_IDS]);

    const top = JSON.parse(runCli(['--print-config', 'README.md'], { cwd: root }).stdout);
    assert.deepEqual(top.configFiles, ['.strategylint.yaml']);
    assert.deepEqual(top.rules['focus-limit'], ['warning', { max: 4 }]);
  });

  it('--list-rules lists every rule with its default and configured severity; --format json too', () => {
    const root = workspace({ '.strategylint.yaml': 'rules:\n  metric-balance: off\n  focus-limit: error\n' });
    const run = runCli(['--list-rules'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^rule\s+default\s+here\s+fix\s+finds$/);
    assert.equal(lines.length, RULE_IDS.length + 1);
    assert.match(run.stdout, /^metric-balance\s+info\s+off\s+no\s+\S/m);
    assert.match(run.stdout, /^focus-limit\s+warning\s+error\s+no\s+\S/m);
    assert.match(run.stdout, /^unknown-field\s+warning\s+warning\s+safe\s+\S/m);
    const rules = JSON.parse(runCli(['--list-rules', '--format', 'json'], { cwd: root }).stdout) as { id: string; severity: string; docsUrl: string }[];
    assert.deepEqual(rules.map((r) => r.id), [...RULE_IDS]);
    assert.equal(rules.find((r) => r.id === 'metric-balance')!.severity, 'off');
    assert.match(rules[0]!.docsUrl, /docs\/rules\/initiative-objective\.md$/);
  });

  it('--stats says what was read, linted, skipped and why, and the time per phase, on stderr', () => {
    const root = workspace({
      '.strategylint.yaml': 'ignore: ["archive/**"]\n',
      'plan.strategy.yaml': CLEAN_PLAN,
      'more.strategy.yaml': ORPHAN_INITIATIVE,
      'notes.md': '# Notes\n\nNothing declared.\n',
      'archive/old.strategy.yaml': CLEAN_PLAN,
    });
    const run = runCli(['plan.strategy.yaml', 'more.strategy.yaml', 'notes.md', 'archive/old.strategy.yaml', '--stats', '--format', 'json'], { cwd: root });
    assert.equal(run.status, 1);
    JSON.parse(run.stdout); // the report itself is untouched
    const lines = run.stderr.trimEnd().split('\n');
    assert.ok(lines.includes('strategy-lint: 3 files linted (2 taking part, 1 declaring nothing); 3 read (0 only for references); 1 finding reported, 0 suppressed'), run.stderr);
    assert.ok(lines.some((l) => /^strategy-lint: skipped: archive\/old\.strategy\.yaml \(.*ignore/.test(l)), run.stderr);
    assert.match(run.stderr, /^strategy-lint: time: discover \d+ ms, read and parse \d+ ms, lint \d+ ms, suppressions \d+ ms, output \d+ ms; total \d+ ms$/m);
  });

  it('prints no progress and no file count when stderr is not a terminal, even on a slow run', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN });
    const run = runCli([], { cwd: root, env: { STRATEGY_LINT_PROGRESS_DELAY_MS: '0', CI: undefined, GITHUB_ACTIONS: undefined } });
    assert.equal(run.status, 0);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, '');
  });

  it('in a terminal: a one-line file count, progress on long runs (erased before the report), none under CI', () => {
    const files: Record<string, string> = { 'plan.strategy.yaml': CLEAN_PLAN, 'more.strategy.yaml': ORPHAN_INITIATIVE };
    for (let i = 0; i < 30; i++) files[`notes/n${i}.md`] = `# Note ${i}\n`;
    const root = workspace(files);
    const quick = runInTerminal(['--no-color'], root, {});
    assert.equal(quick.status, 1);
    assert.match(quick.output, /strategy-lint: 32 files linted \(2 taking part\) in \d+ ms\r?\n$/);
    assert.doesNotMatch(quick.output, /reading/, 'a quick run shows no progress');

    const slow = runInTerminal(['--no-color'], root, { STRATEGY_LINT_PROGRESS_DELAY_MS: '0' });
    assert.match(slow.output, /\r\u001b\[2Kstrategy-lint: reading \d+\/32 files…/);
    assert.match(slow.output, /\r\u001b\[2K\r?\n?more\.strategy\.yaml/, 'the progress line is erased before the report');

    const ci = runInTerminal(['--no-color'], root, { STRATEGY_LINT_PROGRESS_DELAY_MS: '0', CI: 'true' });
    assert.doesNotMatch(ci.output, /reading|files linted/);
    assert.match(ci.output, /1 problem \(1 error, 0 warnings\)/);
  });
});
