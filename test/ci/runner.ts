import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Just enough of a CI runner to run the `run:` steps of our action and documented pipelines for
 * real: bash with GitHub's flags, GITHUB_ENV / GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, and the
 * few expressions our files use (`inputs.x`, `steps.x.outputs.y`, `github.…`, `always()`, `==`,
 * `!=`, `&&`, `||`, quoted strings). Anything else is an error: the files must stay this simple.
 */
export interface Context {
  inputs: Record<string, string>;
  github: Record<string, string>;
  steps: Record<string, Record<string, string>>;
}

export function evaluate(expression: string, context: Context): string | boolean {
  const orParts = splitTop(expression, '||');
  if (orParts.length > 1) {
    for (const part of orParts) {
      const value = evaluate(part, context);
      if (value) return value;
    }
    return '';
  }
  const andParts = splitTop(expression, '&&');
  if (andParts.length > 1) return andParts.every((p) => Boolean(evaluate(p, context)));
  const comparison = /^(.*?)\s*(==|!=)\s*(.*)$/.exec(expression.trim());
  if (comparison) {
    const [left, right] = [evaluate(comparison[1]!, context), evaluate(comparison[3]!, context)];
    return comparison[2] === '==' ? left === right : left !== right;
  }
  const term = expression.trim();
  if (term === 'always()') return true;
  const quoted = /^'(.*)'$/.exec(term);
  if (quoted) return quoted[1]!;
  const input = /^inputs\.([\w-]+)$/.exec(term);
  if (input) return context.inputs[input[1]!] ?? '';
  const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(term);
  if (output) return context.steps[output[1]!]?.[output[2]!] ?? '';
  const github = /^github\.([\w.]+)$/.exec(term);
  if (github) return context.github[github[1]!] ?? '';
  throw new Error(`expression the test runner does not know: ${term}`);
}

function splitTop(expression: string, operator: string): string[] {
  return expression.split(operator).map((s) => s.trim());
}

/** Replaces every `${{ … }}` in a string. */
export function interpolate(text: string, context: Context): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => String(evaluate(expr, context)));
}

export interface StepRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one bash script the way GitHub does (`bash --noprofile --norc -eo pipefail`). */
export function runBash(script: string, cwd: string, env: Record<string, string>): StepRun {
  const dir = mkdtempSync(path.join(tmpdir(), 'strategy-lint-step-'));
  try {
    const file = path.join(dir, 'step.sh');
    writeFileSync(file, script);
    const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], { cwd, env, encoding: 'utf8', timeout: 120_000 });
    if (run.error) throw run.error;
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `KEY=value` lines of a GITHUB_ENV / GITHUB_OUTPUT file. */
export function keyValues(file: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) result[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return result;
}
