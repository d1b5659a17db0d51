// The commands of the extension (package.json → contributes.commands).
import * as vscode from 'vscode';
import { fixAllInDocument } from './fixAll.js';
import type { ServerController } from './languageServer.js';
import { RELINT_REQUEST } from './protocol.js';
import { ReportPanel } from './reportPanel.js';
import type { StrategyTreeProvider } from './strategyTree.js';

export interface CommandTargets {
  server: ServerController;
  tree: StrategyTreeProvider;
  output: vscode.LogOutputChannel;
}

function notRunningMessage(server: ServerController): string {
  return server.state === 'disabled'
    ? 'strategy-lint is disabled (setting strategyLint.enable).'
    : 'The strategy-lint language server is not running. Run "Strategy Lint: Restart Language Server".';
}

export function registerCommands({ server, tree, output }: CommandTargets): vscode.Disposable[] {
  const register = (id: string, run: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, run);
  return [
    register('strategyLint.restartServer', async () => {
      output.info('Restarting the language server (command).');
      await server.restart();
    }),

    register('strategyLint.lintWorkspace', async () => {
      const client = server.languageClient;
      if (!client) {
        void vscode.window.showWarningMessage(notRunningMessage(server));
        return;
      }
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'strategy-lint: checking the workspace' },
        () => client.sendRequest(RELINT_REQUEST),
      );
    }),

    register('strategyLint.fixAllInFile', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage('Open a Markdown or YAML strategy file to fix its problems.');
        return false;
      }
      const fixed = await fixAllInDocument(editor.document);
      if (!fixed) void vscode.window.showInformationMessage('No auto-fixable strategy-lint problems in this file.');
      return fixed;
    }),

    register('strategyLint.showOutput', () => output.show(true)),

    register('strategyLint.focusStrategyView', () => vscode.commands.executeCommand('strategyLint.strategyView.focus')),

    register('strategyLint.refreshStrategyView', () => tree.refresh()),

    register('strategyLint.showReport', () => {
      if (!server.languageClient) void vscode.window.showWarningMessage(notRunningMessage(server));
      ReportPanel.show(server);
    }),
  ];
}
