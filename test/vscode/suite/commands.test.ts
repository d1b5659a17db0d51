// The commands of the extension, run as the Command Palette runs them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { strategyDiagnostics, waitForDiagnostic } from './helpers/diagnostics.js';
import { strategyLint, workspaceLinted } from './helpers/extension.js';
import { waitFor } from './helpers/wait.js';
import { fileUri } from './helpers/workspace.js';

const COMMANDS = [
  'strategyLint.restartServer',
  'strategyLint.lintWorkspace',
  'strategyLint.fixAllInFile',
  'strategyLint.showOutput',
  'strategyLint.focusStrategyView',
  'strategyLint.refreshStrategyView',
];

describe('commands', () => {
  before(workspaceLinted);

  it('are all registered', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of COMMANDS) assert.ok(registered.has(command), command);
  });

  it('Restart Language Server starts a new server that lints the workspace again', async () => {
    const before = (await strategyLint()).languageClient;
    await vscode.commands.executeCommand('strategyLint.restartServer');
    const api = await strategyLint();
    assert.equal(api.serverState, 'running');
    assert.notEqual(api.languageClient, before, 'a new client');
    await waitForDiagnostic(fileUri('prds/smart-invoicing.md'), 'prd-link');
  });

  it('Lint Workspace re-checks and keeps the findings', async () => {
    await vscode.commands.executeCommand('strategyLint.lintWorkspace');
    await waitFor(() => strategyDiagnostics(fileUri('prds/smart-invoicing.md'), 'prd-link').length === 1, {
      message: 'the PRD finding after a re-lint',
    });
  });

  it('Show Strategy View, Refresh Strategy View and Show Output run', async () => {
    await vscode.commands.executeCommand('strategyLint.focusStrategyView');
    await vscode.commands.executeCommand('strategyLint.refreshStrategyView');
    const roots = await (await strategyLint()).strategyTree.getChildren();
    assert.ok(roots.length > 1, 'the refreshed view has objectives');
    await vscode.commands.executeCommand('strategyLint.showOutput');
  });
});
