import { strict as assert } from 'node:assert';
import path from 'node:path';
import { CLEAN_PLAN, ORPHAN_INITIATIVE, jsonOf, runCli, workspace } from './cli.js';

const severities = (stdout: string) => JSON.parse(stdout).flatMap((r: { messages: { ruleId: string; severity: number }[] }) => r.messages.map((m) => `${m.ruleId}:${m.severity}`));

describe('strategy-lint configuration (§7, §10.12)', () => {
  const files = { 'plan.strategy.yaml': CLEAN_PLAN, 'orphan.strategy.yaml': ORPHAN_INITIATIVE };

  it('uses the nearest .strategylint.* of the first path argument or its ancestors', () => {
    const root = workspace({ ...files, '.strategylint.yaml': 'rules:\n  initiative-owner: warning\n', 'sub/.strategylint.yml': 'rules:\n  initiative-owner: off\n', 'sub/x.md': '# Notes\n' });
    assert.deepEqual(severities(runCli(['--format', 'json'], { cwd: root }).stdout), ['initiative-owner:1']);
    // From sub/, the nearest config is sub/.strategylint.yml; its files are only sub/x.md.
    const fromSub = runCli(['--format', 'json', 'sub'], { cwd: root });
    assert.equal(fromSub.status, 0);
    // The config of the first path argument's folder governs, wherever the command runs.
    const elsewhere = runCli(['--format', 'json', root], { cwd: path.dirname(root) });
    assert.deepEqual(severities(elsewhere.stdout), ['initiative-owner:1']);
  });

  it('reads .json configs, and prefers .yaml over .yml over .json in one folder', () => {
    const json = workspace({ ...files, '.strategylint.json': '{ "rules": { "initiative-owner": "info" } }' });
    assert.deepEqual(severities(runCli(['--format', 'json'], { cwd: json }).stdout), ['initiative-owner:0']);
    const both = workspace({ ...files, '.strategylint.json': '{ "rules": { "initiative-owner": "info" } }', '.strategylint.yaml': 'rules:\n  initiative-owner: warning\n' });
    assert.deepEqual(severities(runCli(['--format', 'json'], { cwd: both }).stdout), ['initiative-owner:1']);
  });

  it('--config overrides the lookup; a missing --config file is exit 2', () => {
    const root = workspace({ ...files, '.strategylint.yaml': 'rules:\n  initiative-owner: warning\n', 'ci/strict.yaml': 'rules:\n  initiative-owner: off\n' });
    const run = runCli(['--format', 'json', '--config', 'ci/strict.yaml', '.'], { cwd: root });
    assert.equal(run.status, 0);
    assert.deepEqual(severities(run.stdout), []);
    const missing = runCli(['--config', 'nope.yaml'], { cwd: root });
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, 'strategy-lint: nope.yaml:1:1: cannot read config: no such file\n');
  });

  it('--rule overrides the config severity and keeps its options', () => {
    const root = workspace({ ...files, '.strategylint.yaml': 'rules:\n  initiative-owner: off\n' });
    assert.deepEqual(severities(runCli(['--format', 'json', '--rule', 'initiative-owner:error'], { cwd: root }).stdout), ['initiative-owner:2']);
  });

  it('today comes from the config, and --today overrides it', () => {
    const late = 'initiatives:\n  - id: INIT-late\n    title: Late\n    objective: OBJ-smb\n    owner: "@maria"\n    metrics: [KR-activation]\n    status: in-progress\n    due: 2027-03-01\n';
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'late.strategy.yaml': late, '.strategylint.yaml': 'today: 2027-06-01\n' });
    assert.ok(severities(runCli(['--format', 'json'], { cwd: root }).stdout).includes('schedule:1'), 'past due on 2027-06-01');
    assert.deepEqual(severities(runCli(['--format', 'json', '--today', '2027-02-01'], { cwd: root }).stdout), [], 'not yet due on 2027-02-01');
  });

  it('applies rule options from the config (focus-limit max)', () => {
    const objectives = ['A', 'B'].map((id) => `  - id: OBJ-${id}\n    title: ${id}\n    period: 2027-H1\n`).join('');
    const root = workspace({ 'o.strategy.yaml': `objectives:\n${objectives}`, '.strategylint.yaml': 'rules:\n  objective-initiatives: off\n  objective-metric: off\n  focus-limit: [warning, { max: 1 }]\n' });
    const run = runCli(['--format', 'json'], { cwd: root });
    assert.deepEqual(severities(run.stdout), ['focus-limit:1', 'focus-limit:1']);
  });

  it('an invalid config stops the run with every problem located (exit 2), never silently ignored', () => {
    const root = workspace({ ...files, '.strategylint.yaml': 'inclde: ["**/*.md"]\nfiscal-year-start: 13\nrules:\n  focus-limt: warning\n' });
    const run = runCli(['--format', 'json'], { cwd: root });
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.deepEqual(run.stderr.trimEnd().split('\n'), [
      'strategy-lint: .strategylint.yaml:1:1: unknown setting "inclde" (did you mean "include"?); allowed settings: root, include, ignore, today, fiscal-year-start, effort-unit, rules, presets, templates',
      'strategy-lint: .strategylint.yaml:2:20: fiscal-year-start: 13 is out of range; use a number from 1 to 12 (the month the fiscal year starts in)',
      'strategy-lint: .strategylint.yaml:4:3: unknown rule "focus-limt" (did you mean "focus-limit"?)',
    ]);
  });

  it('a config with YAML tags that construct objects is rejected, and runs nothing', () => {
    const root = workspace({ ...files, '.strategylint.yaml': 'today: !!js/function "function () { return 1 }"\n' });
    const run = runCli([], { cwd: root });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'strategy-lint: .strategylint.yaml:1:8: YAML tag !!js/function is not allowed: a config holds plain values only\n');
  });

  it('JSON output still works with a config present', () => {
    const root = workspace({ ...files, '.strategylint.yaml': 'fiscal-year-start: 4\n' });
    assert.equal(jsonOf(runCli(['--format', 'json'], { cwd: root })).length, 2);
  });
});
