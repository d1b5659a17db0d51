// The test workspace (a copy of samples/acme, see test/vscode/runTest.ts) and documents in it.
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The suite needs a workspace folder (samples/acme or a copy of it)');
  return folder;
}

/** The URI of a workspace file from its '/'-separated relative path. */
export function fileUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...relativePath.split('/'));
}

export function openDocument(relativePath: string): Thenable<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(fileUri(relativePath));
}

/** The range of the `occurrence`-th (0-based) `needle` in the document; throws when absent. */
export function rangeOf(document: vscode.TextDocument, needle: string, occurrence = 0): vscode.Range {
  const text = document.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' (#${occurrence}) not found in ${document.uri.path}`);
  }
  return new vscode.Range(document.positionAt(at), document.positionAt(at + needle.length));
}

/** The text of the 0-based line. */
export function lineText(document: vscode.TextDocument, line: number): string {
  return document.lineAt(line).text;
}

/** Replaces `needle` in the (open, unsaved) document; the edit stays in memory. */
export async function replaceInDocument(document: vscode.TextDocument, needle: string, replacement: string, occurrence = 0): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, rangeOf(document, needle, occurrence), replacement);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not edit ${document.uri.path}`);
}

/** Throws away unsaved changes of the document (as File: Revert File does), so nothing is ever saved. */
export async function revertDocument(document: vscode.TextDocument): Promise<void> {
  if (!document.isDirty) return;
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  if (document.isDirty) throw new Error(`Could not revert ${document.uri.path}`);
}

/** Reverts every document the tests left dirty. */
export async function revertAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (document.isDirty && document.uri.scheme === 'file') await revertDocument(document);
  }
}

/**
 * Whether files of the workspace may be written: only in a scratch copy, never in a git checkout
 * (the repository's own samples/acme). test/vscode/runTest.ts always opens a copy.
 */
export function mayWriteFiles(): boolean {
  for (let dir = workspaceFolder().uri.fsPath; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return false;
    if (dirname(dir) === dir) return true;
  }
}
