// The Strategy view: objectives → initiatives → metrics as the server computes them
// (request strategyLint/strategyTree), with orphan initiatives marked and grouped last.
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { STRATEGY_TREE_REQUEST, type LspRange, type StrategyTreeNode } from './protocol.js';

/** A node in its place in the tree (the same metric may appear under several initiatives). */
export interface StrategyTreeElement {
  readonly node: StrategyTreeNode;
  /** Unique in the tree: the path of kind:id pairs from the root. */
  readonly key: string;
  readonly parent: StrategyTreeElement | undefined;
  readonly children: readonly StrategyTreeElement[];
}

const KIND_ICONS: Record<string, string> = {
  objective: 'target',
  metric: 'graph-line',
  initiative: 'rocket',
  owner: 'person',
  prd: 'file-text',
};

/** Orphan reasons may come as rule ids or field names; the view always says them in words. */
const REASON_WORDS: Record<string, string> = {
  'initiative-owner': 'no owner',
  owner: 'no owner',
  'initiative-objective': 'no objective',
  objective: 'no objective',
  'initiative-metric': 'no metric',
  metric: 'no metric',
  metrics: 'no metric',
};

export function orphanDescription(node: StrategyTreeNode): string {
  const reasons = (node.orphanReasons ?? []).map((reason) => REASON_WORDS[reason] ?? reason);
  return reasons.length ? `orphan: ${[...new Set(reasons)].join(', ')}` : 'orphan';
}

function wrap(nodes: readonly StrategyTreeNode[], parent: StrategyTreeElement | undefined): StrategyTreeElement[] {
  const seen = new Map<string, number>();
  return nodes.map((node) => {
    let key = `${parent ? `${parent.key}/` : ''}${node.kind}:${node.id}`;
    // Two siblings with one id (a duplicate-id finding) still need distinct tree ids.
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    if (count) key += `#${count}`;
    const element: { node: StrategyTreeNode; key: string; parent: StrategyTreeElement | undefined; children: StrategyTreeElement[] } =
      { node, key, parent, children: [] };
    element.children = wrap(node.children ?? [], element);
    return element;
  });
}

function toRange(range: LspRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export class StrategyTreeProvider implements vscode.TreeDataProvider<StrategyTreeElement>, vscode.Disposable {
  private roots: StrategyTreeElement[] = [];
  private loaded: Promise<void> | undefined;
  private failure: string | undefined;
  private generation = 0;
  private readonly changeEmitter = new vscode.EventEmitter<StrategyTreeElement | undefined>();

  readonly onDidChangeTreeData = this.changeEmitter.event;

  /** `client()` is the running language client, or undefined while there is none. */
  constructor(private readonly client: () => LanguageClient | undefined) {}

  /** Why the last request failed, for the view's message; undefined when it did not. */
  get error(): string | undefined {
    return this.failure;
  }

  /** The top level as last fetched (no request). */
  get topLevel(): readonly StrategyTreeElement[] {
    return this.roots;
  }

  /** Fetches the tree again; resolves when the view has the new data. */
  refresh(): Promise<void> {
    const generation = ++this.generation;
    this.loaded = this.fetch().then((roots) => {
      if (generation !== this.generation) return; // a newer refresh won
      this.roots = roots;
      this.changeEmitter.fire(undefined);
    });
    return this.loaded;
  }

  private async fetch(): Promise<StrategyTreeElement[]> {
    const client = this.client();
    if (!client) {
      this.failure = undefined;
      return [];
    }
    try {
      const nodes = await client.sendRequest<StrategyTreeNode[] | null>(STRATEGY_TREE_REQUEST, {});
      this.failure = undefined;
      return wrap(nodes ?? [], undefined);
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      return this.roots;
    }
  }

  async getChildren(element?: StrategyTreeElement): Promise<StrategyTreeElement[]> {
    if (element) return [...element.children];
    await (this.loaded ?? this.refresh());
    return this.roots;
  }

  getParent(element: StrategyTreeElement): StrategyTreeElement | undefined {
    return element.parent;
  }

  getTreeItem(element: StrategyTreeElement): vscode.TreeItem {
    const { node } = element;
    const collapsible = element.children.length === 0
      ? vscode.TreeItemCollapsibleState.None
      : element.parent
        ? vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.Expanded;
    const item = new vscode.TreeItem(node.label, collapsible);
    item.id = element.key;
    item.contextValue = `strategyLint.${node.kind}${node.orphan ? '.orphan' : ''}`;
    const isGroup = node.kind === 'group';
    // A group's `orphan` says it holds orphans; its own detail is the count.
    item.description = node.orphan && !isGroup ? orphanDescription(node) : node.detail;
    item.iconPath = node.orphan
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
      : new vscode.ThemeIcon(isGroup ? 'pass' : (KIND_ICONS[node.kind] ?? 'circle-outline'));
    item.tooltip = this.tooltip(node);
    if (node.uri && node.range) {
      // No resourceUri: it would colour every entity of a file by that file's problems.
      item.command = {
        command: 'vscode.open',
        title: 'Open Declaration',
        arguments: [this.client()?.protocol2CodeConverter.asUri(node.uri) ?? vscode.Uri.parse(node.uri), { selection: toRange(node.range) } satisfies vscode.TextDocumentShowOptions],
      };
    }
    return item;
  }

  private tooltip(node: StrategyTreeNode): vscode.MarkdownString {
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${escape(node.label)}**`);
    if (node.kind !== 'group') tip.appendMarkdown(`  \n${node.kind} \`${node.id}\``);
    if (node.detail) tip.appendMarkdown(`  \n${escape(node.detail)}`);
    if (node.orphan && node.kind !== 'group') tip.appendMarkdown(`  \n$(warning) ${escape(orphanDescription(node))}`);
    tip.supportThemeIcons = true;
    return tip;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}
