// The status bar item: the workspace's strategy-lint error/warning counts; click opens Problems.
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from './protocol.js';
import type { ServerState } from './languageServer.js';

export interface DiagnosticCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** Counts strategy-lint's diagnostics (by `source`) over every file VS Code knows diagnostics for. */
export function countDiagnostics(): DiagnosticCounts {
  const counts: DiagnosticCounts = { errors: 0, warnings: 0, infos: 0 };
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const diagnostic of diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      if (diagnostic.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
      else if (diagnostic.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
      else counts.infos++;
    }
  }
  return counts;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface StatusBarInputs {
  state: ServerState;
  enabled: boolean;
  /** Whether the workspace declares any strategy entity (the Strategy view is not empty). */
  hasStrategy: boolean;
}

export class StrategyStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: vscode.Disposable;
  private pending: NodeJS.Timeout | undefined;
  private latest: DiagnosticCounts = { errors: 0, warnings: 0, infos: 0 };

  constructor(private readonly inputs: () => StatusBarInputs) {
    this.item = vscode.window.createStatusBarItem('strategyLint.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Strategy Lint';
    this.item.command = 'workbench.actions.view.problems';
    // Diagnostics change in bursts (a whole workspace at start-up): count once per burst.
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => this.schedule());
    this.update();
  }

  /** The counts currently shown. */
  get counts(): DiagnosticCounts {
    return { ...this.latest };
  }

  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : '';
  }

  /** Whether the item is meant to be shown (VS Code offers no way to ask). */
  visible = false;

  private schedule(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.update();
    }, 100);
  }

  /** Recounts and redraws now. */
  update(): void {
    const { state, enabled, hasStrategy } = this.inputs();
    const counts = (this.latest = countDiagnostics());
    const total = counts.errors + counts.warnings + counts.infos;
    this.item.backgroundColor = undefined;
    if (state === 'failed') {
      this.item.text = '$(error) Strategy';
      this.item.tooltip = 'The strategy-lint language server stopped. Click to open Problems; run "Strategy Lint: Restart Language Server" to start it again.';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else if (state === 'starting') {
      this.item.text = '$(sync~spin) Strategy';
      this.item.tooltip = 'strategy-lint is starting';
    } else {
      this.item.text = total === 0
        ? '$(check) Strategy'
        : `Strategy $(error) ${counts.errors} $(warning) ${counts.warnings}${counts.infos ? ` $(info) ${counts.infos}` : ''}`;
      this.item.tooltip = total === 0
        ? 'strategy-lint: no problems in the workspace'
        : `strategy-lint: ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${plural(counts.infos, 'info')} in the workspace. Click to open Problems.`;
    }
    // The prefix tells it apart from VS Code's own problem counts, drawn with the same icons.
    // Quiet in workspaces that have no strategy at all (the extension also activates on any Markdown).
    this.visible = enabled && (state === 'failed' || total > 0 || (hasStrategy && state !== 'disabled'));
    if (this.visible) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.subscription.dispose();
    this.item.dispose();
  }
}
