// "Fix all auto-fixable problems in file": applies the server's source.fixAll.strategyLint action.
import * as vscode from 'vscode';
import { FIX_ALL_KIND } from './protocol.js';

const fixAllKind = vscode.CodeActionKind.Source.append('fixAll').append('strategyLint');

/**
 * VS Code cancels code-action requests while other extensions are still registering providers
 * (the built-in Markdown one at start-up); ask again a few times before giving up.
 */
async function fixAllActions(document: vscode.TextDocument): Promise<vscode.CodeAction[]> {
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  for (let attempt = 1; ; attempt++) {
    try {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>(
        'vscode.executeCodeActionProvider', document.uri, whole, FIX_ALL_KIND, 1,
      );
      return (actions ?? []).filter((action) => action.kind && fixAllKind.contains(action.kind));
    } catch (error) {
      if (attempt >= 3 || !(error instanceof Error) || !/cancel/i.test(error.message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/** Applies the fix-all action to `document`; false when there was nothing to fix. */
export async function fixAllInDocument(document: vscode.TextDocument): Promise<boolean> {
  const [action] = (await fixAllActions(document)).filter((candidate) => candidate.edit || candidate.command);
  if (!action) return false;
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) {
    throw new Error(`VS Code refused the edit of "${action.title}"`);
  }
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
  return true;
}
