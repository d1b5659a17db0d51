// Hover, go to definition, find references, rename and completion, through VS Code's
// vscode.execute*Provider commands (what the editor UI calls).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { workspaceLinted } from './helpers/extension.js';
import { waitFor } from './helpers/wait.js';
import { openDocument, rangeOf, revertAll } from './helpers/workspace.js';

const PLAN = 'strategy/company-2027.strategy.yaml';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** Where a location-like result points: 'file:line' (1-based line). */
function place(location: vscode.Location | vscode.LocationLink): string {
  const uri = 'targetUri' in location ? location.targetUri : location.uri;
  const range = 'targetUri' in location ? (location.targetSelectionRange ?? location.targetRange) : location.range;
  return `${vscode.workspace.asRelativePath(uri)}:${range.start.line + 1}`;
}

describe('navigation', () => {
  before(workspaceLinted);
  afterEach(revertAll);

  it('hover on a reference shows the entity it links to', async () => {
    const plan = await openDocument(PLAN);
    const reference = rangeOf(plan, 'objective: OBJ-revenue');
    const position = reference.start.translate(0, 'objective: OBJ-'.length);
    const text = await waitFor(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', plan.uri, position);
      return /OBJ-revenue/.test(hoverText(hovers)) ? hoverText(hovers) : undefined;
    }, { message: 'a hover on OBJ-revenue' });
    assert.match(text, /Objective/);
    assert.match(text, /Grow net revenue retention to 115%/);
    assert.match(text, /company-2027\.strategy\.yaml:36/, 'where it is declared');
  });

  it('goes to the definition across files, from a wiki link in Markdown to the YAML declaration', async () => {
    const platform = await openDocument('docs/platform-strategy.md');
    const position = rangeOf(platform, '[[OBJ-smb]]').start.translate(0, 4);
    const places = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
        'vscode.executeDefinitionProvider', platform.uri, position,
      );
      return found.length ? found.map(place) : undefined;
    }, { message: 'the definition of OBJ-smb' });
    assert.deepEqual(places, [`${PLAN}:3`]);
  });

  it('finds the references of a metric in YAML and Markdown', async () => {
    const plan = await openDocument(PLAN);
    const declaration = rangeOf(plan, 'id: KR-ttv').start.translate(0, 'id: KR-'.length);
    const places = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', plan.uri, declaration);
      return found.length ? found.map(place).sort() : undefined;
    }, { message: 'references of KR-ttv' });
    for (const expected of [`${PLAN}:25`, `${PLAN}:32`, 'docs/platform-strategy.md:8']) {
      assert.ok(places.includes(expected), `${expected} in ${places}`);
    }
  });

  it('renames an id in every file that references it', async () => {
    const plan = await openDocument(PLAN);
    const position = rangeOf(plan, 'id: KR-ttv').start.translate(0, 'id: KR-'.length);
    const edit = await waitFor(
      () => vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', plan.uri, position, 'KR-time-to-pay'),
      { message: 'a rename edit' },
    );
    const files = edit.entries().map(([uri]) => vscode.workspace.asRelativePath(uri)).sort();
    assert.deepEqual(files, ['docs/platform-strategy.md', PLAN]);
    for (const [uri, edits] of edit.entries()) {
      const document = await vscode.workspace.openTextDocument(uri);
      for (const { range, newText } of edits) {
        assert.equal(document.getText(range), 'KR-ttv');
        assert.equal(newText, 'KR-time-to-pay');
      }
    }
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal((await openDocument('docs/platform-strategy.md')).getText().includes('- Metrics: KR-time-to-pay'), true);
    assert.equal(plan.getText().includes('KR-ttv'), false);
  });

  it('completes the ids of the right kind in a reference field', async () => {
    const plan = await openDocument(PLAN);
    const end = rangeOf(plan, 'objective: OBJ-revenue').end;
    const labels = await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', plan.uri, end);
      const found = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return found.includes('OBJ-smb') ? found : undefined;
    }, { message: 'objective ids offered after `objective: `' });
    // Objectives from YAML and from Markdown headings; no metric or initiative ids.
    for (const id of ['OBJ-smb', 'OBJ-revenue', 'OBJ-self-serve', 'OBJ-partners']) assert.ok(labels.includes(id), `${id} in ${labels}`);
    for (const id of ['KR-nrr', 'INIT-dunning']) assert.ok(!labels.includes(id), `${id} not offered in ${labels}`);
  });

  it('completes owners and enum values', async () => {
    const plan = await openDocument(PLAN);
    const complete = async (needle: string) => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider', plan.uri, rangeOf(plan, needle).end,
      );
      return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    };
    const owners = await waitFor(async () => {
      const found = await complete('owner: "@sam');
      return found.length ? found : undefined;
    }, { message: 'owner completions' });
    for (const owner of ['@maria', '@sam', '@priya', '@lee']) assert.ok(owners.includes(owner), `${owner} in ${owners}`);
    const statuses = await complete('status: in-progress');
    for (const status of ['proposed', 'planned', 'in-progress', 'blocked', 'done', 'dropped']) {
      assert.ok(statuses.includes(status), `${status} in ${statuses}`);
    }
  });
});
