import type { Connection, Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import { pathToUri } from './uri.js';

/**
 * Sends textDocument/publishDiagnostics only when a file's diagnostics differ from what the client
 * last received: on a keystroke most affected files keep their diagnostics, and resending them
 * would cost the client a repaint per file.
 */
export class DiagnosticsPublisher {
  private readonly published = new Map<string, readonly string[]>();
  /** Counts sends since the last call to takeSentCount() (for the stats request). */
  private sent = 0;

  constructor(private readonly connection: Connection) {}

  /** Returns true when a notification was sent. */
  publish(filePath: string, diagnostics: Diagnostic[], version?: number): boolean {
    const uri = pathToUri(filePath);
    const key = diagnosticsKey(diagnostics);
    const previous = this.published.get(uri);
    if (previous ? sameStrings(previous, key) : key.length === 0) return false;
    if (!key.length) this.published.delete(uri);
    else this.published.set(uri, key);
    void this.connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
    this.sent++;
    return true;
  }

  clear(filePath: string): boolean {
    return this.publish(filePath, []);
  }

  /** Clears every published file for which `keep` is false (a removed workspace folder, files no longer included). */
  clearWhere(drop: (uri: string) => boolean): void {
    for (const uri of [...this.published.keys()]) {
      if (!drop(uri)) continue;
      this.published.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      this.sent++;
    }
  }

  hasDiagnostics(filePath: string): boolean {
    return this.published.has(pathToUri(filePath));
  }

  takeSentCount(): number {
    const n = this.sent;
    this.sent = 0;
    return n;
  }
}

/** JSON of related information by array (toDiagnostic hands out the same array while it is unchanged). */
const relatedJson = new WeakMap<DiagnosticRelatedInformation[], string>();

/**
 * What the client has of a file's diagnostics, as comparable strings: each diagnostic without its
 * related information, then that. An owners file can carry thousands of related locations: the
 * unchanged lists are serialised once and compare as the same string, not on every keystroke.
 */
function diagnosticsKey(diagnostics: readonly Diagnostic[]): string[] {
  const key: string[] = [];
  for (const { relatedInformation, ...rest } of diagnostics) {
    let related = '';
    if (relatedInformation) {
      related = relatedJson.get(relatedInformation) ?? JSON.stringify(relatedInformation);
      relatedJson.set(relatedInformation, related);
    }
    key.push(JSON.stringify(rest), related);
  }
  return key;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((text, i) => text === b[i]);
}
