// "Strategy Lint: Show Alignment Report": the report the engine builds (request strategyLint/report)
// in a webview, kept current as documents change. The page is static HTML from the server plus a
// small script that turns clicks on declarations into 'open' messages; a Content-Security-Policy
// with a per-page nonce allows that script and style only, and nothing to be fetched.
import * as vscode from 'vscode';
import type { ServerController } from './languageServer.js';
import { REPORT_REQUEST, type ReportResult } from './protocol.js';

const VIEW_TYPE = 'strategyLint.report';
const REFRESH_DELAY_MS = 300;

/** What the page sends: open a declaration (folder index into the last report, path relative to that folder, 1-based line). */
interface OpenMessage {
  type: 'open';
  folder: number;
  file: string;
  line: number;
}

export class ReportPanel implements vscode.Disposable {
  private static current: ReportPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private last: ReportResult | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stale = false;
  /** Resolves after the page has been given the latest report (for tests: `refreshed`). */
  private refreshing: Promise<void> = Promise.resolve();

  /** Opens the report, or brings the open one forward and refreshes it. */
  static show(server: ServerController): ReportPanel {
    if (ReportPanel.current) {
      ReportPanel.current.panel.reveal(undefined, false);
      ReportPanel.current.refreshSoon(0);
      return ReportPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Strategy alignment report', vscode.ViewColumn.Beside, {
      enableScripts: true,
      // Nothing of the extension or the workspace is loaded by the page: it is all inline.
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    return (ReportPanel.current = new ReportPanel(panel, server));
  }

  /** The open report, if any. */
  static get open(): ReportPanel | undefined {
    return ReportPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly server: ServerController,
  ) {
    panel.webview.html = shellHtml(nonce());
    const markdownOrYaml = (document: vscode.TextDocument) => document.languageId === 'markdown' || document.languageId === 'yaml';
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: OpenMessage | { type: 'ready' }) => {
        if (message.type === 'ready') this.refreshSoon(0);
        else if (message.type === 'open') void this.openDeclaration(message);
      }),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.refreshSoon(0);
      }),
      server.onDidChangeStrategyTree(() => this.refreshSoon()),
      server.onDidChangeState(() => this.refreshSoon()),
      vscode.languages.onDidChangeDiagnostics(() => this.refreshSoon()),
      vscode.workspace.onDidChangeTextDocument(({ document }) => markdownOrYaml(document) && this.refreshSoon()),
      vscode.workspace.onDidSaveTextDocument((document) => markdownOrYaml(document) && this.refreshSoon()),
    );
  }

  /** The report last shown. */
  get report(): ReportResult | undefined {
    return this.last;
  }

  /** Resolves once the report asked for by the last change has reached the page. */
  get refreshed(): Promise<void> {
    return this.refreshing;
  }

  refreshSoon(delay = REFRESH_DELAY_MS): void {
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refreshing = this.refresh();
    }, delay);
  }

  private async refresh(): Promise<void> {
    this.stale = false;
    const client = this.server.languageClient;
    if (!client) {
      void this.panel.webview.postMessage({ type: 'message', text: 'The strategy-lint language server is not running.' });
      return;
    }
    try {
      const report = await client.sendRequest<ReportResult>(REPORT_REQUEST);
      this.last = report;
      const folders = report.folders.map((f) => ({ name: f.name, html: f.html, mermaid: f.mermaid }));
      await this.panel.webview.postMessage({ type: 'report', style: report.style, folders });
    } catch (error) {
      void this.panel.webview.postMessage({ type: 'message', text: `The report could not be built: ${String(error)}` });
    }
  }

  private async openDeclaration({ folder, file, line }: OpenMessage): Promise<void> {
    const client = this.server.languageClient;
    const root = this.last?.folders[folder]?.uri;
    if (!client || !root || typeof file !== 'string' || !Number.isInteger(line)) return;
    // The server's URI, as the client maps it back to the editor's (the same conversion as diagnostics').
    const uri = vscode.Uri.joinPath(client.protocol2CodeConverter.asUri(root), ...file.split('/'));
    const position = new vscode.Position(Math.max(0, line - 1), 0);
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
  }

  dispose(): void {
    if (ReportPanel.current === this) ReportPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

function nonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The page: nothing but what the nonce allows (its own style and script); the report's sections
 * arrive by message and are placed as they are (the server escapes every value and adds no script).
 */
function shellHtml(nonce: string): string {
  const csp = [`default-src 'none'`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `img-src data:`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<meta http-equiv="Content-Security-Policy" content="${csp}"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>Strategy alignment report</title>
<style nonce="${nonce}" id="report-style"></style>
<style nonce="${nonce}">
body{max-width:none}
.folder-name{margin:8px 0 0;font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
a.entity{color:inherit;text-decoration:none}a.entity code{text-decoration:underline dotted}
a.entity:hover code,a.entity:focus code{color:var(--fg)}
#status{color:var(--muted);font-size:12px}
details.mermaid pre{overflow:auto;font-size:12px;border:1px solid var(--line);border-radius:6px;padding:8px}
</style>
</head>
<body>
<p id="status">Building the report…</p>
<div id="report"></div>
<script nonce="${nonce}">
(function () {
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('report');
  const status = document.getElementById('status');
  const styleSheet = document.getElementById('report-style');
  const escapeText = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'message') {
      status.textContent = message.text;
      return;
    }
    if (message.type !== 'report') return;
    styleSheet.textContent = message.style;
    if (!message.folders.length) {
      root.innerHTML = '';
      status.textContent = 'No workspace folder has been loaded yet.';
      return;
    }
    root.innerHTML = message.folders.map((folder, index) =>
      '<div class="folder" data-folder="' + index + '">' +
      (message.folders.length > 1 ? '<p class="folder-name">' + escapeText(folder.name) + '</p>' : '') +
      folder.html +
      '<details class="mermaid"><summary>Mermaid source of the strategy map</summary><pre>' + escapeText(folder.mermaid) + '</pre></details>' +
      '</div>').join('');
    status.textContent = 'Updated ' + new Date().toLocaleTimeString() + ' · click a declaration to open it';
  });
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a[data-file]');
    if (!link) return;
    event.preventDefault();
    const folder = Number(link.closest('.folder')?.getAttribute('data-folder') ?? 0);
    vscode.postMessage({ type: 'open', folder, file: link.getAttribute('data-file'), line: Number(link.getAttribute('data-line')) });
  });
  vscode.postMessage({ type: 'ready' });
})();
</script>
</body>
</html>
`;
}
