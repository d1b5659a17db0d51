// Entry point of the extension in desktop VS Code (package.json → main): the language server runs
// as a Node process. The web entry is browserExtension.ts; both share activate.ts.
import type * as vscode from 'vscode';
import { activateExtension, deactivateExtension } from './activate.js';
import type { StrategyLintApi } from './api.js';
import { nodeServer } from './nodeServer.js';

export function activate(context: vscode.ExtensionContext): StrategyLintApi {
  return activateExtension(context, nodeServer(context.asAbsolutePath('dist/server.cjs')));
}

export const deactivate = deactivateExtension;
