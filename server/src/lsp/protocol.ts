import { NotificationType0, RequestType, RequestType0 } from 'vscode-languageserver/node';
import type { AnalysisStats } from './analysis.js';
import type { ReportResult } from './report.js';
import type { StrategyTreeNode } from './tree.js';

/**
 * strategy-lint's own messages, beyond LSP. The VS Code extension (client/) relies on these exact
 * names; other editors may use them too.
 */

/** The Strategy view: objectives → child objectives, metrics and initiatives (→ metrics); then the orphan group. */
export const StrategyTreeRequest = new RequestType<Record<string, never>, StrategyTreeNode[], void>('strategyLint/strategyTree');

/** Sent after diagnostics settle when what the Strategy view shows has changed: request the tree again. */
export const StrategyTreeChangedNotification = new NotificationType0('strategyLint/strategyTreeChanged');

/** The alignment report of each workspace folder (model, HTML sections with links, Mermaid source), for the report webview. */
export const ReportRequest = new RequestType0<ReportResult, void>('strategyLint/report');

/** Re-reads every folder's config and files from disk and re-lints everything. */
export const RelintRequest = new RequestType0<{ files: number }, void>('strategyLint/relint');

export interface ServerStats {
  /** Timings of the last analysis (an edit, a disk change, a scan), or null before the first. */
  lastAnalysis: AnalysisStats | null;
  analyses: number;
  /** totalMs of the recent analyses, oldest first (at most 200). */
  recentTotalMs: number[];
  /** Files in the index, over all folders. */
  files: number;
  /** Files waiting to be linted. */
  pendingFiles: number;
  /** Nothing scheduled, running or waiting: no edit in its debounce, no scan, no file left to lint. */
  idle: boolean;
}

/**
 * Web extension only (server → client): the server runs in a web worker with no disk, and asks the
 * extension, which reads the workspace through VS Code's file system API.
 */
export interface FolderListing {
  /** Every file under the folder that may take part or steer what does (documents, configs, .gitignore, suppressions). */
  files: string[];
  /** The texts of the small files that steer discovery (configs, .gitignore, suppressions), by URI. */
  texts: Record<string, string>;
  /** Marker folders that discovery looks for (a `.git` folder: the repository root). */
  folders: string[];
}

export const ListFolderRequest = new RequestType<{ uri: string }, FolderListing, void>('strategyLint/listFolder');

/** A file's text, null when it does not exist or is not UTF-8 text. */
export const ReadFileRequest = new RequestType<{ uri: string }, string | null, void>('strategyLint/readFile');

export const StatRequest = new RequestType<{ uri: string }, 'file' | 'directory' | null, void>('strategyLint/stat');

/** Timings for the benchmark script. */
export const StatsRequest = new RequestType0<ServerStats, void>('strategyLint/stats');

export type { ReportResult, StrategyTreeNode };
