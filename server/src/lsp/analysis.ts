import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { Finding } from '../model/finding.js';
import type { ParsedFile } from '../model/file.js';
import type { LineMap } from '../text/lineMap.js';
import { asSuppressed, toDiagnostic, toDiagnosticWith, toSuppressedDiagnostic } from './diagnostics.js';
import type { DiagnosticsEncoding } from './diagnosticsEncoding.js';
import type { StoredFindings } from './folderCache.js';
import { namesFile, splitBySuppressions } from './folderSuppressions.js';
import type { FolderState, Folders } from './folders.js';
import type { DiagnosticsPublisher } from './publisher.js';
import type { ServerSettings } from './settings.js';
import { treeSignature } from './tree.js';
import { hasLinkedRoots, pathToUri, uriToPath } from './uri.js';

/** Timings of one analysis (from the edit being applied to the last diagnostics sent), for `strategyLint/stats`. */
export interface AnalysisStats {
  trigger: string;
  /** ms since the epoch. */
  startedAt: number;
  /** Re-parsing edited documents and computing what they affect (engine.update). */
  updateMs: number;
  lintMs: number;
  publishMs: number;
  totalMs: number;
  filesUpdated: number;
  filesLinted: number;
  diagnosticsSent: number;
}

/** Told as the files of one markDirty call are linted (a scan's progress), then once all are. */
export interface LintWatcher {
  linted(done: number, total: number): void;
  /** Every file was linted and its diagnostics handed to the connection (or the analysis gave up). */
  finished(): void;
}

/**
 * A background re-check under way: a file's rules run a few at a time across slices (an owners
 * file's or a portfolio's take several milliseconds), valid while the index it reads is unchanged.
 */
interface LintJob {
  folder: FolderState;
  file: string;
  steps: Generator<void, Finding[]>;
  /** The index's version and the engine's configuration generation when the job started. */
  version: number;
  generation: number;
  lintMs: number;
}

export interface AnalyzerHooks {
  /** Called once diagnostics have settled (nothing left to lint), with whether the Strategy view changed. */
  onSettled(treeChanged: boolean): void;
  log(message: string): void;
}

/**
 * How long one slice of linting may hold the event loop before requests get their turn. A
 * keystroke that arrives while the files an earlier one affects are re-checked waits for the slice
 * to end (its text is read between slices): short slices let it go first sooner.
 */
const SLICE_MS = 4;

/**
 * Resolves once the messages the client sent meanwhile have been handled. vscode-jsonrpc reads them
 * in the event loop's poll phase and handles each from an immediate queued then, behind the one a
 * slice of linting queued when it ended: resuming from that immediate, the next slice ran before the
 * keystroke's didChange was even seen. Resuming from an immediate queued by an immediate lets the
 * message go first. At 10k heavy documents, typing as fast as the server answers (the bench), a
 * didChange waited a median 13.7 ms to be handled (p95 19.1) behind slices re-checking the files
 * the previous keystroke affected, then took 3.2 ms to publish; waiting only for the slice under
 * way, the keystroke took 11.6 ms from the client's send to its diagnostics instead of 18 (p95 16.4
 * against 24.7; traced 2026-12-07).
 */
function afterIncomingMessages(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/**
 * Diagnostics carry no fixes: code actions lint the file again when asked (codeActions.ts). Rules
 * then skip building them (ranking link candidates, placing stubs: ~3% of a scan's thread at 10k
 * heavy documents).
 */
const WITHOUT_FIXES = { fixes: false };

/**
 * Keeps diagnostics current. Edits are applied after a debounce (each re-parses one document and
 * yields the files it affects); affected files are linted in slices and published when their
 * diagnostics changed. An open document's results are published only for the text the engine
 * analysed: while a newer version waits for its debounce, its older results are dropped.
 */
export class Analyzer {
  /** Files to (re-)lint, with the folder that owns them. */
  private readonly dirty = new Map<string, FolderState>();
  /** Files of the documents whose edits were just applied: linted and sent before the files they affect. */
  private readonly edited = new Set<string>();
  /** Open documents whose latest text the engine has not seen yet. */
  private readonly pending = new Set<string>();
  /** Document version given to the engine, by URI. */
  private readonly applied = new Map<string, number>();
  /** In run-on-save mode, files affected by edits that were applied for a request but not linted. */
  private readonly deferred = new Map<string, Map<string, FolderState>>();
  private timer: NodeJS.Timeout | undefined;
  /** When the debounce timer is due (performance.now()). */
  private dueAt = 0;
  private running = false;
  /** A drain is scheduled for the next turn of the event loop. */
  private kicked = false;
  private treeDirty = false;
  private current: AnalysisStats | undefined;
  private last: AnalysisStats | undefined;
  private readonly recent: number[] = [];
  private runs = 0;
  /** Watched markDirty calls whose files are not all linted yet, with those files. */
  private readonly watched = new Map<LintWatcher, { files: Set<string>; total: number }>();
  /** The background re-check under way, one rule per step across slices. */
  private job: LintJob | undefined;

  constructor(
    private readonly folders: Folders,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly publisher: DiagnosticsPublisher,
    private readonly settings: () => ServerSettings,
    private readonly hooks: AnalyzerHooks,
  ) {}

  /** textDocument/didChange (and didOpen): analyse after the debounce, or on save in run-on-save mode. */
  documentChanged(uri: string, immediate = false): void {
    this.pending.add(uri);
    if (immediate) {
      // An opened document is analysed as opened, whatever edits follow (and in run-on-save mode too).
      this.begin('open');
      this.apply(uri, true);
      this.kick('open');
      return;
    }
    if (this.settings().run === 'onSave') return;
    this.schedule(this.settings().debounceMs);
  }

  documentSaved(uri: string): void {
    const deferred = this.deferred.get(uri);
    if (deferred) {
      for (const [file, folder] of deferred) this.dirty.set(file, folder);
      this.deferred.delete(uri);
    }
    if (this.pending.has(uri) || deferred) this.schedule(0);
  }

  documentClosed(uri: string): void {
    this.pending.delete(uri);
    this.applied.delete(uri);
    this.deferred.delete(uri);
  }

  /**
   * Files whose findings may have changed for reasons other than an edit (disk events, scans, config).
   * `watcher` hears as they are linted and once all are (their diagnostics sent before it is told).
   */
  markDirty(folder: FolderState, files: Iterable<string>, treeChanged = true, watcher?: LintWatcher): void {
    const watching = watcher && new Set<string>();
    for (const file of files) {
      this.dirty.set(file, folder);
      watching?.add(file);
    }
    if (watcher) this.watched.set(watcher, { files: watching!, total: watching!.size });
    if (treeChanged) this.treeDirty = true;
    this.kick('disk');
  }

  /**
   * In a folder whose first scan took every finding from the lint cache (FolderState.lintedAhead),
   * lints the files an edit of each of `files` re-checks (LintEngine.dependentsOf), once per file,
   * behind what is already queued. Nothing in that folder was linted, so the workspace-wide values
   * the rules keep current (an owner's initiatives, the ids near a name, PRD link candidates) are not
   * built, nor are the fields of the entities restored from the cache decoded: the first five or six
   * keystrokes in an opened document took 60-120 ms each at 10k heavy documents, against ~17 ms
   * after. Linted ahead, the first keystroke takes ~20 ms. Their diagnostics are sent only where
   * they differ from what the cache showed (the publisher compares digests): normally none.
   */
  lintAheadOfEdits(folder: FolderState, files: Iterable<string>): void {
    const done = folder.lintedAhead;
    if (!done) return;
    let added = false;
    for (const file of files) {
      if (done.has(file)) continue;
      done.add(file);
      // Those queued already keep their place (a Map keeps a key where it was first set).
      for (const f of folder.engine.dependentsOf(file)) this.dirty.set(f, folder);
      added = true;
    }
    if (added) this.kick('ahead');
  }

  /** Applies a document's pending text now, so a request (hover, rename…) sees what the user sees. */
  flush(uri: string): void {
    if (!this.pending.has(uri)) return;
    this.apply(uri, this.settings().run === 'onType');
    this.kick('request');
  }

  flushAll(): void {
    for (const uri of [...this.pending]) this.flush(uri);
  }

  isPending(uri: string): boolean {
    return this.pending.has(uri);
  }

  stats(): { lastAnalysis: AnalysisStats | null; analyses: number; recentTotalMs: number[]; files: number; pendingFiles: number; idle: boolean } {
    let files = 0;
    let busyFolders = 0;
    for (const folder of this.folders.all()) {
      files += folder.engine.index.fileCount;
      busyFolders += folder.inFlight;
    }
    const idle = !this.timer && !this.running && !this.kicked && this.dirty.size === 0 && busyFolders === 0;
    return { lastAnalysis: this.last ?? null, analyses: this.runs, recentTotalMs: [...this.recent], files, pendingFiles: this.dirty.size, idle };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.dueAt = performance.now() + delay;
    this.timer = setTimeout(() => this.applyPending(), delay);
  }

  /** The debounce is over: the pending documents' texts go to the engine, and what they affect is linted. */
  private applyPending(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.begin('edit');
    for (const uri of [...this.pending]) this.apply(uri, true);
    void this.drain();
  }

  /** Gives the engine a document's current text; marks what it affects for linting (or defers that). */
  private apply(uri: string, lint: boolean): void {
    this.pending.delete(uri);
    const document = this.documents.get(uri);
    const file = uriToPath(uri);
    const folder = file && document && this.folders.folderFor(file, true);
    if (!document || !file || !folder || !this.takesPart(folder, file)) return;
    const started = performance.now();
    const before = treeSignature(folder.engine.getFile(file));
    const affected = folder.engine.update(file, document.getText());
    // Opened as the index has it, in a folder started from the cache: what its first edits will re-check.
    if (!affected.size) this.lintAheadOfEdits(folder, [file]);
    affected.add(file);
    this.applied.set(uri, document.version);
    if (treeSignature(folder.engine.getFile(file)) !== before) this.treeDirty = true;
    if (this.current) {
      this.current.updateMs += performance.now() - started;
      this.current.filesUpdated++;
    }
    if (lint) {
      for (const f of affected) this.dirty.set(f, folder);
      this.edited.add(file);
    } else {
      const deferred = this.deferred.get(uri) ?? new Map<string, FolderState>();
      for (const f of affected) deferred.set(f, folder);
      this.deferred.set(uri, deferred);
    }
  }

  /** An open document takes part when discovery listed it, or (loose folder) when it is a strategy file at all. */
  private takesPart(folder: FolderState, file: string): boolean {
    return folder.engine.getFile(file) !== undefined || folder.acceptsOpenFile(file);
  }

  private kick(trigger: string): void {
    if (this.running || this.kicked) return;
    this.kicked = true;
    setImmediate(() => {
      this.kicked = false;
      this.begin(trigger);
      void this.drain();
    });
  }

  private begin(trigger: string): void {
    this.current ??= { trigger, startedAt: Date.now(), updateMs: 0, lintMs: 0, publishMs: 0, totalMs: 0, filesUpdated: 0, filesLinted: 0, diagnosticsSent: 0 };
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const started = performance.now();
    try {
      while (this.dirty.size || this.job) {
        // An edit whose debounce is over goes before the next slice of what earlier edits affect: its
        // timer would otherwise fire only after that slice (the user waits for files they are not in).
        if (this.timer && performance.now() >= this.dueAt) this.applyPending();
        if (this.edited.size) {
          // What the user is typing in first, and sent at once (the connection writes on a later turn):
          // an edit that affects an owners file with thousands of related locations must not wait for it.
          for (const file of this.edited) {
            const folder = this.dirty.get(file);
            if (!folder) continue;
            this.dirty.delete(file);
            this.lintAndPublish(folder, file);
            this.linted(file);
          }
          this.edited.clear();
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        const sliceEnd = performance.now() + SLICE_MS;
        do {
          const job = this.job ?? this.nextJob();
          if (!job) break;
          this.step(job, sliceEnd);
        } while (performance.now() <= sliceEnd);
        this.reportLinted();
        if (this.dirty.size || this.job) await afterIncomingMessages();
      }
    } catch (error) {
      this.hooks.log(`analysis failed: ${(error as Error)?.stack ?? String(error)}`);
    } finally {
      this.running = false;
    }
    // Nothing left to lint: what the rules derived for this pass (the parent graph, memos of links)
    // would be read again only if something were linted before the next change, which drops them.
    if (!this.dirty.size && !this.job) for (const folder of this.folders.all()) folder.engine.index.releaseDerived();
    this.settle(performance.now() - started);
  }

  /**
   * Whether a file's stored diagnostics may be sent as the CLI encoded them (its published form):
   * not when the bulk suppressions file names the file (the server splits its findings), under a
   * folder opened through a symbolic link (the CLI's paths are the real ones) or through a writer
   * that does not send encoded messages.
   */
  storedAsTheyAre(folder: FolderState, file: string): boolean {
    return this.sendsCliPaths() && !namesFile(folder.suppressionsRoot, folder.suppressions, file);
  }

  /** Stored diagnostics can go out as encoded: paths as the CLI sees them (no folder opened through a link), and a writer that sends them so. */
  private sendsCliPaths(): boolean {
    return this.publisher.sendsEncoded && !hasLinkedRoots();
  }

  /**
   * Publishes a file's stored diagnostics as encoded (storedAsTheyAre said they may be; undefined:
   * the file has no findings), unless the folder is gone or the file is open in the editor; returns
   * whether its diagnostics are now out.
   */
  publishStoredEncoded(folder: FolderState, file: string, encoding: DiagnosticsEncoding | undefined): boolean {
    if (folder.disposed || this.documents.get(pathToUri(file))) return false;
    if (encoding) return this.publisher.publishEncoded(file, encoding);
    this.publisher.publish(file, []);
    return true;
  }

  /**
   * Publishes a file's findings as the lint cache stored them, while its folder is still loading
   * (nothing is computed yet): the scan then checks them against the files and re-lints what
   * differs. An open document waits for the scan (the editor's text may not be the disk's).
   * Returns whether the file's diagnostics are now out.
   */
  publishStored(folder: FolderState, file: string, stored: StoredFindings, lineMapOf: (path: string) => LineMap | undefined): boolean {
    if (folder.disposed || this.documents.get(pathToUri(file))) return false;
    const split = namesFile(folder.suppressionsRoot, folder.suppressions, file);
    if (!split && this.sendsCliPaths()) {
      const published = stored.published();
      if (published && this.publisher.publishEncoded(file, published)) return true;
    }
    const findings = stored.findings();
    if (!findings) return false;
    let kept = findings;
    let suppressed: Finding[] = [];
    if (split) {
      const parsed = stored.parsed();
      if (!parsed) return false;
      ({ kept, suppressed } = splitBySuppressions(folder.suppressionsRoot, folder.suppressions, parsed, findings));
    }
    const lineMap = stored.lineMap();
    const diagnostics = kept.map((f) => toDiagnosticWith(f, lineMap, lineMapOf));
    if (this.settings().suppressedFindings === 'hint') for (const f of suppressed) diagnostics.push(asSuppressed(toDiagnosticWith(f, lineMap, lineMapOf), f, path.posix.basename(folder.suppressionsFile)));
    this.publisher.publish(file, diagnostics);
    return true;
  }

  /** Counts a file off the watched calls that wait for it. */
  private linted(file: string): void {
    if (this.watched.size) for (const { files } of this.watched.values()) files.delete(file);
  }

  private reportLinted(): void {
    for (const [watcher, { files, total }] of this.watched) watcher.linted(total - files.size, total);
  }

  /** Lints a file at once and publishes its diagnostics (the file being edited). */
  private lintAndPublish(folder: FolderState, file: string): void {
    const target = this.publishable(folder, file);
    if (!target) return;
    const t0 = performance.now();
    let findings: Finding[] = [];
    if (target.parsed) {
      try {
        findings = folder.engine.lint(file, undefined, WITHOUT_FIXES);
      } catch (error) {
        this.lintFailed(file, error);
      }
    }
    this.publishFindings(folder, file, target.parsed, findings, performance.now() - t0);
  }

  /**
   * The next background re-check, taken from the dirty files; files with nothing to lint are
   * published (cleared) on the way. Undefined when none is left.
   */
  private nextJob(): LintJob | undefined {
    for (const [file, folder] of this.dirty) {
      this.dirty.delete(file);
      const target = this.publishable(folder, file);
      if (target?.parsed) {
        const engine = folder.engine;
        this.job = { folder, file, steps: engine.lintInSteps(file, WITHOUT_FIXES), version: engine.index.version, generation: engine.generation, lintMs: 0 };
        return this.job;
      }
      if (target) this.publishFindings(folder, file, undefined, [], 0);
      this.linted(file);
    }
    return undefined;
  }

  /**
   * Runs a job's rules until it is done or the slice is over; publishes its diagnostics once done.
   * A job whose index changed since it started (an edit was applied) is put back among the dirty
   * files: its findings would mix the two states.
   */
  private step(job: LintJob, sliceEnd: number): void {
    const engine = job.folder.engine;
    if (job.folder.disposed || engine.index.version !== job.version || engine.generation !== job.generation) {
      this.job = undefined;
      if (job.folder.disposed) this.linted(job.file);
      else if (!this.dirty.has(job.file)) this.dirty.set(job.file, job.folder);
      return;
    }
    const t0 = performance.now();
    let findings: Finding[] | undefined;
    try {
      for (;;) {
        const next = job.steps.next();
        if (next.done) {
          findings = next.value;
          break;
        }
        if (performance.now() > sliceEnd) break;
      }
    } catch (error) {
      this.lintFailed(job.file, error);
      findings = [];
    }
    job.lintMs += performance.now() - t0;
    if (!findings) return;
    this.job = undefined;
    const target = this.publishable(job.folder, job.file);
    if (target) this.publishFindings(job.folder, job.file, target.parsed, target.parsed ? findings : [], job.lintMs);
    this.linted(job.file);
  }

  /**
   * Whether a file's diagnostics may be published now, with its parse (none: the file left the
   * index, and its diagnostics are cleared). Undefined when they must not be.
   */
  private publishable(folder: FolderState, file: string): { parsed: ParsedFile | undefined } | undefined {
    // Before the first scan completes nothing is final; the scan marks every file when it ends.
    if (folder.disposed || !folder.ready) return undefined;
    const uri = pathToUri(file);
    // Never publish results for a text older than the editor's: the pending edit will re-lint this file.
    if (this.pending.has(uri)) return undefined;
    const document = this.documents.get(uri);
    if (document && this.applied.has(uri) && this.applied.get(uri) !== document.version) return undefined;
    const parsed = folder.engine.getFile(file);
    // A file that left this folder for another (a nested folder was added) is that folder's to publish.
    if (!parsed && this.folders.folderFor(file) !== folder) return undefined;
    return { parsed };
  }

  private publishFindings(folder: FolderState, file: string, parsed: ParsedFile | undefined, findings: Finding[], lintMs: number): void {
    const t0 = performance.now();
    let diagnostics: ReturnType<typeof toDiagnostic>[] = [];
    if (parsed) {
      try {
        const { kept, suppressed } = splitBySuppressions(folder.suppressionsRoot, folder.suppressions, parsed, findings);
        diagnostics = kept.map((f) => toDiagnostic(f, parsed.lineMap, folder.engine.index));
        if (this.settings().suppressedFindings === 'hint') for (const f of suppressed) diagnostics.push(toSuppressedDiagnostic(f, parsed.lineMap, folder.engine.index, path.posix.basename(folder.suppressionsFile)));
      } catch (error) {
        this.lintFailed(file, error);
      }
    }
    const t1 = performance.now();
    const uri = pathToUri(file);
    const sent = this.publisher.publish(file, diagnostics, this.documents.get(uri) ? this.applied.get(uri) : undefined);
    const t2 = performance.now();
    if (this.current) {
      this.current.lintMs += lintMs + (t1 - t0);
      this.current.publishMs += t2 - t1;
      this.current.filesLinted++;
      if (sent) this.current.diagnosticsSent++;
    }
  }

  private lintFailed(file: string, error: unknown): void {
    this.hooks.log(`linting ${file} failed: ${(error as Error)?.stack ?? String(error)}`);
  }

  private settle(drainMs: number): void {
    if (this.current && (this.current.filesLinted || this.current.filesUpdated)) {
      this.current.totalMs = this.current.updateMs + drainMs;
      this.last = this.current;
      this.current = undefined;
      this.runs++;
      this.recent.push(+this.last.totalMs.toFixed(2));
      if (this.recent.length > 200) this.recent.shift();
    }
    this.current = undefined;
    // Nothing is left to lint (or the analysis failed and gave up): every watched call is done.
    for (const watcher of [...this.watched.keys()]) {
      this.watched.delete(watcher);
      watcher.finished();
    }
    const treeChanged = this.treeDirty;
    this.treeDirty = false;
    this.hooks.onSettled(treeChanged);
  }
}
