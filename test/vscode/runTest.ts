// Runs the extension-host suite (test/vscode/suite) inside VS Code through @vscode/test-electron's
// runTests(). The suite is loaded from its CommonJS bundle, out/test/vscode-bundle/suite/index.js
// (scripts/build.mjs; VS Code require()s extensionTestsPath and the repo root is ESM), else from
// tsc's out/test/vscode/suite/index.js.
//
// VS Code cannot be downloaded on this machine, so by default runTests() is pointed
// (vscodeExecutablePath) at scripts/e2e/fake-code.mjs, which runs the very same suite in
// code-server + Chromium (install it first: node scripts/e2e/install.mjs). With
// VSCODE_E2E_DOWNLOAD=1 runTests() downloads a real VS Code instead (VSCODE_E2E_VERSION picks it).
//
// The suite gets STRATEGY_LINT_E2E_REPORT: the file to write its mocha report to (mocha's `json`
// reporter with reporterOption.output), because in code-server the extension host's console only
// reaches the browser. This runner prints a summary of it after the run.
// STRATEGY_LINT_E2E_EXTENSION / STRATEGY_LINT_E2E_SUITE override the extension folder / suite file.
import { runTests } from '@vscode/test-electron';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..'); // from out/test/vscode
const artifactsDir = resolve(process.env.STRATEGY_LINT_E2E_ARTIFACTS || join(repoRoot, '.e2e-artifacts'));

/** The extension's folder: client/ (where its package.json is), or an explicit override. */
function extensionPath(): string {
  if (process.env.STRATEGY_LINT_E2E_EXTENSION) return resolve(process.env.STRATEGY_LINT_E2E_EXTENSION);
  return existsSync(join(repoRoot, 'client', 'package.json')) ? join(repoRoot, 'client') : repoRoot;
}

function suitePath(): string {
  if (process.env.STRATEGY_LINT_E2E_SUITE) return resolve(process.env.STRATEGY_LINT_E2E_SUITE);
  const candidates = ['vscode-bundle', 'vscode'].map((dir) => join(repoRoot, 'out', 'test', dir, 'suite', 'index.js'));
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`no compiled suite (${candidates.join(', ')}): run npm run build`);
  return found;
}

/** A temporary copy of samples/acme, so the suite may edit and save files without touching the repo. */
function copyWorkspace(): { folder: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'strategy-lint-suite-'));
  const folder = join(root, 'acme');
  cpSync(join(repoRoot, 'samples', 'acme'), folder, { recursive: true });
  return { folder, remove: () => rmSync(root, { recursive: true, force: true }) };
}

interface MochaTest { fullTitle: string; err?: { message?: string; stack?: string } }
interface MochaReport { stats?: { passes: number; failures: number; pending: number; duration: number }; failures?: MochaTest[] }

function printReport(file: string): void {
  if (!existsSync(file)) {
    console.log(`[runTest] the suite wrote no report to ${file}`);
    return;
  }
  const text = readFileSync(file, 'utf8');
  let report: MochaReport;
  try {
    report = JSON.parse(text) as MochaReport;
  } catch {
    console.log(text); // not mocha's JSON: show it as it is
    return;
  }
  const { stats, failures = [] } = report;
  if (stats) {
    console.log(`[runTest] ${stats.passes} passing, ${stats.failures} failing, ${stats.pending} pending (${stats.duration} ms)`);
  }
  for (const test of failures) {
    console.log(`  ✗ ${test.fullTitle}\n    ${(test.err?.stack ?? test.err?.message ?? '').replaceAll('\n', '\n    ')}`);
  }
}

async function main(): Promise<number> {
  const download = process.env.VSCODE_E2E_DOWNLOAD === '1';
  const reportFile = join(artifactsDir, 'vscode-suite', 'mocha-report.json');
  mkdirSync(dirname(reportFile), { recursive: true });
  rmSync(reportFile, { force: true });
  const workspace = copyWorkspace();
  try {
    await runTests({
      ...(download
        ? { version: process.env.VSCODE_E2E_VERSION || 'stable' }
        : { vscodeExecutablePath: join(repoRoot, 'scripts', 'e2e', 'fake-code.mjs') }),
      extensionDevelopmentPath: extensionPath(),
      extensionTestsPath: suitePath(),
      extensionTestsEnv: { STRATEGY_LINT_E2E_REPORT: reportFile },
      // Only the extension under development: no other installed extension interferes.
      launchArgs: [workspace.folder, '--disable-extensions'],
    });
    return 0;
  } catch (error) {
    console.error(`[runTest] ${(error as Error).message}`);
    return 1;
  } finally {
    printReport(reportFile);
    workspace.remove();
  }
}

process.exitCode = await main();
