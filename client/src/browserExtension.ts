// Entry point of the extension in VS Code for the web (package.json → browser: vscode.dev,
// github.dev, code-server's web extension host): the language server runs in a web worker.
import type * as vscode from 'vscode';
import { activateExtension, deactivateExtension } from './activate.js';
import type { StrategyLintApi } from './api.js';
import { browserServer } from './browserServer.js';

export function activate(context: vscode.ExtensionContext): StrategyLintApi {
  return activateExtension(context, browserServer(context.extensionUri));
}

export const deactivate = deactivateExtension;
