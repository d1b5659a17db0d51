import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';

/** The repository root (this file runs from out/test/helpers). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The built CLI; STRATEGY_LINT_BIN points the tests at another build. */
export const SERVER_BIN = process.env.STRATEGY_LINT_BIN ?? join(REPO_ROOT, 'bin/strategy-lint.cjs');

export function uriOf(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/** A temporary folder with `files` ({ 'relative/path': text }); removed by dispose(). */
export class TempWorkspace {
  readonly root: string;

  constructor(files: Record<string, string | Buffer>) {
    this.root = mkdtempSync(join(tmpdir(), 'strategy-lint-lsp-'));
    for (const [rel, text] of Object.entries(files)) this.write(rel, text);
  }

  path(rel: string): string {
    return join(this.root, rel);
  }

  uri(rel: string): string {
    return uriOf(this.path(rel));
  }

  write(rel: string, text: string | Buffer): void {
    mkdirSync(dirname(this.path(rel)), { recursive: true });
    writeFileSync(this.path(rel), text);
  }

  read(rel: string): string {
    return readFileSync(this.path(rel), 'utf8');
  }

  remove(rel: string): void {
    rmSync(this.path(rel), { recursive: true, force: true });
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export interface StartOptions {
  /** Workspace folders (absolute paths); none = a client without a workspace. */
  folders?: string[];
  initializationOptions?: unknown;
  /** Answer to workspace/configuration for section `strategyLint`. */
  settings?: Record<string, unknown>;
  /** Client capabilities to add (merged over a VS Code-like set). */
  watchFiles?: boolean;
  /** Advertise `window.workDoneProgress` (VS Code does): the server may show progress. */
  workDoneProgress?: boolean;
  /** Environment variables to add to the server's. */
  env?: Record<string, string>;
}

/** A $/progress notification, with how many publishDiagnostics had arrived before it. */
export interface ProgressEvent {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number; cancellable?: boolean };
  publishedBefore: number;
}

/**
 * A minimal LSP client for the tests: spawns the built server over stdio, records what it
 * publishes, and offers the waits and document operations a test needs.
 */
export class LspClient {
  /** Last diagnostics published, by URI. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Every publishDiagnostics, in order. */
  readonly published: { uri: string; version?: number; diagnostics: Diagnostic[] }[] = [];
  readonly messages: { type: number; message: string }[] = [];
  /** window/logMessage: the server logs handler failures here (type 1). */
  readonly logs: { type: number; message: string }[] = [];
  /** Capabilities the server registered and has not unregistered. */
  readonly registrations: { id: string; method: string; registerOptions?: unknown }[] = [];
  readonly notifications: string[] = [];
  /** Tokens the server asked for with window/workDoneProgress/create, in order. */
  readonly progressTokens: (string | number)[] = [];
  readonly progress: ProgressEvent[] = [];
  stderr = '';
  exitCode: number | null | undefined;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    this.exited = new Promise((resolveExit) => process.on('exit', (code) => {
      this.exitCode = code;
      resolveExit(code);
      this.notify();
    }));
    process.stderr!.on('data', (chunk) => (this.stderr += String(chunk)));
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.published.push(params);
      this.notify();
    });
    connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      this.messages.push(params);
      this.notify();
    });
    connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      this.logs.push(params);
    });
    connection.onNotification('strategyLint/strategyTreeChanged', () => {
      this.notifications.push('strategyLint/strategyTreeChanged');
      this.notify();
    });
    connection.onRequest('client/registerCapability', (params: { registrations: { id: string; method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...params.registrations);
      this.notify();
      return null;
    });
    connection.onRequest('client/unregisterCapability', (params: { unregisterations: { id: string }[] }) => {
      for (const { id } of params.unregisterations) {
        const at = this.registrations.findIndex((r) => r.id === id);
        if (at !== -1) this.registrations.splice(at, 1);
      }
      this.notify();
      return null;
    });
    connection.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
      this.progressTokens.push(params.token);
      return null;
    });
    connection.onNotification('$/progress', (params: { token: string | number; value: ProgressEvent['value'] }) => {
      this.progress.push({ ...params, publishedBefore: this.published.length });
      this.notify();
    });
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], ...(options.env ? { env: { ...process.env, ...options.env } } : {}) });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection);
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => options.settings ?? null));
    connection.listen();
    const folders = (options.folders ?? []).map((f, i) => ({ uri: uriOf(f), name: `folder${i}` }));
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length ? folders : null,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: options.watchFiles ?? true, relativePatternSupport: true },
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true },
        },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, versionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
          rename: { prepareSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false } },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
        window: { showMessage: {}, ...(options.workDoneProgress ? { workDoneProgress: true } : {}) },
      },
      initializationOptions: options.initializationOptions ?? { debounceMs: 20 },
    });
    connection.sendNotification('initialized', {});
    return client;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notifyServer(method: string, params: unknown): void {
    void this.connection.sendNotification(method, params);
  }

  /** Resolves once `condition()` holds (re-checked on every message from the server). */
  waitFor<T>(condition: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolveWait, reject) => {
      const check = () => {
        let value: T | undefined | false;
        try {
          value = condition();
        } catch (error) {
          cleanup();
          reject(error);
          return;
        }
        if (value !== undefined && value !== false) {
          cleanup();
          resolveWait(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}\nserver stderr:\n${this.stderr}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Waits until the file's published diagnostics satisfy `accept`. */
  waitForDiagnostics(uri: string, accept: (d: Diagnostic[]) => boolean, what = `diagnostics of ${uri}`, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.waitFor(() => {
      const d = this.diagnostics.get(uri) ?? [];
      return accept(d) ? d : undefined;
    }, what, timeoutMs);
  }

  /** Waits until the server has nothing left to do (no scan, no debounce, nothing to lint). */
  async waitForIdle(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stats = await this.request<{ idle: boolean }>('strategyLint/stats', null);
      if (stats.idle) return;
      if (Date.now() > deadline) throw new Error(`server never became idle\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  open(uri: string, text: string, languageId = uri.endsWith('.md') ? 'markdown' : 'yaml'): void {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    this.notifyServer('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text of an open document. */
  change(uri: string, text: string): void {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    this.notifyServer('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): void {
    this.versions.delete(uri);
    this.texts.delete(uri);
    this.notifyServer('textDocument/didClose', { textDocument: { uri } });
  }

  save(uri: string): void {
    this.notifyServer('textDocument/didSave', { textDocument: { uri } });
  }

  textOf(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  /** Tells the server about changes on disk (type: 1 created, 2 changed, 3 deleted). */
  fileChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): void {
    this.notifyServer('workspace/didChangeWatchedFiles', { changes });
  }

  async shutdown(): Promise<number | null> {
    if (this.exitCode !== undefined) return this.exitCode;
    try {
      await this.connection.sendRequest('shutdown');
      void this.connection.sendNotification('exit');
    } catch {
      this.process.kill();
    }
    const code = await Promise.race([this.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000))]);
    if (code === 'timeout') {
      this.process.kill('SIGKILL');
      throw new Error('server did not exit after shutdown/exit');
    }
    this.connection.dispose();
    return code;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** Applies LSP text edits to a text (offsets from positions, as an editor does). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offsetOf = (p: { line: number; character: number }) => {
    if (p.line >= lineStarts.length) return text.length;
    const start = lineStarts[p.line]!;
    const next = p.line + 1 < lineStarts.length ? lineStarts[p.line + 1]! : text.length;
    return Math.min(start + p.character, next);
  };
  const sorted = edits.map((e) => ({ start: offsetOf(e.range.start), end: offsetOf(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Applies a WorkspaceEdit (changes or documentChanges) to texts by URI; returns the new texts. */
export function applyWorkspaceEdit(texts: Record<string, string>, edit: WorkspaceEdit): Record<string, string> {
  const out = { ...texts };
  const byUri = new Map<string, TextEdit[]>();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) byUri.set(uri, [...edits]);
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change) byUri.set(change.textDocument.uri, [...(byUri.get(change.textDocument.uri) ?? []), ...(change.edits as TextEdit[])]);
  }
  for (const [uri, edits] of byUri) {
    if (out[uri] === undefined) throw new Error(`edit for a document the test does not know: ${uri}`);
    out[uri] = applyTextEdits(out[uri]!, edits);
  }
  return out;
}
