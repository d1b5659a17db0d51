// strategy-lint's diagnostics as VS Code shows them, and waiting for them to change.
import * as vscode from 'vscode';
import { waitFor } from './wait.js';

export const SOURCE = 'strategy-lint';

/** The rule id of a diagnostic (`code` is `{ value, target }` when the server links the rule's page). */
export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return String(typeof code === 'object' ? code.value : code);
}

export function strategyDiagnostics(uri: vscode.Uri, rule?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE && (rule === undefined || ruleOf(d) === rule));
}

/** Every strategy-lint diagnostic of the workspace, by file. */
export function allStrategyDiagnostics(): Array<[vscode.Uri, vscode.Diagnostic[]]> {
  return vscode.languages
    .getDiagnostics()
    .map(([uri, diagnostics]): [vscode.Uri, vscode.Diagnostic[]] => [uri, diagnostics.filter((d) => d.source === SOURCE)])
    .filter(([, diagnostics]) => diagnostics.length > 0);
}

/** Waits for a `rule` diagnostic in the file that satisfies `where` (e.g. on a given line). */
export function waitForDiagnostic(
  uri: vscode.Uri,
  rule: string,
  where: (d: vscode.Diagnostic) => boolean = () => true,
  timeout?: number,
): Promise<vscode.Diagnostic> {
  const file = vscode.workspace.asRelativePath(uri);
  return waitFor(() => strategyDiagnostics(uri, rule).find(where), { timeout, message: `a ${rule} diagnostic in ${file}` });
}

/** Waits until the file has no `rule` diagnostic satisfying `where`. */
export async function waitForNoDiagnostic(
  uri: vscode.Uri,
  rule: string,
  where: (d: vscode.Diagnostic) => boolean = () => true,
  timeout?: number,
): Promise<void> {
  const file = vscode.workspace.asRelativePath(uri);
  await waitFor(() => !strategyDiagnostics(uri, rule).some(where), { timeout, message: `no more ${rule} diagnostic in ${file}` });
}

export const onLine = (line: number) => (d: vscode.Diagnostic) => d.range.start.line === line;
