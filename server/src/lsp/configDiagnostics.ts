import { DiagnosticSeverity, MessageType, ShowMessageNotification, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { LineMap } from '../text/lineMap.js';
import { DOCS_BASE_URL } from '../rules/rule.js';
import type { FolderConfig } from './folderConfig.js';
import type { FolderState } from './folders.js';
import type { DiagnosticsPublisher } from './publisher.js';
import { SOURCE } from './diagnostics.js';

export const CONFIG_DOCS_URL = DOCS_BASE_URL.replace(/rules\/$/, 'configuration.md');

/**
 * An invalid `.strategylint.*` is never silently ignored (§7): each problem becomes a diagnostic on
 * the config file, at the offending key or value, and the folder runs on the defaults, which a
 * warning message says once per distinct content of the file.
 */
export class ConfigReporter {
  /** Config file last given diagnostics, per folder (cleared when the folder's config moves or heals). */
  private readonly reported = new Map<FolderState, string>();

  constructor(
    private readonly connection: Connection,
    private readonly publisher: DiagnosticsPublisher,
  ) {}

  report(folder: FolderState, loaded: FolderConfig): void {
    const previous = this.reported.get(folder);
    if (previous && previous !== loaded.configPath) this.publisher.clear(previous);
    if (!loaded.configPath || !loaded.problems.length) {
      if (loaded.configPath) this.publisher.clear(loaded.configPath);
      this.reported.delete(folder);
      folder.announcedConfigText = undefined;
      return;
    }
    const text = (loaded.configText ?? '').replace(/^\uFEFF/, '');
    const lineMap = LineMap.of(text);
    const diagnostics: Diagnostic[] = loaded.problems.map((problem) => ({
      range: lineMap.rangeOf({ start: problem.start, end: Math.max(problem.start, problem.end) }),
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      code: 'config',
      codeDescription: { href: CONFIG_DOCS_URL },
      message: problem.message,
    }));
    this.publisher.publish(loaded.configPath, diagnostics);
    this.reported.set(folder, loaded.configPath);
    if (folder.announcedConfigText !== loaded.configText) {
      folder.announcedConfigText = loaded.configText;
      const name = folder.displayPath(loaded.configPath);
      const count = loaded.problems.length === 1 ? '1 problem' : `${loaded.problems.length} problems`;
      void this.connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `strategy-lint: ${name} is invalid (${count}); linting with the default settings until it is fixed.`,
      });
    }
  }

  forget(folder: FolderState): void {
    const previous = this.reported.get(folder);
    if (previous) this.publisher.clear(previous);
    this.reported.delete(folder);
  }
}
