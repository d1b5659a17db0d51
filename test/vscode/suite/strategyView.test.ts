// The Strategy view, through the TreeDataProvider that activate() exposes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StrategyTreeElement } from '../../../client/src/strategyTree.js';
import { strategyLint, workspaceLinted } from './helpers/extension.js';
import { waitFor } from './helpers/wait.js';
import { openDocument, replaceInDocument, revertAll } from './helpers/workspace.js';

const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label);

describe('Strategy view', () => {
  before(workspaceLinted);
  afterEach(revertAll);

  async function topLevel(): Promise<Array<{ element: StrategyTreeElement; item: vscode.TreeItem }>> {
    const { strategyTree } = await strategyLint();
    const roots = await strategyTree.getChildren();
    return roots.map((element) => ({ element, item: strategyTree.getTreeItem(element) }));
  }

  async function childrenOf(element: StrategyTreeElement): Promise<vscode.TreeItem[]> {
    const { strategyTree } = await strategyLint();
    return (await strategyTree.getChildren(element)).map((child) => strategyTree.getTreeItem(child));
  }

  it('lists the top-level objectives of YAML and Markdown, then the orphan initiatives', async () => {
    const roots = await waitFor(async () => {
      const found = await topLevel();
      return found.length > 1 ? found : undefined;
    }, { message: 'a non-empty Strategy view' });
    const labels = roots.map(({ item }) => labelOf(item));
    for (const title of [
      'Become the default checkout for small businesses',
      'Grow net revenue retention to 115%',
      'Make self-serve the main acquisition channel',
    ]) {
      assert.ok(labels.includes(title), `${title} in ${labels}`);
    }
    // A child objective sits under its parent, not at the top.
    assert.ok(!labels.includes('Partner-led growth'), `Partner-led growth is under OBJ-smb: ${labels}`);
    assert.equal(labels.at(-1), 'Orphan initiatives');
    assert.equal(new Set(roots.map(({ item }) => item.id)).size, roots.length, 'tree item ids are unique');
  });

  it('marks orphan initiatives with a warning icon and says what they lack', async () => {
    const roots = await topLevel();
    const group = roots.find(({ item }) => labelOf(item) === 'Orphan initiatives')!;
    const orphans = await childrenOf(group.element);
    const marketplace = orphans.find((item) => labelOf(item) === 'Marketplace listings');
    assert.ok(marketplace, `Marketplace listings among ${orphans.map(labelOf)}`);
    assert.match(String(marketplace.description), /^orphan: .*no objective/);
    assert.match(String(marketplace.description), /no owner/);
    assert.equal((marketplace.iconPath as vscode.ThemeIcon).id, 'warning');

    // An aligned initiative without an owner is marked where it is, under its objective.
    const smb = roots.find(({ item }) => labelOf(item) === 'Become the default checkout for small businesses')!;
    const latency = (await childrenOf(smb.element)).find((item) => labelOf(item) === 'Checkout latency budget');
    assert.ok(latency, 'Checkout latency budget under OBJ-smb');
    assert.equal(latency.description, 'orphan: no owner');
  });

  it('opens the declaration of a node when it is clicked', async () => {
    const roots = await topLevel();
    const { item } = roots.find(({ item }) => labelOf(item) === 'Grow net revenue retention to 115%')!;
    assert.ok(item.command, 'the node has a click command');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const editor = await waitFor(() => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.path.endsWith('strategy/company-2027.strategy.yaml') ? active : undefined;
    }, { message: 'the plan in the active editor' });
    assert.equal(editor.selection.start.line, 35, 'at `- id: OBJ-revenue`');
  });

  it('refreshes when an edit moves an initiative out of its objective', async () => {
    const plan = await openDocument('strategy/company-2027.strategy.yaml');
    const orphanLabels = async () => {
      const group = (await topLevel()).find(({ item }) => labelOf(item) === 'Orphan initiatives')!;
      return (await childrenOf(group.element)).map(labelOf);
    };
    assert.ok(!(await orphanLabels()).includes('Smart dunning emails'));
    await replaceInDocument(plan, 'objective: OBJ-revenue', 'objective: TBD');
    await waitFor(async () => (await orphanLabels()).includes('Smart dunning emails'), {
      message: 'Smart dunning emails among the orphan initiatives',
    });
    await revertAll();
    await waitFor(async () => !(await orphanLabels()).includes('Smart dunning emails'), {
      message: 'Smart dunning emails back under its objective',
    });
  });
});
