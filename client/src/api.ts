// What activate() returns: other extensions and the extension-host tests use it.
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { ServerState } from './languageServer.js';
import type { DiagnosticCounts } from './statusBar.js';
import type { StrategyTreeProvider } from './strategyTree.js';

export interface StatusBarView {
  readonly counts: DiagnosticCounts;
  readonly text: string;
  readonly tooltip: string;
  readonly visible: boolean;
  /** Recounts now instead of after the next burst of diagnostics. */
  update(): void;
}

export interface StrategyLintApi {
  /** Resolves when the language server has started (at once when disabled); rejects when it cannot start. */
  whenReady(): Promise<void>;
  readonly serverState: ServerState;
  /** The running language client, if any. */
  readonly languageClient: LanguageClient | undefined;
  /** The Strategy view's data provider. */
  readonly strategyTree: StrategyTreeProvider;
  readonly statusBar: StatusBarView;
}
