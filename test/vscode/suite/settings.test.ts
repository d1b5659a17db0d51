// The extension's own settings, changed as a user changes them (user settings of the test profile).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { allStrategyDiagnostics, waitForDiagnostic } from './helpers/diagnostics.js';
import { strategyLint, workspaceLinted } from './helpers/extension.js';
import { waitFor } from './helpers/wait.js';
import { fileUri } from './helpers/workspace.js';

const section = () => vscode.workspace.getConfiguration('strategyLint');

describe('settings', () => {
  before(workspaceLinted);

  afterEach(async () => {
    for (const key of ['enable', 'statusBar.enable']) await section().update(key, undefined, vscode.ConfigurationTarget.Global);
    await (await strategyLint()).whenReady();
  });

  it('strategyLint.enable off stops the server and clears its diagnostics, view and status bar; on brings them back', async () => {
    const api = await strategyLint();
    await section().update('enable', false, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.serverState === 'disabled', { message: 'the server to stop' });
    await waitFor(() => allStrategyDiagnostics().length === 0, { message: 'no strategy-lint diagnostics left' });
    await waitFor(async () => (await api.strategyTree.getChildren()).length === 0, { message: 'an empty Strategy view' });
    api.statusBar.update();
    assert.equal(api.statusBar.visible, false);

    await section().update('enable', true, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.serverState === 'running', { message: 'the server to start again' });
    await waitForDiagnostic(fileUri('prds/smart-invoicing.md'), 'prd-link');
    await waitFor(async () => (await api.strategyTree.getChildren()).length > 1, { message: 'the Strategy view filled again' });
  });

  it('strategyLint.statusBar.enable hides the status bar item without stopping anything', async () => {
    const api = await strategyLint();
    await waitFor(() => (api.statusBar.update(), api.statusBar.visible), { message: 'a visible status bar item' });
    await section().update('statusBar.enable', false, vscode.ConfigurationTarget.Global);
    await waitFor(() => !api.statusBar.visible, { message: 'the item hidden' });
    assert.equal(api.serverState, 'running');
    assert.ok(allStrategyDiagnostics().length > 0);
  });
});
