import { format } from 'node:util';
import { performance } from 'node:perf_hooks';
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  StreamMessageReader,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  type Connection,
  type Disposable,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { VERSION } from '../cli/version.js';
import { parentDir } from '../files/paths.js';
import { SUPPRESSIONS_FILE_NAME } from '../files/suppressionsFile.js';
import { Analyzer } from './analysis.js';
import { BatchedMessageWriter } from './batchedWriter.js';
import { CODE_ACTION_KINDS } from './codeActions.js';
import { COMPLETION_TRIGGERS } from './completion.js';
import { ConfigReporter } from './configDiagnostics.js';
import { registerFeatures } from './features.js';
import { FileEventHandler } from './fileEvents.js';
import { FolderState, Folders } from './folders.js';
import { StrategyTreeChangedNotification } from './protocol.js';
import { DiagnosticsPublisher } from './publisher.js';
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from './settings.js';
import { syncFolder, type SyncContext } from './sync.js';
import { closeDocument } from './documentClose.js';
import { workDoneScanProgress, type ScanProgress } from './scanProgress.js';
import type { ConfigCascade } from '../config/cascade.js';
import type { LintEngine } from '../engine/engine.js';
import type { FolderCache } from './folderCache.js';
import type { ParallelScan } from './parallelScan.js';
import type { Concurrency } from '../parallel/concurrency.js';
import type { ContentHashes, HashOptions } from '../parallel/contentHashes.js';
import { isInside, pathToUri, registerLinkedRoot, registerUntitled, uriToPath } from './uri.js';

export interface ServerStreams {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/** Quiet time after the last change the Strategy view shows before telling the client. */
const TREE_CHANGED_DELAY_MS = 300;

/** Files the server must hear about: what takes part, the root configs and the ignore files. */
const CONFIG_NAMES_GLOB = '.strategylint.{yaml,yml,json}';
// Any YAML file: a template (a KEP's kep.yaml) or a config `include` may take it in.
const WATCHED_GLOBS = ['**/*.{md,markdown}', '**/*.{yaml,yml}', '**/.strategylint.{yaml,yml,json}', '**/.gitignore', `**/${SUPPRESSIONS_FILE_NAME}`];

/**
 * The language server (`strategy-lint --stdio`): one engine per workspace folder, diagnostics for
 * every taking-part file (open or not), kept current on edits and disk changes.
 */
export function startServer(streams: ServerStreams = {}, platform: ServerPlatform = {}): Connection {
  const connection = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(streams.input ?? process.stdin),
    new BatchedMessageWriter(streams.output ?? process.stdout),
  );
  // stdout carries the protocol: anything printed must go to the client's log instead.
  redirectConsole(connection);
  const log = (message: string) => connection.console.error(message);
  process.on('uncaughtException', (error) => log(`uncaught: ${error?.stack ?? String(error)}`));
  process.on('unhandledRejection', (reason) => log(`unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`));
  // Its writer takes diagnostics the publisher has encoded already (EncodedParams).
  return serve(connection, { ...platform, encodedParams: true });
}

/** What differs where the server runs (Node over stdio, or a web worker: see web/main.ts). */
export interface ServerPlatform {
  /** Brings the platform's view of a folder's files up to date before the folder is (re-)read. */
  prepareFolder?(root: string): Promise<void>;
  /** Reads a file's text where files are not on a local disk (else they are read synchronously, as the CLI does). */
  readFile?(filePath: string): Promise<string | undefined>;
  /** Holds the heap's growth down from now on (see SyncContext.holdHeap); absent where the platform cannot (the web worker). */
  holdHeap?(filesToRead?: number): void;
  /** Parsing worker threads for a folder's first scan (see parallelScan.ts); absent where there are none (the web worker). */
  loadInParallel?(scan: ParallelScan): Promise<boolean>;
  /** A folder's path with symbolic links resolved, or undefined (where there is no disk, or it cannot be resolved). */
  realPath?(folderPath: string): string | undefined;
  /**
   * A worker thread hashing the files a start from the lint cache compares with it (see
   * parallelScan.ts, hashForScan); absent where there are none (the web worker).
   */
  hashFiles?(root: string, files: readonly string[], concurrency: Concurrency, log: (message: string) => void, options?: HashOptions): Promise<ContentHashes | undefined>;
  /** The lint cache for a folder's first scan (see folderCache.ts); absent where there is no disk. */
  openCache?(root: string, cascade: ConfigCascade, engine: LintEngine, location: string): FolderCache | undefined;
  /** The connection writes EncodedParams as they are (BatchedMessageWriter: over stdio, not in the web worker). */
  encodedParams?: boolean;
}

/** Runs the language server on a connection (not yet listening). */
export function serve(connection: Connection, platform: ServerPlatform = {}): Connection {
  const log = (message: string) => connection.console.error(message);

  const documents = new TextDocuments(TextDocument);
  const folders = new Folders();
  const publisher = new DiagnosticsPublisher(connection, platform.encodedParams === true);
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let clientCapabilities: InitializeParams['capabilities'] = {};
  let shuttingDown = false;

  // The tree is rebuilt by the client on this notification: a burst of typing announces it once.
  let treeTimer: NodeJS.Timeout | undefined;
  const announceTreeChange = () => {
    if (treeTimer) clearTimeout(treeTimer);
    treeTimer = setTimeout(() => {
      treeTimer = undefined;
      if (!shuttingDown) void connection.sendNotification(StrategyTreeChangedNotification);
    }, TREE_CHANGED_DELAY_MS);
  };
  const analyzer = new Analyzer(folders, documents, publisher, () => settings, {
    onSettled: (treeChanged) => {
      if (treeChanged) announceTreeChange();
    },
    log,
  });
  const configReporter = new ConfigReporter(connection, publisher);
  const scanProgress = (folder: FolderState): ScanProgress => workDoneScanProgress(connection, folders.all().filter((f) => !f.loose).length > 1 ? folder.name : undefined);
  const openCacheLogged = (folder: FolderState) => {
    try {
      const started = performance.now();
      const cache = platform.openCache!(folder.root, folder.engine.configs, folder.engine, settings.cacheLocation);
      if (cache) log(`${folder.root}: starting from the lint cache (${cache.paths.length} files, read in ${Math.round(performance.now() - started)} ms)`);
      return cache;
    } catch (error) {
      log(`cannot read the lint cache of ${folder.root}: ${(error as Error)?.stack ?? error}`);
      return undefined;
    }
  };
  const sync: SyncContext = {
    folders,
    analyzer,
    // Asked for every file a scan reads: without open documents there is nothing to look up.
    openText: (file) => (documents.keys().length ? documents.get(pathToUri(file))?.getText() : undefined),
    configLoaded: (folder, loaded) => configReporter.report(folder, loaded),
    ...(platform.prepareFolder ? { prepareFolder: platform.prepareFolder } : {}),
    ...(platform.readFile ? { readFile: platform.readFile } : {}),
    scanProgress,
    ...(platform.holdHeap ? { holdHeap: platform.holdHeap } : {}),
    suppressionsLocation: () => settings.suppressionsLocation,
    ...(platform.loadInParallel ? { loadInParallel: (scan: Omit<ParallelScan, 'concurrency' | 'log'>) => platform.loadInParallel!({ ...scan, concurrency: settings.concurrency, log }) } : {}),
    ...(platform.hashFiles ? { hashFiles: (root: string, files: readonly string[], options?: HashOptions) => platform.hashFiles!(root, files, settings.concurrency, log, options) } : {}),
    ...(platform.openCache ? { openCache: (folder: FolderState) => (settings.cache ? openCacheLogged(folder) : undefined) } : {}),
    log,
  };
  const isOpen = (file: string) => documents.get(pathToUri(file)) !== undefined;
  const fileEvents = new FileEventHandler(folders, analyzer, isOpen, sync);

  /** The folders around `root` re-list their files: a nested folder came or went. */
  const resyncOuterFolders = (root: string) => {
    for (const outer of folders.all()) {
      if (outer.loose || outer.root === root || !isInside(root, outer.root)) continue;
      void outer.enqueue(() => syncFolder(outer, 'files', sync)).catch((error) => log(`re-listing ${outer.root} failed: ${error?.stack ?? error}`));
    }
  };
  const addFolder = (folder: WorkspaceFolder) => {
    const opened = uriToPath(folder.uri);
    if (!opened) return;
    let root = opened.replace(/\/$/, '') || '/';
    // Opened through a symbolic link: worked on in its real path, as the CLI does (see uri.ts).
    const real = platform.realPath?.(root);
    if (real && real !== root) {
      registerLinkedRoot(root, real);
      log(`${root} is a link to ${real}: its files are read there, as the CLI reads them`);
      root = real;
    }
    const state = new FolderState(root, folder.uri, folder.name);
    folders.add(state);
    if (initialized) scan(state);
  };
  // Nothing may be sent before the initialize response: the first scans start on `initialized`.
  let initialized = false;
  const scan = (state: FolderState) =>
    void state.enqueue(() => syncFolder(state, 'initial', sync)).catch((error) => {
      log(`scanning ${state.root} failed: ${error?.stack ?? error}`);
      // Publish what could be loaded rather than nothing.
      state.ready = true;
      analyzer.markDirty(state, state.filePaths());
    });

  connection.onInitialize((params): InitializeResult => {
    clientCapabilities = params.capabilities;
    settings = readSettings(params.initializationOptions);
    const initial = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : params.rootPath ? [{ uri: pathToUri(params.rootPath), name: 'root' }] : []);
    for (const folder of initial) addFolder(folder);
    if (!initial.length) folders.enableLoose();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'strategy-lint', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    initialized = true;
    for (const folder of folders.all()) if (!folder.loose) scan(folder);
    const workspace = clientCapabilities.workspace;
    watchFiles();
    if (workspace?.didChangeConfiguration?.dynamicRegistration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'strategyLint' });
    if (workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        for (const removed of event.removed) {
          const folder = folders.remove(removed.uri);
          if (!folder) continue;
          configReporter.forget(folder);
          // Everything the folder published goes, even where an outer folder takes its files over:
          // those were computed in another workspace (its root, its configs) and the outer one
          // publishes its own once it has read them.
          publisher.clearWhere((uri) => {
            const file = uriToPath(uri);
            return file !== undefined && isInside(file, folder.root);
          });
          resyncOuterFolders(folder.root);
        }
        for (const added of event.added) {
          addFolder(added);
          // An outer folder hands the new folder's files over to it.
          const root = uriToPath(added.uri)?.replace(/\/$/, '');
          if (root) resyncOuterFolders(root);
        }
        watchFiles();
      });
    }
    void pullSettings();
  });

  /**
   * The files the client watches for us: documents, configs, .gitignore, the suppressions file; and
   * configs in the folders above each workspace folder, which cascade into it (§10.12) but lie
   * outside the workspace a glob covers (a client with relative patterns, on a local disk).
   */
  let watching: Promise<Disposable> | undefined;
  const watchFiles = () => {
    const capability = clientCapabilities.workspace?.didChangeWatchedFiles;
    if (!capability?.dynamicRegistration) return;
    const custom = settings.suppressionsLocation.split(/[\\/]/).pop();
    const above = capability.relativePatternSupport && !platform.readFile ? foldersAbove(folders.all().filter((f) => !f.loose).map((f) => f.root)) : [];
    const previous = watching;
    watching = connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [
        ...WATCHED_GLOBS.map((globPattern) => ({ globPattern })),
        ...above.map((dir) => ({ globPattern: { baseUri: pathToUri(dir), pattern: CONFIG_NAMES_GLOB } })),
        // A suppressions file elsewhere (strategyLint.suppressionsLocation): events for other files of that name are ignored.
        ...(custom && custom !== SUPPRESSIONS_FILE_NAME ? [{ globPattern: `**/${custom}` }] : []),
        // Folders appearing or vanishing (a move, a delete) are reported under their own name only.
        { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
      ],
    });
    void previous?.then((registration) => registration.dispose(), () => undefined);
  };

  /**
   * A change of how suppressed findings show re-publishes every file; a change of where the
   * suppressions file is reads it from there, then re-publishes.
   */
  const useSettings = (next: ServerSettings) => {
    const relint = next.suppressedFindings !== settings.suppressedFindings;
    const moved = next.suppressionsLocation !== settings.suppressionsLocation;
    settings = next;
    if (moved) {
      if (initialized) watchFiles();
      for (const folder of folders.all()) {
        if (folder.loose) continue;
        void folder.enqueue(async () => {
          await folder.loadSuppressions(settings.suppressionsLocation, log);
          if (!folder.disposed) analyzer.markDirty(folder, folder.filePaths(), false);
        });
      }
    }
    if (relint) for (const folder of folders.all()) analyzer.markDirty(folder, folder.filePaths(), false);
  };
  const pullSettings = async () => {
    if (!clientCapabilities.workspace?.configuration) return;
    try {
      useSettings(readSettings(await connection.workspace.getConfiguration({ section: 'strategyLint' }), settings));
    } catch (error) {
      log(`cannot read settings: ${(error as Error).message}`);
    }
  };

  connection.onDidChangeConfiguration((params) => {
    const pushed = (params.settings as { strategyLint?: unknown } | undefined)?.strategyLint;
    if (pushed) useSettings(readSettings(pushed, settings));
    else void pullSettings();
  });

  connection.onDidChangeWatchedFiles((params) => {
    try {
      fileEvents.handle(params.changes);
    } catch (error) {
      log(`file events failed: ${(error as Error)?.stack ?? error}`);
    }
  });

  // didOpen is also reported as a content change: analyse the opened text at once, edits after the debounce.
  const justOpened = new Set<string>();
  documents.onDidOpen(({ document }) => {
    registerUntitled(document.uri, document.languageId);
    justOpened.add(document.uri);
    analyzer.documentChanged(document.uri, true);
  });
  documents.onDidChangeContent(({ document }) => {
    if (justOpened.delete(document.uri)) return;
    analyzer.documentChanged(document.uri);
  });
  documents.onDidSave(({ document }) => analyzer.documentSaved(document.uri));
  documents.onDidClose(({ document }) => {
    justOpened.delete(document.uri);
    analyzer.documentClosed(document.uri);
    closeDocument(document.uri, { folders, analyzer, publisher, isOpen: (uri) => documents.get(uri) !== undefined, log });
  });

  registerFeatures({ connection, documents, folders, analyzer, sync, log });

  connection.onShutdown(() => {
    shuttingDown = true;
    if (treeTimer) clearTimeout(treeTimer);
    analyzer.dispose();
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

export function redirectConsole(connection: Connection): void {
  const send = (write: (message: string) => void) => (...args: unknown[]) => write(format(...args));
  console.log = send((m) => connection.console.log(m));
  console.info = send((m) => connection.console.info(m));
  console.warn = send((m) => connection.console.warn(m));
  console.error = send((m) => connection.console.error(m));
  console.debug = send((m) => connection.console.log(m));
}

/** The folders above the given roots, up to the file system's root, each once: where a config could cascade from. */
function foldersAbove(roots: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const root of roots) {
    for (let dir = root, up = parentDir(dir); up !== dir && !dirs.has(up); dir = up, up = parentDir(dir)) dirs.add(up);
  }
  return [...dirs];
}
