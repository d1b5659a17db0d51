import { strict as assert } from 'node:assert';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { REPO_ROOT, runCli, workspace, CLEAN_PLAN, ORPHAN_INITIATIVE, openToAll } from './cli.js';

const GITLAB_SCHEMA = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'ci', 'gitlab-code-quality.schema.json'), 'utf8'));

interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number; end: number } };
}

function acmeCopy(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'strategy-lint-ci-'));
  cpSync(path.join(REPO_ROOT, 'samples', 'acme'), root, { recursive: true });
  after(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

describe('CI formats: gitlab, SARIF fingerprints and invocations, several formats in one run', function () {
  // Each test runs the command several times: on a machine shared by many builds that takes a while.
  this.timeout(120_000);
  it('--format gitlab is a Code Quality report that validates against GitLab\'s schema', () => {
    const root = acmeCopy();
    const run = runCli(['--format', 'gitlab'], { cwd: root });
    assert.equal(run.status, 1);
    const issues = JSON.parse(run.stdout) as GitlabIssue[];
    const validate = new Ajv({ allErrors: true }).compile(GITLAB_SCHEMA);
    assert.ok(validate(issues), JSON.stringify(validate.errors, null, 2));
    // samples/acme's 42 findings (35 before the execution-health rules).
    assert.equal(issues.length, 42);
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, 42, 'fingerprints are unique');
    const pix = issues.find((i) => i.check_name === 'initiative-owner' && i.location.path === 'strategy/company-2027.strategy.yaml')!;
    assert.deepEqual([pix.severity, pix.location.lines.begin], ['major', 97]);
    assert.ok(issues.some((i) => i.severity === 'minor') && issues.some((i) => i.severity === 'info'));
  });

  it('fingerprints (GitLab and SARIF) stay the same when text moves, and differ for a new finding', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'more.strategy.yaml': ORPHAN_INITIATIVE });
    const gitlab = () => JSON.parse(runCli(['--format', 'gitlab'], { cwd: root }).stdout) as GitlabIssue[];
    const sarif = () => JSON.parse(runCli(['--format', 'sarif'], { cwd: root }).stdout).runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['strategyLint/v1']);
    const [before] = gitlab();
    const sarifBefore = sarif();
    writeFileSync(path.join(root, 'more.strategy.yaml'), '# moved down\n\n\n' + ORPHAN_INITIATIVE);
    const [after] = gitlab();
    assert.equal(after!.location.lines.begin, before!.location.lines.begin + 3);
    assert.equal(after!.fingerprint, before!.fingerprint);
    assert.deepEqual(sarif(), sarifBefore);
    writeFileSync(path.join(root, 'more.strategy.yaml'), ORPHAN_INITIATIVE.replace('INIT-orphan', 'INIT-other'));
    assert.notEqual(gitlab()[0]!.fingerprint, before!.fingerprint);
  });

  it('SARIF rules carry fullDescription and help from their docs page; invocations name unreadable files', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'more.strategy.yaml': ORPHAN_INITIATIVE, 'locked.strategy.yaml': ORPHAN_INITIATIVE.replace('INIT-orphan', 'INIT-locked') });
    const clean = JSON.parse(runCli(['--format', 'sarif'], { cwd: root }).stdout).runs[0];
    const rule = clean.tool.driver.rules.find((r: { id: string }) => r.id === 'initiative-owner');
    assert.match(rule.fullDescription.text, /^An initiative \(initiative or project\) whose owner field is absent/);
    assert.match(rule.help.text, /Why it matters: Work that nobody is accountable for does not get done/);
    assert.match(rule.help.markdown, /\[`unknown-owner`\]\(https:\/\/github\.com\/strategy-lint\/strategy-lint\/blob\/main\/docs\/rules\/unknown-owner\.md\)/);
    assert.deepEqual(clean.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);

    // As root nothing is unreadable: run as nobody then.
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    chmodSync(path.join(root, 'locked.strategy.yaml'), 0o000);
    openToAll(root);
    const run = runCli(['--format', 'sarif'], { cwd: root, ...(uid === undefined ? {} : { uid }) });
    assert.equal(run.status, 2);
    const [invocation] = JSON.parse(run.stdout).runs[0].invocations;
    assert.equal(invocation.executionSuccessful, false);
    assert.equal(invocation.toolExecutionNotifications.length, 1);
    assert.equal(invocation.toolExecutionNotifications[0].level, 'error');
    assert.match(invocation.toolExecutionNotifications[0].message.text, /^locked\.strategy\.yaml: /);
    assert.equal(invocation.toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri, 'locked.strategy.yaml');
  });

  it('-f github -f sarif:PATH -f gitlab:PATH prints one format and writes the others', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'more.strategy.yaml': ORPHAN_INITIATIVE });
    const run = runCli(['-f', 'github', '-f', 'sarif:reports/strategy.sarif', '--format', 'gitlab:gl-code-quality.json'], { cwd: root });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^::error file=more\.strategy\.yaml,line=2,/);
    assert.equal(JSON.parse(readFileSync(path.join(root, 'reports', 'strategy.sarif'), 'utf8')).runs[0].results.length, 1);
    assert.equal(JSON.parse(readFileSync(path.join(root, 'gl-code-quality.json'), 'utf8'))[0].check_name, 'initiative-owner');

    // Only NAME:PATH formats: stylish still goes to stdout.
    assert.match(runCli(['-f', 'json:out.json'], { cwd: root }).stdout, /1 problem \(1 error, 0 warnings\)/);
    const two = runCli(['-f', 'github', '-f', 'json'], { cwd: root });
    assert.equal(two.status, 2);
    assert.match(two.stderr, /only one format can be printed/);
    assert.match(runCli(['-f', 'gitlob'], { cwd: root }).stderr, /unknown format "gitlob" \(did you mean "gitlab"\?\)/);
  });
});
