// The custom part of the protocol between this extension and the strategy-lint language server.
// Everything else is plain LSP. The names are public: other editors may use them too.

/** Request (client → server, no params): the Strategy view's top-level nodes. */
export const STRATEGY_TREE_REQUEST = 'strategyLint/strategyTree';

/** Notification (server → client, no params): the tree changed; ask again. */
export const STRATEGY_TREE_CHANGED_NOTIFICATION = 'strategyLint/strategyTreeChanged';

/** Request (client → server, no params; result `{ files }`): reload the config and re-check every taking-part file. */
export const RELINT_REQUEST = 'strategyLint/relint';

/** Request (client → server, no params; result `ReportResult`): each workspace folder's alignment report. */
export const REPORT_REQUEST = 'strategyLint/report';

/** One folder's report: the model (as `strategy-lint report --format json`), its HTML sections with linked declarations, its Mermaid source. */
export interface FolderReport {
  name: string;
  /** The folder's URI (as the server names it): paths in the model and `data-file` in the HTML are relative to it. */
  uri: string;
  model: unknown;
  html: string;
  mermaid: string;
}

export interface ReportResult {
  folders: FolderReport[];
  /** The CSS for `html`. */
  style: string;
}

/** The code action kind of strategy-lint's fix-all (usable in `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.strategyLint';

/** `source` of every diagnostic the server publishes (SPEC §6). */
export const DIAGNOSTIC_SOURCE = 'strategy-lint';

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/**
 * One node of the Strategy view as the server sends it: objectives → initiatives → metrics, and a
 * last node of kind 'group' ("Orphan initiatives") holding the initiatives linked to no objective.
 */
export interface StrategyTreeNode {
  /** The entity's id (for a group, a stable name). Not unique in the tree: a metric may sit under several initiatives. */
  id: string;
  kind: 'objective' | 'metric' | 'initiative' | 'owner' | 'prd' | 'group' | (string & {});
  label: string;
  detail?: string;
  /** Where the entity is declared (absent for a group). */
  uri?: string;
  range?: LspRange;
  orphan?: boolean;
  /** Why the initiative is an orphan: phrases such as "no owner", or rule ids such as "initiative-owner". */
  orphanReasons?: string[];
  children?: StrategyTreeNode[];
}

/**
 * The `strategyLint` settings the server reads: this object is the initializationOptions and the
 * answer to workspace/configuration for section 'strategyLint'; didChangeConfiguration sends it
 * as `settings.strategyLint`.
 */
export interface ServerSettings {
  /** 'onType': lint open documents as they change; 'onSave': only when saved. */
  run: 'onType' | 'onSave';
  /** Quiet time after a change before linting, in 'onType' mode. */
  debounceMs: number;
  /** Findings accepted by strategy-lint-suppressions.json: 'hint' shows them as hints, 'hide' not at all. */
  suppressedFindings: 'hint' | 'hide';
  /** Start each folder from the lint cache `strategy-lint --cache` wrote. */
  cache: boolean;
  /** Where that cache is (`--cache-location`, relative to the folder's root); '' for the default. */
  cacheLocation: string;
  /** The bulk suppressions file (`--suppressions-location`, relative to the folder's root); '' for the default. */
  suppressionsLocation: string;
  /** Parsing worker threads for a folder's first scan, as `--concurrency`: 'auto', 'off' or a number ('1'..'64'). */
  concurrency: string;
}
