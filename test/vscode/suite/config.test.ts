// The workspace's .strategylint.yaml: a change re-lints every file; an invalid config is shown as a
// diagnostic on the config file. These tests write files, so they run only on a scratch copy of
// samples/acme (test/vscode/runTest.ts makes one), and restore the original config after each test.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { allStrategyDiagnostics, ruleOf, strategyDiagnostics } from './helpers/diagnostics.js';
import { workspaceLinted } from './helpers/extension.js';
import { waitFor } from './helpers/wait.js';
import { fileUri, mayWriteFiles } from './helpers/workspace.js';

const CONFIG = '.strategylint.yaml';

const countOf = (rule: string) =>
  allStrategyDiagnostics().reduce((n, [, ds]) => n + ds.filter((d) => ruleOf(d) === rule).length, 0);

describe('configuration', () => {
  let original: Uint8Array | undefined;

  before(async function () {
    if (!mayWriteFiles()) {
      console.warn('configuration tests skipped: the workspace is a git checkout, not a scratch copy');
      this.skip();
    }
    await workspaceLinted();
    original = await vscode.workspace.fs.readFile(fileUri(CONFIG));
  });

  afterEach(async () => {
    if (original) await vscode.workspace.fs.writeFile(fileUri(CONFIG), original);
  });

  async function writeConfig(text: string): Promise<void> {
    await vscode.workspace.fs.writeFile(fileUri(CONFIG), new TextEncoder().encode(text));
  }

  it('re-lints the whole workspace when the config changes on disk', async () => {
    await waitFor(() => countOf('focus-limit') > 0, { message: 'focus-limit findings with max: 3' });
    await waitFor(() => countOf('metric-balance') > 0, { message: 'metric-balance findings' });

    await writeConfig('today: 2027-02-01\nrules:\n  focus-limit: [warning, { max: 10 }]\n  metric-balance: off\n');
    await waitFor(() => countOf('focus-limit') === 0 && countOf('metric-balance') === 0, {
      message: 'focus-limit and metric-balance gone from every file',
    });

    await vscode.workspace.fs.writeFile(fileUri(CONFIG), original!);
    await waitFor(() => countOf('focus-limit') > 0 && countOf('metric-balance') > 0, { message: 'the findings back' });
  });

  it('reports an invalid config as a diagnostic on the config file, and clears it once fixed', async () => {
    const config = fileUri(CONFIG);
    assert.deepEqual(strategyDiagnostics(config), []);
    await writeConfig('today: 2027-02-01\nrules:\n  focus-limit: sometimes\n');
    const diagnostic = await waitFor(() => strategyDiagnostics(config)[0], { message: 'a diagnostic on the config file' });
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /focus-limit|sometimes/);
    assert.equal(diagnostic.range.start.line, 2, 'at the invalid value');

    await vscode.workspace.fs.writeFile(config, original!);
    await waitFor(() => strategyDiagnostics(config).length === 0, { message: 'the config diagnostic gone' });
  });
});
