import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { git } from '../helpers/git.js';
import { BIN, CLEAN_PLAN, REPO_ROOT } from '../cli/cli.js';
import { evaluate, runBash, type Context, type StepRun } from './runner.js';

/** The YAML block after `<!-- ci-example: NAME -->` in docs/ci.md. */
function example(name: string): Record<string, unknown> {
  const docs = readFileSync(path.join(REPO_ROOT, 'docs', 'ci.md'), 'utf8');
  const match = new RegExp(`<!-- ci-example: ${name} -->\\n\`\`\`yaml\\n([\\s\\S]*?)\`\`\``).exec(docs);
  assert.ok(match, `docs/ci.md has a ${name} example`);
  return parse(match[1]!) as Record<string, unknown>;
}


const temps: string[] = [];
after(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));
function temp(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}


/**
 * A clone whose `origin` (a bare repository) has `main` with a clean plan, checked out on a branch
 * that adds an initiative nobody owns: what a merge request looks like to CI.
 */
function mergeRequestClone(): string {
  const base = temp('strategy-lint-origin-');
  const work = path.join(base, 'work');
  mkdirSync(path.join(work, 'strategy'), { recursive: true });
  writeFileSync(path.join(work, '.strategylint.yaml'), 'today: 2027-02-01\n');
  writeFileSync(path.join(work, 'strategy', 'plan.strategy.yaml'), CLEAN_PLAN);
  git(work, 'init', '-q', '-b', 'main');
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', 'plan');
  git(base, 'clone', '-q', '--bare', 'work', 'origin.git');
  git(base, 'clone', '-q', 'origin.git', 'clone');
  const clone = path.join(base, 'clone');
  git(clone, 'checkout', '-q', '-b', 'feature');
  writeFileSync(path.join(clone, 'bets.md'), '# Bets\n\n## Initiative: Referrals\n- id: INIT-referrals\n- Objective: OBJ-smb\n- Metrics: KR-activation\n');
  git(clone, 'add', '-A');
  git(clone, 'commit', '-q', '-m', 'a bet nobody owns');
  return clone;
}

/** `npx strategy-lint …` and `npm ci` as in a repository where strategy-lint is a devDependency (already installed here). */
function shims(): string {
  const dir = temp('strategy-lint-shims-');
  const write = (name: string, body: string) => {
    writeFileSync(path.join(dir, name), `#!/usr/bin/env bash\n${body}\n`);
    chmodSync(path.join(dir, name), 0o755);
  };
  write('strategy-lint', `exec "${process.execPath}" "${BIN}" "$@"`);
  write('npx', 'exec "$@"');
  write('npm', '[ "$1" = ci ] || { echo "npm $*: not available in this test" >&2; exit 1; }');
  return dir;
}

function environment(extra: Record<string, string>): Record<string, string> {
  return { ...(process.env as Record<string, string>), PATH: `${shims()}:${process.env.PATH}`, NO_COLOR: '1', ...extra };
}

interface GitLabIssue {
  check_name: string;
  location: { path: string; lines: { begin: number } };
}

describe('docs/ci.md examples, run on a merge-request-like repository', function () {
  this.timeout(120_000);

  it('GitHub Actions: annotations, SARIF for upload and the delta in the job summary', () => {
    const workflow = example('github') as { jobs: Record<string, { steps: { name?: string; run?: string; uses?: string; if?: string }[] }> };
    const clone = mergeRequestClone();
    const summary = path.join(temp('strategy-lint-gh-'), 'summary.md');
    writeFileSync(summary, '');
    const env = environment({ GITHUB_BASE_REF: 'main', GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: 'true' });
    const context: Context = { inputs: {}, github: {}, steps: {} };
    const runs: (StepRun & { name: string })[] = [];
    const used: string[] = [];
    let failed = false;
    for (const step of Object.values(workflow.jobs)[0]!.steps) {
      if (!(step.if ? evaluate(step.if, context) : !failed)) continue;
      if (step.uses) {
        used.push(step.uses.split('@')[0]!);
        continue;
      }
      const run = runBash(step.run!, clone, env);
      runs.push({ name: step.name ?? step.run!, ...run });
      if (run.status !== 0) failed = true;
    }
    assert.deepEqual(used, ['actions/checkout', 'actions/setup-node', 'github/codeql-action/upload-sarif']);
    assert.deepEqual(runs.map((r) => [r.name, r.status]), [['npm ci', 0], ['Lint', 1], ['Strategy delta', 0]]);
    const annotations = runs[1]!.stdout.trim().split('\n');
    assert.deepEqual(annotations.map((a) => /^::error file=([^,]+),line=(\d+),.*title=strategy-lint \(([\w-]+)\)::/.exec(a)?.slice(1).join(' ')), ['bets.md 3 initiative-owner']);
    assert.equal(JSON.parse(readFileSync(path.join(clone, 'strategy-lint.sarif'), 'utf8')).runs[0].results[0].ruleId, 'initiative-owner');
    const delta = readFileSync(summary, 'utf8');
    assert.match(delta, /^## Strategy changes since `origin\/main`/);
    assert.match(delta, /\| Initiatives with an owner \| 1\/1 \(100%\) \| 1\/2 \(50%\) \| ▼ 50 pts \|/);
    assert.match(delta, /### New orphans \(1\)\n\n- ⚠ initiative \*\*INIT-referrals\*\* Referrals: no owner \(`bets\.md:3`\)/);
  });

  it('GitLab CI/CD: a Code Quality report that validates against GitLab\'s schema, JUnit, and the delta as an artifact', () => {
    const job = example('gitlab')['strategy-lint'] as { script: string[]; after_script: string[]; artifacts: { paths: string[]; reports: Record<string, string> } };
    const clone = mergeRequestClone();
    const env = environment({ CI: 'true', GITLAB_CI: 'true', CI_PIPELINE_SOURCE: 'merge_request_event', CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main' });
    const script = runBash(job.script.join('\n'), clone, env);
    assert.equal(script.status, 1, script.stderr);
    assert.match(script.stdout, /bets\.md\n\s+3:1\s+error\s+Initiative 'INIT-referrals' has no owner/, 'the log shows stylish');
    const afterScript = runBash(job.after_script.join('\n'), clone, env);
    assert.equal(afterScript.status, 0, afterScript.stderr);

    const codeQuality = JSON.parse(readFileSync(path.join(clone, job.artifacts.reports.codequality!), 'utf8')) as GitLabIssue[];
    const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'ci', 'gitlab-code-quality.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    assert.ok(validate(codeQuality), JSON.stringify(validate.errors));
    assert.deepEqual(codeQuality.map((i) => `${i.check_name} ${i.location.path}:${i.location.lines.begin}`), ['initiative-owner bets.md:3']);
    const junit = readFileSync(path.join(clone, job.artifacts.reports.junit!), 'utf8');
    assert.match(junit, /<testsuites name="strategy-lint" tests="\d+" failures="1"/);
    const delta = readFileSync(path.join(clone, job.artifacts.paths[0]!), 'utf8');
    assert.match(delta, /### New orphans \(1\)/);
  });

  it('Azure Pipelines: JUnit results and the delta uploaded as a build summary', () => {
    const pipeline = example('azure') as { steps: { script?: string; task?: string; checkout?: string; displayName?: string; condition?: string }[] };
    const clone = mergeRequestClone();
    const staging = temp('strategy-lint-azure-');
    const variables: Record<string, string> = { 'Build.ArtifactStagingDirectory': staging, 'System.PullRequest.TargetBranchName': 'main', 'Build.Reason': 'PullRequest' };
    const macros = (text: string) => text.replace(/\$\(([\w.]+)\)/g, (_, name: string) => variables[name] ?? assert.fail(`unknown variable ${name}`));
    let failed = false;
    const condition = (text: string | undefined): boolean => {
      const expr = (text ?? 'succeeded()').replace(/\s+/g, '');
      const call = /^(\w+)\((.*)\)$/.exec(expr);
      assert.ok(call, `condition ${text}`);
      const args = splitArgs(call[2]!);
      switch (call[1]) {
        case 'always':
          return true;
        case 'succeeded':
          return !failed;
        case 'and':
          return args.every(condition);
        case 'eq': {
          const values = args.map((a) => {
            const variable = /^variables\['(.+)'\]$/.exec(a)?.[1];
            return variable ? variables[variable] : a.replace(/^'|'$/g, '');
          });
          return values[0] === values[1];
        }
      }
      return assert.fail(`condition ${text}`);
    };
    const env = environment({ TF_BUILD: 'True' });
    const ran: (StepRun & { name: string })[] = [];
    const tasks: string[] = [];
    for (const step of pipeline.steps) {
      if (!condition(step.condition)) continue;
      if (step.checkout) continue;
      if (step.task) {
        tasks.push(step.task);
        continue;
      }
      const run = runBash(macros(step.script!), clone, env);
      ran.push({ name: step.displayName!, ...run });
      if (run.status !== 0) failed = true;
    }
    assert.deepEqual(tasks, ['PublishTestResults@2']);
    assert.deepEqual(ran.map((r) => [r.name, r.status]), [['Install', 0], ['strategy-lint', 1], ['Strategy delta', 0]]);
    const junit = readFileSync(path.join(staging, 'strategy-lint.xml'), 'utf8');
    assert.match(junit, /<testcase name="initiative-owner \(3:1\)" classname="bets\.md"/);
    const upload = /^##vso\[task\.uploadsummary\](.+)$/m.exec(ran[2]!.stdout);
    assert.ok(upload && existsSync(upload[1]!), ran[2]!.stdout);
    assert.match(readFileSync(upload[1]!, 'utf8'), /### New orphans \(1\)\n\n- ⚠ initiative \*\*INIT-referrals\*\*/);
  });
});

function splitArgs(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(' || text[i] === '[') depth++;
    else if (text[i] === ')' || text[i] === ']') depth--;
    else if (text[i] === ',' && depth === 0) {
      args.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (text.length) args.push(text.slice(start));
  return args;
}
