// The extension's activation, shared by its desktop and web entries (extension.ts,
// browserExtension.ts): wires the language server, the Strategy view, the status bar and the
// commands together.
import * as vscode from 'vscode';
import type { StrategyLintApi } from './api.js';
import { registerCommands } from './commands.js';
import { ServerController, type ServerLauncher } from './languageServer.js';
import { SECTION, needsRestart, readSettings } from './settings.js';
import { StrategyStatusBar } from './statusBar.js';
import { StrategyTreeProvider } from './strategyTree.js';

let controller: ServerController | undefined;

function debounce(run: () => void, ms: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
}

export function activateExtension(context: vscode.ExtensionContext, launcher: ServerLauncher): StrategyLintApi {
  const output = vscode.window.createOutputChannel('Strategy Lint', { log: true });
  const server = (controller = new ServerController(launcher, output));
  const tree = new StrategyTreeProvider(() => server.languageClient);
  const treeView = vscode.window.createTreeView('strategyLint.strategyView', { treeDataProvider: tree, showCollapseAll: true });
  const statusBar = new StrategyStatusBar(() => {
    const settings = readSettings();
    return { state: server.state, enabled: settings.enable && settings.statusBar, hasStrategy: tree.topLevel.length > 0 };
  });

  if (!vscode.workspace.isTrusted) {
    output.info('Restricted Mode: a workspace value of strategyLint.nodePath is ignored; the bundled server runs on the extension host\'s runtime.');
  }

  let failureShown = false;
  const refreshTree = debounce(() => void tree.refresh(), 150);
  context.subscriptions.push(
    output,
    server,
    tree,
    treeView,
    statusBar,
    ...registerCommands({ server, tree, output }),
    server.onDidChangeStrategyTree(refreshTree),
    tree.onDidChangeTreeData(() => {
      treeView.message = tree.error ? `The Strategy view could not be loaded: ${tree.error}` : undefined;
      statusBar.update();
    }),
    server.onDidChangeState((state) => {
      statusBar.update();
      // Picks the Strategy view's welcome text (package.json → viewsWelcome).
      void vscode.commands.executeCommand('setContext', 'strategyLint.serverState', state);
      if (state === 'running') failureShown = false;
      if (state === 'failed' && !failureShown) {
        failureShown = true;
        void vscode.window
          .showErrorMessage('The strategy-lint language server stopped.', 'Show Output', 'Restart')
          .then((choice) => {
            if (choice === 'Show Output') output.show(true);
            if (choice === 'Restart') void server.restart().catch(() => undefined);
          });
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) return;
      const change = needsRestart(event) ? server.restart() : server.settingsChanged();
      void change.catch((error) => output.error(`Applying changed settings: ${String(error)}`));
      statusBar.update();
    }),
    // A granted trust may unlock a workspace value of strategyLint.nodePath.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      output.info('Workspace trusted: restarting the language server with the workspace settings.');
      void server.restart().catch(() => undefined);
    }),
  );

  void server.start().catch(() => undefined); // reported through the 'failed' state

  return {
    whenReady: () => server.whenStarted(),
    get serverState() {
      return server.state;
    },
    get languageClient() {
      return server.languageClient;
    },
    strategyTree: tree,
    statusBar,
  };
}

export async function deactivateExtension(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}
