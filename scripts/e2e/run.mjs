#!/usr/bin/env node
// `npm run test:e2e`: installs the e2e toolchain (cached), packages the extension, then runs
//   (a) the extension-host suite (test/vscode/suite) through @vscode/test-electron's runTests,
//       launched by out/test/vscode/runTest.js with scripts/e2e/fake-code.mjs as "VS Code";
//   (b) the UI flow (test/e2e/ui-flow.mjs) against the packaged .vsix, with the report webview,
//       then again with the extension in the browser's web worker extension host (--web);
//   (c) the printed HTML report in Chromium (test/e2e/report-html.mjs).
// Both run (one code-server at a time); the exit code is non-zero if anything failed.
//   --only=suite | --only=ui | --only=web | --only=report    run one of them
// STRATEGY_LINT_E2E_SKIP_PACKAGE=1 skips `npm run package` (harness development: use an existing
// .vsix or STRATEGY_LINT_E2E_VSIX).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { install } from './install.mjs';
import { artifactsDir, repoRoot } from './paths.mjs';

const log = (msg) => console.log(`[e2e] ${msg}`);
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const wanted = (part) => !only || only === part;
const timings = [];

/** Runs `fn`, records its duration and outcome; a thrown error or a false result is a failure. */
async function phase(name, fn) {
  log(`── ${name}`);
  const started = Date.now();
  let ok;
  try {
    ok = (await fn()) !== false;
  } catch (error) {
    console.error(`[e2e] ${name}: ${error.message}`);
    ok = false;
  }
  timings.push({ name, seconds: (Date.now() - started) / 1000, ok });
  return ok;
}

function run(cmd, args) {
  log(`$ ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit' }).status === 0;
}

function packageScriptExists() {
  return Boolean(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts?.package);
}

/** Newest modification time of the files under `dir` whose names end with `ext`. */
function newest(dir, ext) {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true })
    .filter((file) => file.endsWith(ext))
    .reduce((max, file) => Math.max(max, statSync(join(dir, file)).mtimeMs), 0);
}

/**
 * out/test/vscode/runTest.js must be compiled from the current sources (`npm run package` runs
 * the build today; this keeps --only and STRATEGY_LINT_E2E_SKIP_PACKAGE runs honest).
 */
function ensureCompiledRunner() {
  const sources = newest(join(repoRoot, 'test', 'vscode'), '.ts');
  const runner = join(repoRoot, 'out', 'test', 'vscode', 'runTest.js');
  if (existsSync(runner) && newest(join(repoRoot, 'out', 'test', 'vscode'), '.js') >= sources) return true;
  return run('npx', ['tsc', '-p', '.']);
}

function summary() {
  log('── summary');
  for (const { name, seconds, ok } of timings) log(`${ok ? '✓' : '✗'} ${name.padEnd(22)} ${seconds.toFixed(1).padStart(6)} s`);
  log(`artifacts in ${artifactsDir}`);
  return timings.every((t) => t.ok) ? 0 : 1;
}

async function main() {
  // Without the tools or a fresh package there is nothing meaningful to test: stop there.
  if (!(await phase('install', () => install()))) return summary();
  if (process.env.STRATEGY_LINT_E2E_SKIP_PACKAGE === '1') {
    log('skipping npm run package (STRATEGY_LINT_E2E_SKIP_PACKAGE=1)');
  } else if (!(await phase('package', () => {
    if (!packageScriptExists()) {
      throw new Error('package.json has no "package" script yet (STRATEGY_LINT_E2E_SKIP_PACKAGE=1 skips it)');
    }
    return run('npm', ['run', 'package']);
  }))) {
    return summary();
  }

  if (wanted('suite')) {
    await phase('extension-host suite', () => {
      if (!ensureCompiledRunner()) throw new Error('compiling the tests failed');
      // runTests spawns the fake executable directly: it must stay executable.
      chmodSync(join(repoRoot, 'scripts', 'e2e', 'fake-code.mjs'), 0o755);
      return run(process.execPath, [join(repoRoot, 'out', 'test', 'vscode', 'runTest.js')]);
    });
  }
  if (wanted('ui')) {
    await phase('UI flow', () => run(process.execPath, [join(repoRoot, 'test', 'e2e', 'ui-flow.mjs')]));
  }
  if (wanted('web')) {
    await phase('UI flow (web)', () => run(process.execPath, [join(repoRoot, 'test', 'e2e', 'ui-flow.mjs'), '--web']));
  }
  if (wanted('report')) {
    await phase('HTML report', () => run(process.execPath, [join(repoRoot, 'test', 'e2e', 'report-html.mjs')]));
  }
  return summary();
}

process.exitCode = await main();
