// Starts, stops and restarts the strategy-lint language server: the bundled server run with --stdio
// (desktop, nodeServer.ts) or in a web worker (VS Code for the web, browserServer.ts).
import * as vscode from 'vscode';
import {
  CloseAction,
  DidChangeConfigurationNotification,
  State,
  type BaseLanguageClient,
  type DocumentSelector,
  type ErrorHandler,
  type LanguageClientOptions,
} from 'vscode-languageclient';
import { STRATEGY_TREE_CHANGED_NOTIFICATION } from './protocol.js';
import { SECTION, readSettings, serverSettings, type ExtensionSettings } from './settings.js';

export type ServerState = 'stopped' | 'starting' | 'running' | 'failed' | 'disabled';

/** Files whose change on disk can change a diagnostic: documents, configs (any name `include` may pick) and .gitignore. */
const WATCHED_FILES = ['**/*.{md,markdown,yaml,yml}', '**/.strategylint.json', '**/.gitignore', '**/strategy-lint-suppressions.json'];

/** How the server is run where the extension runs. */
export interface ServerLauncher {
  /** What the output channel says when the server starts. */
  describe(settings: ExtensionSettings): string;
  /** The documents the client syncs (desktop: on disk or untitled; web: the workspace's own scheme). */
  documentSelector(): DocumentSelector;
  /** A client for the server, not yet started; `options` are the platform-independent ones. */
  create(id: string, name: string, options: LanguageClientOptions, settings: ExtensionSettings): BaseLanguageClient | Promise<BaseLanguageClient>;
}

export class ServerController implements vscode.Disposable {
  private client: BaseLanguageClient | undefined;
  private current: ServerState = 'stopped';
  private readonly stateEmitter = new vscode.EventEmitter<ServerState>();
  private readonly treeChangedEmitter = new vscode.EventEmitter<void>();
  /** Serialises start/stop so that quick toggles never leave two servers running. */
  private queue: Promise<unknown> = Promise.resolve();
  private lastStart: Promise<void> = Promise.resolve();
  private runMode: string | undefined;
  /** The client does not dispose the watchers it is given. */
  private watchers: vscode.FileSystemWatcher[] = [];

  /** Fires with the new state. */
  readonly onDidChangeState = this.stateEmitter.event;
  /** Fires when the server says the Strategy tree changed. */
  readonly onDidChangeStrategyTree = this.treeChangedEmitter.event;

  constructor(
    private readonly launcher: ServerLauncher,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  get state(): ServerState {
    return this.current;
  }

  /** The running client, if any (undefined while stopped, disabled or failed). */
  get languageClient(): BaseLanguageClient | undefined {
    return this.current === 'running' ? this.client : undefined;
  }

  /** Resolves when the last requested start has finished (rejects if the server could not start). */
  whenStarted(): Promise<void> {
    return this.lastStart;
  }

  /** Starts the server unless `strategyLint.enable` is off. */
  start(): Promise<void> {
    this.lastStart = this.enqueue(() => this.doStart());
    return this.lastStart;
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  restart(): Promise<void> {
    this.lastStart = this.enqueue(async () => {
      await this.doStop();
      await this.doStart();
    });
    return this.lastStart;
  }

  /**
   * Applies changed settings: stops or starts the server for `enable`, restarts it where only a
   * restart helps, else tells the running server. Queued, so quick toggles end in the last state.
   */
  settingsChanged(): Promise<void> {
    this.lastStart = this.enqueue(async () => {
      const settings = readSettings();
      if (!settings.enable) return this.doStop();
      if (!this.client) return this.doStart();
      const client = this.languageClient;
      // Pull diagnostics are triggered by the client, with options fixed when the client is made.
      const pulls = client?.initializeResult?.capabilities.diagnosticProvider !== undefined;
      if (pulls && settings.run !== this.runMode) {
        await this.doStop();
        return this.doStart();
      }
      await client?.sendNotification(DidChangeConfigurationNotification.type, { settings: { [SECTION]: serverSettings() } });
    });
    return this.lastStart;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private setState(state: ServerState): void {
    if (state === this.current) return;
    this.current = state;
    this.stateEmitter.fire(state);
  }

  private async doStart(): Promise<void> {
    const settings = readSettings();
    if (!settings.enable) {
      this.output.info('strategyLint.enable is off: the language server is not started.');
      this.setState('disabled');
      return;
    }
    if (this.client) return;
    let client: BaseLanguageClient;
    try {
      client = await this.createClient(settings);
    } catch (error) {
      this.setState('failed');
      this.output.error(`The strategy-lint language server could not be set up: ${String(error)}`);
      throw error;
    }
    if (this.client) return void client.dispose(); // started meanwhile
    this.client = client;
    this.runMode = settings.run;
    client.onDidChangeState(({ newState }) => {
      if (this.client !== client) return;
      if (newState === State.Running) this.setState('running');
      else if (newState === State.Starting) this.setState('starting');
    });
    this.setState('starting');
    try {
      await client.start();
      client.onNotification(STRATEGY_TREE_CHANGED_NOTIFICATION, () => this.treeChangedEmitter.fire());
      this.setState('running');
      this.treeChangedEmitter.fire();
    } catch (error) {
      this.setState('failed');
      this.output.error(`The strategy-lint language server could not start: ${String(error)}`);
      throw error;
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        if (client.needsStop()) await client.stop(5_000);
      } catch (error) {
        this.output.warn(`Stopping the language server: ${String(error)}`);
      }
      await client.dispose().catch(() => undefined);
    }
    for (const watcher of this.watchers.splice(0)) watcher.dispose();
    this.setState(readSettings().enable ? 'stopped' : 'disabled');
    this.treeChangedEmitter.fire();
  }

  private async createClient(settings: ExtensionSettings): Promise<BaseLanguageClient> {
    this.watchers = WATCHED_FILES.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
    // The client's default handler restarts a crashed server (up to 4 times in 3 minutes); this
    // one delegates to it and tells a restart from giving up, which the client's states do not.
    let client: BaseLanguageClient | undefined;
    let fallback: ErrorHandler | undefined;
    const handler = () => (fallback ??= client!.createDefaultErrorHandler());
    const errorHandler: ErrorHandler = {
      error: (error, message, count) => handler().error(error, message, count),
      closed: async () => {
        const result = await handler().closed();
        if (this.client === client) this.setState(result.action === CloseAction.Restart ? 'starting' : 'failed');
        return result;
      },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: this.launcher.documentSelector(),
      errorHandler,
      outputChannel: this.output,
      // The `strategyLint` section itself; didChangeConfiguration sends it as `settings.strategyLint`.
      initializationOptions: () => serverSettings(),
      synchronize: {
        fileEvents: this.watchers,
      },
      diagnosticPullOptions: { onChange: settings.run === 'onType', onSave: true },
      markdown: { isTrusted: false, supportHtml: false },
      middleware: {
        workspace: {
          // Answer workspace/configuration for our section with the normalised settings.
          configuration: async (params, token, next) => {
            const result = await next(params, token);
            if (!Array.isArray(result)) return result;
            return params.items.map((item, i) => {
              if (item.section !== SECTION) return result[i];
              const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
              return serverSettings(vscode.workspace.getConfiguration(SECTION, scope));
            });
          },
        },
      },
    };
    this.output.info(`Starting the strategy-lint language server${this.launcher.describe(settings)}`);
    client = await this.launcher.create(SECTION, 'Strategy Lint', clientOptions, settings);
    return client;
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.stateEmitter.dispose();
    this.treeChangedEmitter.dispose();
  }
}
