// Fix-all: the source.fixAll.strategyLint code action (also what editor.codeActionsOnSave runs)
// and the "Fix All Auto-Fixable Problems in File" command. Only safe fixes (SPEC §6) are applied.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyCodeAction, waitForCodeActions, waitForQuickFixes } from './helpers/codeActions.js';
import { strategyDiagnostics, waitForDiagnostic, waitForNoDiagnostic } from './helpers/diagnostics.js';
import { workspaceLinted } from './helpers/extension.js';
import { waitFor } from './helpers/wait.js';
import { openDocument, revertAll } from './helpers/workspace.js';

const FIX_ALL = 'source.fixAll.strategyLint';

function wholeDocument(document: vscode.TextDocument): vscode.Range {
  return new vscode.Range(0, 0, document.lineCount, 0);
}

describe('fix-all', () => {
  before(workspaceLinted);
  afterEach(revertAll);

  it('applies every safe fix of the file in one action, and no suggestion', async () => {
    const plan = await openDocument('strategy/company-2027.strategy.yaml');
    await waitForDiagnostic(plan.uri, 'invalid-value');
    const [action, ...others] = await waitForCodeActions(plan.uri, wholeDocument(plan), FIX_ALL);
    assert.equal(others.length, 0, 'one fix-all action');
    assert.equal(action!.kind?.value, FIX_ALL);

    await applyCodeAction(action!);
    const text = plan.getText().replace(/\r\n/g, '\n');
    // Safe: the closest id within distance 2, the enum value 1 edit away, the field name, swapped dates.
    assert.match(text, /objective: OBJ-revenue\n/);
    assert.match(text, /status: planned\n/);
    assert.match(text, /\n {4}owner: "@priya"\n/);
    assert.match(text, /start: 2027-04-01\n\s+due: 2027-04-30/);
    // Suggestions stay suggestions: the owner replacement and the kind-mismatch replacement.
    assert.match(text, /owner: "@ghost"/);
    assert.match(text, /metrics: \[OBJ-revenue\]/);

    await waitForNoDiagnostic(plan.uri, 'invalid-value');
    await waitForNoDiagnostic(plan.uri, 'unknown-field');
    assert.ok(strategyDiagnostics(plan.uri, 'unknown-owner').length > 0, 'the unsafe problem is still reported');
  });

  it('is what the "Fix All Auto-Fixable Problems in File" command applies to the active editor', async () => {
    const partners = await openDocument('strategy/partners.strategy.yaml');
    await waitForDiagnostic(partners.uri, 'syntax');
    await vscode.window.showTextDocument(partners);
    // The command asks for code actions once; give VS Code's code-action registry time to settle.
    const fixed = await waitFor(() => vscode.commands.executeCommand<boolean>('strategyLint.fixAllInFile'), {
      message: 'the command to find the fix-all action',
    });
    assert.equal(fixed, true);
    assert.match(partners.getText(), /owner: (["'])@dana\1/);
    await waitForNoDiagnostic(partners.uri, 'syntax');
  });

  it('leaves a file without safe fixes untouched', async () => {
    const prd = await openDocument('prds/smart-invoicing.md');
    const diagnostic = await waitForDiagnostic(prd.uri, 'prd-link');
    // Code actions answer for this file (only suggestions fix it) before fix-all is asked.
    assert.ok((await waitForQuickFixes(prd.uri, diagnostic)).length > 0);
    const before = prd.getText();
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', prd.uri, wholeDocument(prd), FIX_ALL, 10,
    );
    for (const action of actions ?? []) if (action.edit) assert.equal(action.edit.size, 0, `"${action.title}" edits nothing`);
    assert.equal(prd.getText(), before);
    assert.equal(prd.isDirty, false);
  });
});
