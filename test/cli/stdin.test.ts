import { strict as assert } from 'node:assert';
import path from 'node:path';
import { CLEAN_PLAN, ORPHAN_INITIATIVE, jsonOf, read, runCli, workspace } from './cli.js';

const TODAY = ['--today', '2027-02-01'];

describe('strategy-lint --stdin', () => {
  it('lints stdin as the file named by --stdin-filename, resolving references in its workspace', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'docs/other.md': '# Notes\n' });
    const run = runCli([...TODAY, '--stdin', '--stdin-filename', 'docs/new.strategy.yaml', '--format', 'json'], { cwd: root, input: ORPHAN_INITIATIVE });
    assert.equal(run.status, 1, run.stderr);
    const results = jsonOf(run);
    assert.deepEqual(results.map((r) => r.filePath), [path.join(root, 'docs', 'new.strategy.yaml')], 'only the stdin file is reported');
    // OBJ-smb and KR-activation are declared in plan.strategy.yaml: only the owner is missing.
    assert.deepEqual(results[0]!.messages.map((m) => `${m.line} ${m.ruleId}`), ['2 initiative-owner']);
  });

  it('uses stdin instead of the file on disk with that name', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'orphan.strategy.yaml': ORPHAN_INITIATIVE });
    const fixed = ORPHAN_INITIATIVE.replace('    metrics:', '    owner: "@maria"\n    metrics:');
    const run = runCli([...TODAY, '--stdin', '--stdin-filename', 'orphan.strategy.yaml', '--format', 'json'], { cwd: root, input: fixed });
    assert.equal(run.status, 0, run.stdout);
    assert.deepEqual(jsonOf(run)[0]!.messages, []);
    assert.equal(read(root, 'orphan.strategy.yaml'), ORPHAN_INITIATIVE, 'the file on disk is not touched');
  });

  it('finds the config from the stdin file name (§10.12)', () => {
    const root = workspace({
      'team/.strategylint.yaml': 'rules:\n  initiative-owner: warning\n',
      'team/plan.strategy.yaml': CLEAN_PLAN,
    });
    const run = runCli([...TODAY, '--stdin', '--stdin-filename', 'team/x.strategy.yaml', '--format', 'json'], { cwd: root, input: ORPHAN_INITIATIVE });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.deepEqual(jsonOf(run)[0]!.messages.map((m) => [m.ruleId, m.severity]), [['initiative-owner', 1]]);
  });

  it('without --stdin-filename lints stdin as Markdown', () => {
    const root = workspace({});
    const run = runCli([...TODAY, '--stdin', '--format', 'json'], { cwd: root, input: '## Initiative: Lonely\n- Owner: @x\n' });
    assert.equal(run.status, 1);
    const ruleIds = jsonOf(run).flatMap((r) => r.messages.map((m) => m.ruleId));
    assert.ok(ruleIds.includes('initiative-objective'), ruleIds.join());
  });

  it('--fix-dry-run prints the fixes for stdin; --fix is refused', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN });
    const input = 'initiatives:\n  - id: INIT-x\n    title: X\n    objective: OBJ-smb\n    owner: @maria\n    metrics: [KR-activation]\n';
    const dry = runCli([...TODAY, '--stdin', '--stdin-filename', 'x.strategy.yaml', '--fix-dry-run'], { cwd: root, input });
    assert.match(dry.stdout, /^--- x\.strategy\.yaml\n\+\+\+ x\.strategy\.yaml \(fixed\)\n@@ .*\n(?:.*\n)*-    owner: @maria\n\+    owner: "@maria"\n/);
    assert.equal(dry.status, 0, 'nothing would remain');
    const fix = runCli(['--stdin', '--fix'], { cwd: root, input });
    assert.equal(fix.status, 2);
    assert.match(fix.stderr, /--fix cannot rewrite stdin/);
  });

  it('exits 2 when stdin is not UTF-8', () => {
    const run = runCli(['--stdin', '--stdin-filename', 'a.md'], { cwd: workspace({}), input: Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]) });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^strategy-lint: a\.md: the file is not valid UTF-8 text/);
  });
});
