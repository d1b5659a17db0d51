import { createHash } from 'node:crypto';
import type { Connection, Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import { pathToUri } from './uri.js';

/**
 * Sends textDocument/publishDiagnostics only when a file's diagnostics differ from what the client
 * last received: on a keystroke most affected files keep their diagnostics, and resending them
 * would cost the client a repaint per file.
 */
export class DiagnosticsPublisher {
  /** What the client has of each file with diagnostics, as a digest (see diagnosticsDigest). */
  private readonly published = new Map<string, string>();
  /** Counts sends since the last call to takeSentCount() (for the stats request). */
  private sent = 0;

  constructor(private readonly connection: Connection) {}

  /** Returns true when a notification was sent. */
  publish(filePath: string, diagnostics: Diagnostic[], version?: number): boolean {
    const uri = pathToUri(filePath);
    const key = diagnostics.length ? diagnosticsDigest(diagnostics) : undefined;
    if (this.published.get(uri) === key) return false;
    if (key === undefined) this.published.delete(uri);
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

/** Digest of the JSON of related information, by array (toDiagnostic hands out the same array while it is unchanged). */
const relatedDigests = new WeakMap<DiagnosticRelatedInformation[], string>();

/**
 * What the client has of a file's diagnostics, as one SHA-1 digest of their JSON (each diagnostic
 * without its related information, then a digest of that). The server keeps one for every file
 * with diagnostics: at 10k documents the JSON itself was ~25 MB of the heap. An owners file can
 * carry thousands of related locations: unchanged lists are serialised once, not on every keystroke.
 */
function diagnosticsDigest(diagnostics: readonly Diagnostic[]): string {
  const parts: string[] = [];
  for (const { relatedInformation, ...rest } of diagnostics) {
    let related = '';
    if (relatedInformation) {
      related = relatedDigests.get(relatedInformation) ?? digest(JSON.stringify(relatedInformation));
      relatedDigests.set(relatedInformation, related);
    }
    parts.push(JSON.stringify(rest), related);
  }
  return digest(parts.join('\n'));
}

function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}
