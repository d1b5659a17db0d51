// The extension under test and the API its activate() returns.
import * as vscode from 'vscode';
import type { StrategyLintApi } from '../../../../client/src/api.js';
import { waitForDiagnostic } from './diagnostics.js';
import { fileUri } from './workspace.js';

/** publisher.name from client/package.json. */
export const EXTENSION_ID = 'strategy-lint.strategy-lint';

/** Activates the extension (if need be) and waits for its language server. */
export async function strategyLint(): Promise<StrategyLintApi> {
  const extension = vscode.extensions.getExtension<StrategyLintApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
  const api = await extension.activate();
  await api.whenReady();
  return api;
}

/**
 * Waits until the server has checked the whole workspace: a file nobody opens (a PRD with no
 * link) has its diagnostic. Tests that count on the initial state start with this.
 */
export async function workspaceLinted(): Promise<StrategyLintApi> {
  const api = await strategyLint();
  await waitForDiagnostic(fileUri('prds/smart-invoicing.md'), 'prd-link', undefined, 60_000);
  return api;
}
