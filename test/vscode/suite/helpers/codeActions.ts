// Code actions through vscode.executeCodeActionProvider, polled: while other extensions still
// register code-action providers (the built-in Markdown one at start-up) VS Code cancels requests,
// which then return [] or throw "Canceled".
import * as vscode from 'vscode';
import { waitFor } from './wait.js';

export function codeActions(uri: vscode.Uri, range: vscode.Range, kind: string): Thenable<vscode.CodeAction[] | undefined> {
  // 4th argument: how many actions to resolve (their edits may be computed lazily).
  return vscode.commands.executeCommand<vscode.CodeAction[] | undefined>('vscode.executeCodeActionProvider', uri, range, kind, 50);
}

/** Waits for the code actions of `kind` at `range` that satisfy `accept`; returns them (at least one). */
export function waitForCodeActions(
  uri: vscode.Uri,
  range: vscode.Range,
  kind: string,
  accept: (action: vscode.CodeAction) => boolean = () => true,
): Promise<vscode.CodeAction[]> {
  return waitFor(
    async () => {
      const found = ((await codeActions(uri, range, kind)) ?? []).filter(accept);
      return found.length ? found : undefined;
    },
    { message: `${kind} code actions at ${vscode.workspace.asRelativePath(uri)}:${range.start.line + 1}` },
  );
}

/**
 * Quick fixes offered at a diagnostic's range, in VS Code's order (preferred first). The API command
 * does not return an action's `diagnostics`, so the range is what ties them to the diagnostic.
 */
export function waitForQuickFixes(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return waitForCodeActions(uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
}

/** Applies an action's edit (and command) as the light bulb would. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (!action.edit && !action.command) throw new Error(`"${action.title}" has neither an edit nor a command`);
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) throw new Error(`VS Code refused the edit of "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}
