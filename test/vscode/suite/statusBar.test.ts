// The status bar item: strategy-lint's error/warning counts over the whole workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { allStrategyDiagnostics } from './helpers/diagnostics.js';
import { workspaceLinted } from './helpers/extension.js';
import { waitFor } from './helpers/wait.js';
import { openDocument, replaceInDocument, revertAll } from './helpers/workspace.js';

function expectedCounts() {
  const all = allStrategyDiagnostics().flatMap(([, ds]) => ds);
  const of = (severity: vscode.DiagnosticSeverity) => all.filter((d) => d.severity === severity).length;
  return { errors: of(vscode.DiagnosticSeverity.Error), warnings: of(vscode.DiagnosticSeverity.Warning), infos: of(vscode.DiagnosticSeverity.Information) };
}

describe('status bar', () => {
  before(workspaceLinted);
  afterEach(revertAll);

  it('shows the workspace\'s error and warning counts, and opens Problems on click', async () => {
    const { statusBar } = await workspaceLinted();
    const counts = await waitFor(() => {
      const expected = expectedCounts();
      return JSON.stringify(statusBar.counts) === JSON.stringify(expected) ? expected : undefined;
    }, { message: 'the status bar to count every strategy-lint diagnostic' });
    assert.ok(counts.errors > 0 && counts.warnings > 0, 'samples/acme has errors and warnings');
    assert.ok(statusBar.visible);
    assert.match(statusBar.text, new RegExp(`\\$\\(error\\) ${counts.errors} \\$\\(warning\\) ${counts.warnings}`));
    assert.match(statusBar.tooltip, new RegExp(`${counts.errors} errors, ${counts.warnings} warnings`));
    await vscode.commands.executeCommand('workbench.actions.view.problems'); // the item's command
  });

  it('follows the diagnostics as they change', async () => {
    const { statusBar } = await workspaceLinted();
    await waitFor(() => statusBar.counts.errors === expectedCounts().errors, { message: 'settled counts' });
    const before = statusBar.counts.errors;
    const plan = await openDocument('strategy/company-2027.strategy.yaml');
    await replaceInDocument(plan, 'status: planed', 'status: planned'); // fixes one invalid-value error
    await waitFor(() => statusBar.counts.errors === before - 1, { message: `${before - 1} errors in the status bar` });
    assert.match(statusBar.text, new RegExp(`\\$\\(error\\) ${before - 1} `));
  });
});
