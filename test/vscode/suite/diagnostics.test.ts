// Diagnostics for the whole workspace, open or not, and their updates across files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RULE_IDS, TEMPLATE_RULE_IDS } from '../../../server/src/rules/ruleIds.js';
import { allStrategyDiagnostics, onLine, ruleOf, strategyDiagnostics, waitForDiagnostic, waitForNoDiagnostic } from './helpers/diagnostics.js';
import { workspaceLinted } from './helpers/extension.js';
import { waitFor } from './helpers/wait.js';
import { fileUri, openDocument, rangeOf, replaceInDocument, revertAll } from './helpers/workspace.js';

// samples/acme is written in SPEC forms only: the rules that judge templated documents never fire there.
const SPEC_FORMAT_RULES = RULE_IDS.filter((id) => !TEMPLATE_RULE_IDS.includes(id));

const isOpen = (uri: vscode.Uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());

describe('diagnostics', () => {
  before(workspaceLinted);
  afterEach(revertAll);

  it('reports a file that was never opened, at the place SPEC §6 names, with its rule page', async () => {
    const prd = fileUri('prds/smart-invoicing.md');
    assert.equal(isOpen(prd), false, 'precondition: nothing opened the PRD');
    const diagnostic = await waitForDiagnostic(prd, 'prd-link');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    // A missing field of a front-matter entity is reported at its `kind` value: line 2, "prd".
    assert.deepEqual(
      [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.character],
      [1, 6, 9],
    );
    assert.match(diagnostic.message, /initiative|objective/i);
    const code = diagnostic.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'prd-link');
    assert.match(code.target.toString(), /prd-link/);
    assert.equal(isOpen(prd), false, 'diagnostics came without opening the file');
  });

  it('finds every rule of SPEC §6 somewhere in samples/acme, and nothing in files that declare nothing', async () => {
    const seen = await waitFor(
      () => {
        const rules = new Set(allStrategyDiagnostics().flatMap(([, ds]) => ds.map(ruleOf)));
        return SPEC_FORMAT_RULES.every((id) => rules.has(id)) ? rules : undefined;
      },
      { message: 'a diagnostic of every rule', timeout: 30_000 },
    );
    assert.equal(seen.size, SPEC_FORMAT_RULES.length, `unexpected rule ids: ${[...seen].filter((r) => !SPEC_FORMAT_RULES.includes(r as never))}`);
    assert.deepEqual(strategyDiagnostics(fileUri('notes/2027-01-planning-offsite.md')), []);
    assert.deepEqual(strategyDiagnostics(fileUri('README.md')), []);
  });

  it('reports a syntax error in one file and still lints the others', async () => {
    const partners = fileUri('strategy/partners.strategy.yaml');
    const syntax = await waitForDiagnostic(partners, 'syntax');
    assert.equal(syntax.range.start.line, 4, 'at `owner: @dana`');
    assert.deepEqual(strategyDiagnostics(partners).map(ruleOf), ['syntax'], 'a file that does not parse reports only `syntax`');
    assert.ok(strategyDiagnostics(fileUri('strategy/company-2027.strategy.yaml')).length > 0);
  });

  it('updates the diagnostics of unopened files when an edit (unsaved) breaks and then restores an id they reference', async () => {
    const plan = await openDocument('strategy/company-2027.strategy.yaml');
    const platform = fileUri('docs/platform-strategy.md');
    const wikiLink = onLine(6); // `- Objective: [[OBJ-smb]]`
    await waitForNoDiagnostic(platform, 'unresolved-reference', wikiLink);

    await replaceInDocument(plan, 'id: OBJ-smb', 'id: OBJ-smb-renamed');
    const broken = await waitForDiagnostic(platform, 'unresolved-reference', wikiLink);
    assert.match(broken.message, /OBJ-smb/);
    assert.equal(isOpen(platform), false);

    await replaceInDocument(plan, 'id: OBJ-smb-renamed', 'id: OBJ-smb');
    await waitForNoDiagnostic(platform, 'unresolved-reference', wikiLink);
  });

  it('updates the diagnostics of the edited document as you type', async () => {
    const plan = await openDocument('strategy/company-2027.strategy.yaml');
    const value = rangeOf(plan, 'status: planed');
    const status = new vscode.Range(value.start.translate(0, 'status: '.length), value.end);
    const setStatus = async (text: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(plan.uri, new vscode.Range(status.start, plan.lineAt(status.start.line).range.end), text);
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    const onStatusLine = onLine(status.start.line);
    await waitForDiagnostic(plan.uri, 'invalid-value', onStatusLine);
    await setStatus('planned');
    await waitForNoDiagnostic(plan.uri, 'invalid-value', onStatusLine);
    await setStatus('someday');
    const diagnostic = await waitForDiagnostic(plan.uri, 'invalid-value', onStatusLine);
    assert.match(diagnostic.message, /someday/);
    assert.deepEqual([diagnostic.range.start.character, diagnostic.range.end.character], [status.start.character, status.start.character + 'someday'.length]);
  });
});
