// Desktop VS Code: the bundled server (dist/server.cjs) run with --stdio by the extension host's
// own runtime (or strategyLint.nodePath).
import { LanguageClient, TransportKind, type Executable } from 'vscode-languageclient/node';
import type { ServerLauncher } from './languageServer.js';
import type { ExtensionSettings } from './settings.js';

/** Markdown and YAML documents, on disk or untitled, and the JSON config (so that edits to it reach the server). */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'markdown' },
  { scheme: 'untitled', language: 'yaml' },
  { scheme: 'file', pattern: '**/.strategylint.json' },
];

function serverExecutable(serverPath: string, settings: ExtensionSettings, debug: boolean): Executable {
  return {
    // The extension host's own runtime: Electron run as plain Node (ignored by a real Node).
    command: settings.nodePath ?? process.execPath,
    args: debug ? ['--nolazy', '--inspect=6011', serverPath] : [serverPath],
    transport: TransportKind.stdio, // appends --stdio
    options: { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } },
  };
}

export function nodeServer(serverPath: string): ServerLauncher {
  return {
    describe: (settings) => `${settings.nodePath ? ` with ${settings.nodePath}` : ''}: ${serverPath}`,
    documentSelector: () => DOCUMENT_SELECTOR,
    create: (id, name, options, settings) =>
      new LanguageClient(id, name, { run: serverExecutable(serverPath, settings, false), debug: serverExecutable(serverPath, settings, true) }, options),
  };
}
