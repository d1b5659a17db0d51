// VS Code for the web: the server bundled for a web worker (dist/browser/server.js). The worker
// has no disk: it asks this side for the workspace's files (strategyLint/listFolder, readFile,
// stat), read through VS Code's file system API, which reaches whatever the workspace is
// (vscode-remote:// in code-server, vscode-vfs:// in github.dev, a local folder in vscode.dev).
// The engine names files by absolute paths: the workspace's URIs are mapped to file:// URIs with
// the same path on the way to the server and back (`uriConverters`).
import * as vscode from 'vscode';
import type { DocumentSelector } from 'vscode-languageclient';
import { LanguageClient, type ServerOptions } from 'vscode-languageclient/browser';
import type { ServerLauncher } from './languageServer.js';

// The web extension host's Worker (the project compiles without the DOM lib).
declare const Worker: new (url: string) => ServerOptions;

export const LIST_FOLDER_REQUEST = 'strategyLint/listFolder';
export const READ_FILE_REQUEST = 'strategyLint/readFile';
export const STAT_REQUEST = 'strategyLint/stat';

/** The files discovery looks at: documents, configs, ignore files and suppressions. */
const CANDIDATES = '**/{*.md,*.markdown,*.yaml,*.yml,.strategylint.json,.strategylint.yaml,.strategylint.yml,.gitignore,strategy-lint-suppressions.json}';
/** Never taking part (as in the CLI's discovery), and often huge. */
const NEVER = '**/{node_modules,.git}/**';
/** Files whose text steers discovery: sent with the listing, so the worker can read them at once. */
const STEERING = /(^|\/)(\.strategylint\.(ya?ml|json)|\.gitignore|strategy-lint-suppressions\.json)$/;

/** Workspace URI ↔ the file:// URI the server sees (same path; scheme and authority from the folder). */
export function uriConverters() {
  const folderFor = (path: string): vscode.WorkspaceFolder | undefined => {
    let best: vscode.WorkspaceFolder | undefined;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const root = folder.uri.path.replace(/\/$/, '');
      if ((path === root || path.startsWith(`${root}/`)) && (!best || root.length > best.uri.path.length)) best = folder;
    }
    return best ?? vscode.workspace.workspaceFolders?.[0];
  };
  return {
    code2Protocol: (uri: vscode.Uri): string => (uri.scheme === 'file' || uri.scheme === 'untitled' ? uri.toString() : vscode.Uri.file(uri.path).toString()),
    protocol2Code: (value: string): vscode.Uri => {
      const uri = vscode.Uri.parse(value);
      if (uri.scheme !== 'file') return uri;
      const folder = folderFor(uri.path);
      return folder && folder.uri.scheme !== 'file' ? folder.uri.with({ path: uri.path }) : uri;
    },
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

async function readText(uri: vscode.Uri): Promise<string | null> {
  try {
    return utf8.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return null; // missing, unreadable, or not UTF-8 (the server reports nothing for it, as for a vanished file)
  }
}

/**
 * A URL the web extension host can start a worker from. Where the extension is served over HTTP
 * (vscode.dev), its own; where it is installed on a remote (code-server, Codespaces), VS Code
 * cannot start a worker from a vscode-remote:// URI, so the script is read through the file
 * system API and started from a blob.
 */
async function workerUrl(script: vscode.Uri): Promise<string> {
  if (script.scheme === 'http' || script.scheme === 'https') return script.toString(true);
  const source = await vscode.workspace.fs.readFile(script);
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}

export function browserServer(extensionUri: vscode.Uri): ServerLauncher {
  const serverUri = vscode.Uri.joinPath(extensionUri, 'dist', 'browser', 'server.js');
  return {
    describe: () => ` in a web worker: ${serverUri.toString(true)}`,
    documentSelector: (): DocumentSelector => {
      // The workspace's own scheme(s) only: the same path under another scheme (a git diff view) is another document.
      const schemes = [...new Set((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)), 'untitled'];
      return schemes.flatMap((scheme) => [
        { scheme, language: 'markdown' },
        { scheme, language: 'yaml' },
        ...(scheme === 'untitled' ? [] : [{ scheme, pattern: '**/.strategylint.json' }]),
      ]);
    },
    create: async (id, name, options) => {
      const converters = uriConverters();
      const client = new LanguageClient(id, name, new Worker(await workerUrl(serverUri)), { ...options, uriConverters: converters });
      const toCode = (uri: string) => converters.protocol2Code(uri);
      client.onRequest(LIST_FOLDER_REQUEST, async ({ uri }: { uri: string }) => {
        const folder = toCode(uri);
        const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, CANDIDATES), NEVER);
        const texts: Record<string, string> = {};
        await Promise.all(
          found
            .filter((file) => STEERING.test(file.path))
            .map(async (file) => {
              const text = await readText(file);
              if (text !== null) texts[converters.code2Protocol(file)] = text;
            }),
        );
        const git = vscode.Uri.joinPath(folder, '.git');
        const hasGit = await Promise.resolve(vscode.workspace.fs.stat(git)).then(() => true, () => false);
        return { files: found.map(converters.code2Protocol), texts, folders: hasGit ? [converters.code2Protocol(git)] : [] };
      });
      client.onRequest(READ_FILE_REQUEST, ({ uri }: { uri: string }) => readText(toCode(uri)));
      client.onRequest(STAT_REQUEST, async ({ uri }: { uri: string }) => {
        try {
          const stat = await vscode.workspace.fs.stat(toCode(uri));
          return stat.type & vscode.FileType.Directory ? 'directory' : 'file';
        } catch {
          return null;
        }
      });
      return client;
    },
  };
}
