import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { git } from '../helpers/git.js';
import { CLEAN_PLAN, REPO_ROOT, workspace } from '../cli/cli.js';
import { interpolate, evaluate, keyValues, runBash, type Context } from './runner.js';

interface ActionStep {
  name: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as Action;



/** A repository whose second commit adds an initiative with no owner. */
function fixtureRepository(): string {
  const root = workspace({ '.strategylint.yaml': 'today: 2027-02-01\n', 'strategy/plan.strategy.yaml': CLEAN_PLAN });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'plan');
  writeFileSync(path.join(root, 'docs.md'), '# Bets\n\n## Initiative: Referrals\n- id: INIT-referrals\n- Objective: OBJ-smb\n- Metrics: KR-activation\n');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'a bet nobody owns');
  return root;
}

/** Runs the action's steps as a runner would: `run:` steps for real, `uses:` steps recorded only. */
function runAction(root: string, inputs: Record<string, string>, base: string) {
  const files = mkdtempSync(path.join(tmpdir(), 'strategy-lint-runner-'));
  after(() => rmSync(files, { recursive: true, force: true }));
  const [envFile, summary] = [path.join(files, 'env'), path.join(files, 'summary.md')];
  writeFileSync(envFile, '');
  writeFileSync(summary, '');
  const withDefaults: Record<string, string> = {};
  const context: Context = { inputs: withDefaults, github: { action_path: REPO_ROOT, 'event.pull_request.base.sha': base }, steps: {} };
  for (const [name, input] of Object.entries(action.inputs)) withDefaults[name] = inputs[name] ?? interpolate(input.default ?? '', context);

  const ran: { name: string; status: number | null; stdout: string; stderr: string }[] = [];
  const used: string[] = [];
  let failed = false;
  for (const step of action.runs.steps) {
    const condition = step.if ? evaluate(step.if.replace(/^\$\{\{\s*|\s*\}\}$/g, ''), context) : !failed;
    if (!condition) continue;
    if (step.uses) {
      used.push(step.uses);
      continue;
    }
    assert.equal(step.shell, 'bash', `${step.name}: composite run steps need a shell`);
    const outputFile = path.join(files, `output-${ran.length}`);
    writeFileSync(outputFile, '');
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      ...keyValues(envFile),
      GITHUB_ENV: envFile,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_ACTION_PATH: REPO_ROOT,
      NO_COLOR: '1',
    };
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = interpolate(value, context);
    const cwd = path.resolve(root, interpolate(step['working-directory'] ?? '.', context));
    const run = runBash(step.run!, cwd, env);
    ran.push({ name: step.name, ...run });
    if (step.id) context.steps[step.id] = keyValues(outputFile);
    if (run.status !== 0) failed = true;
  }
  return { ran, used, summary: readFileSync(summary, 'utf8'), outputs: Object.fromEntries(Object.entries(action.outputs).map(([k, v]) => [k, interpolate(v.value, context)])) };
}

describe('action.yml (composite GitHub Action), its steps run on a fixture repository', function () {
  this.timeout(120_000);

  it('is a composite action whose inputs all have defaults', () => {
    assert.equal(action.runs.using, 'composite');
    for (const [name, input] of Object.entries(action.inputs)) assert.ok('default' in input, `${name} has a default`);
  });

  it('annotates the pull request, writes SARIF for upload, puts the delta in the job summary, and fails the job on errors', () => {
    const root = fixtureRepository();
    const { ran, used, summary, outputs } = runAction(root, { sarif: 'true' }, 'HEAD~1');
    assert.deepEqual(ran.map((r) => r.name), ['Install strategy-lint', 'Lint', 'Strategy delta in the job summary', 'Result']);
    assert.deepEqual(used, ['github/codeql-action/upload-sarif@v3']);
    const lint = ran.find((r) => r.name === 'Lint')!;
    const annotations = lint.stdout.split('\n').filter(Boolean);
    assert.deepEqual(annotations.map((l) => /^::(\w+) file=([^,]+),line=(\d+)/.exec(l)?.slice(1).join(' ')), ['error docs.md 3']);
    assert.match(annotations[0]!, /title=strategy-lint \(initiative-owner\)::Initiative 'INIT-referrals' has no owner/);
    const sarif = JSON.parse(readFileSync(path.join(root, 'strategy-lint.sarif'), 'utf8'));
    assert.equal(sarif.runs[0].results.length, 1);
    assert.match(summary, /^## Strategy changes since `HEAD~1`/);
    assert.match(summary, /### New orphans \(1\)\n\n- ⚠ initiative \*\*INIT-referrals\*\* Referrals: no owner/);
    assert.match(summary, /### Entities added \(1\)/);
    assert.equal(outputs['exit-code'], '1');
    assert.equal(ran.at(-1)!.status, 1, 'the job fails after the summary is written');
  });

  it('on a clean repository without a base (a push), passes without SARIF or summary', () => {
    const root = fixtureRepository();
    writeFileSync(path.join(root, 'docs.md'), '# Notes\n');
    const { ran, used, summary, outputs } = runAction(root, { args: '--max-warnings 0' }, '');
    assert.deepEqual(ran.map((r) => [r.name, r.status]), [['Install strategy-lint', 0], ['Lint', 0], ['Result', 0]]);
    assert.deepEqual(used, []);
    assert.equal(summary, '');
    assert.equal(outputs['exit-code'], '0');
  });

  it('.pre-commit-hooks.yaml declares node hooks for strategy files only', () => {
    const hooks = parse(readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files?: string }[];
    assert.deepEqual(hooks.map((h) => [h.id, h.entry, h.language]), [['strategy-lint', 'strategy-lint', 'node'], ['strategy-lint-all', 'strategy-lint', 'node']]);
    const files = new RegExp(hooks[0]!.files!);
    assert.deepEqual(['docs/plan.md', 'plan.strategy.yaml', 'x.strategy.yml', '.github/workflows/ci.yml', 'config.yaml'].map((f) => files.test(f)), [true, true, true, false, false]);
  });
});
