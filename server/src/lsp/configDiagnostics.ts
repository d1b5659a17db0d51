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
 * the config file, at the offending key or value, and the files it governs keep the settings of
 * the configs around it (the defaults when it is the only one), which a warning message says once
 * per distinct content of the file.
 */
export class ConfigReporter {
  /** Config files last given diagnostics, per folder (cleared when they heal or vanish). */
  private readonly reported = new Map<FolderState, Set<string>>();

  constructor(
    private readonly connection: Connection,
    private readonly publisher: DiagnosticsPublisher,
  ) {}

  report(folder: FolderState, loaded: FolderConfig): void {
    const invalid = loaded.invalid;
    const now = new Set(invalid.map((c) => c.path));
    for (const previous of this.reported.get(folder) ?? []) {
      if (now.has(previous)) continue;
      this.publisher.clear(previous);
      folder.announcedConfigTexts.delete(previous);
    }
    this.reported.set(folder, now);
    for (const config of invalid) {
      const lineMap = LineMap.of(config.text.replace(/^\uFEFF/, ''));
      const diagnostics: Diagnostic[] = config.problems.map((problem) => ({
        range: lineMap.rangeOf({ start: problem.start, end: Math.max(problem.start, problem.end) }),
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        code: 'config',
        codeDescription: { href: CONFIG_DOCS_URL },
        message: problem.message,
      }));
      this.publisher.publish(config.path, diagnostics);
      if (folder.announcedConfigTexts.get(config.path) === config.text) continue;
      folder.announcedConfigTexts.set(config.path, config.text);
      const name = folder.displayPath(config.path);
      const count = config.problems.length === 1 ? '1 problem' : `${config.problems.length} problems`;
      void this.connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `strategy-lint: ${name} is invalid (${count}); linting with the default settings until it is fixed.`,
      });
    }
  }

  forget(folder: FolderState): void {
    for (const previous of this.reported.get(folder) ?? []) this.publisher.clear(previous);
    this.reported.delete(folder);
  }
}
