// Entry point of the extension-host suite: VS Code (under @vscode/test-electron, or code-server via
// scripts/e2e/fake-code.mjs) loads this file's CommonJS bundle, out/test/vscode-bundle/suite/index.js,
// and calls run(). Mocha runs every *.test.js next to it. The spec report goes to the console; a
// mocha JSON report goes to the file named by STRATEGY_LINT_TEST_REPORT (or STRATEGY_LINT_E2E_REPORT),
// because in code-server the extension host's console only reaches the browser.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';

function reportFile(): string | undefined {
  return process.env.STRATEGY_LINT_TEST_REPORT || process.env.STRATEGY_LINT_E2E_REPORT || undefined;
}

/** Spec on the console and, when asked for, mocha's JSON report in a file. */
class SuiteReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    new Mocha.reporters.Spec(runner, options);
    const output = reportFile();
    if (output) new Mocha.reporters.JSON(runner, { ...options, reporterOption: { output } } as Mocha.MochaOptions);
  }
}

export function run(): Promise<void> {
  // Reporters print with console.log('%s', …); in code-server that console is the browser's, which
  // shows format strings unexpanded, so expand them here.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    // Generous: the first test waits for the server to index the workspace on a slow machine.
    timeout: Number(process.env.MOCHA_TIMEOUT) || 60_000,
    reporter: SuiteReporter,
    ...(process.env.MOCHA_GREP ? { grep: process.env.MOCHA_GREP } : {}),
  });
  // The bundle sits in out/test/vscode-bundle/suite/, next to the bundled test files.
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
