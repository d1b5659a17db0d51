import { PublishDiagnosticsNotification, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { encodeDiagnostics, type DiagnosticsEncoding } from './diagnosticsEncoding.js';
import { EncodedParams } from './batchedWriter.js';
import { pathToUri } from './uri.js';

/**
 * Sends textDocument/publishDiagnostics only when a file's diagnostics differ from what the client
 * last received: on a keystroke most affected files keep their diagnostics, and resending them
 * would cost the client a repaint per file.
 */
export class DiagnosticsPublisher {
  /** What the client has of each file with diagnostics, as a digest (see encodeDiagnostics). */
  private readonly published = new Map<string, string>();
  /** Counts sends since the last call to takeSentCount() (for the stats request). */
  private sent = 0;

  /**
   * With `encoded` (the connection writes EncodedParams as they are: BatchedMessageWriter), each
   * message is sent as the JSON its digest was computed from, instead of being encoded again.
   */
  constructor(
    private readonly connection: Connection,
    private readonly encoded = false,
  ) {}

  /** Returns true when a notification was sent. */
  publish(filePath: string, diagnostics: Diagnostic[], version?: number): boolean {
    const uri = pathToUri(filePath);
    if (!diagnostics.length) {
      if (!this.published.delete(uri)) return false;
      this.send(uri, version, diagnostics);
      return true;
    }
    return this.sendIfNew(uri, version, diagnostics, encodeDiagnostics(diagnostics));
  }

  /** Whether publishEncoded sends what it is given (the connection writes EncodedParams as they are). */
  get sendsEncoded(): boolean {
    return this.encoded;
  }

  /**
   * Publishes diagnostics encoded ahead (the lint cache stores what the CLI's findings publish as);
   * false when this publisher cannot send them as they are (the caller then publishes them as objects).
   */
  publishEncoded(filePath: string, encoding: DiagnosticsEncoding): boolean {
    if (!this.encoded) return false;
    this.sendIfNew(pathToUri(filePath), undefined, [], encoding);
    return true;
  }

  /** Sends diagnostics the client does not have yet (by their digest); returns whether it did. */
  private sendIfNew(uri: string, version: number | undefined, diagnostics: Diagnostic[], encoding: DiagnosticsEncoding): boolean {
    if (this.published.get(uri) === encoding.digest) return false;
    this.published.set(uri, encoding.digest);
    this.send(uri, version, diagnostics, encoding);
    return true;
  }

  private send(uri: string, version: number | undefined, diagnostics: Diagnostic[], encoding?: DiagnosticsEncoding): void {
    if (this.encoded) {
      const head = `{"uri":${JSON.stringify(uri)}${version === undefined ? '' : `,"version":${JSON.stringify(version)}`},"diagnostics":`;
      void this.connection.sendNotification(PublishDiagnosticsNotification.method, new EncodedParams(`${head}${encoding ? encoding.json() : '[]'}}`));
    } else void this.connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
    this.sent++;
  }

  clear(filePath: string): boolean {
    return this.publish(filePath, []);
  }

  /** Clears every published file for which `keep` is false (a removed workspace folder, files no longer included). */
  clearWhere(drop: (uri: string) => boolean): void {
    for (const uri of [...this.published.keys()]) {
      if (!drop(uri)) continue;
      this.published.delete(uri);
      this.send(uri, undefined, []);
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
