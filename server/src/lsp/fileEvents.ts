import * as path from 'node:path';
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import { languageOf } from '../parse/parseFile.js';
import type { Analyzer } from './analysis.js';
import { takingPart } from './folderFiles.js';
import { isConfigFileName } from '../config/schema.js';
import type { FolderState, Folders } from './folders.js';
import { syncFolder, type SyncContext } from './sync.js';
import { readTextFile as readText } from './folderFiles.js';
import { isInside, uriToPath } from './uri.js';
import { stat } from 'node:fs/promises';

/**
 * workspace/didChangeWatchedFiles: keeps each folder's index in line with the disk. Open documents
 * are left alone (the editor's text wins until they are closed). A changed config (any of the
 * cascade, §10.12) or
 * .gitignore re-lists the folder; a folder created or deleted (a move) adds or drops its files.
 */
export class FileEventHandler {
  constructor(
    private readonly folders: Folders,
    private readonly analyzer: Analyzer,
    private readonly isOpen: (filePath: string) => boolean,
    private readonly sync: SyncContext,
  ) {}

  handle(events: readonly FileEvent[]): void {
    const byFolder = new Map<FolderState, Map<string, FileChangeType>>();
    const configAbove = new Set<FolderState>();
    for (const event of events) {
      const file = uriToPath(event.uri);
      // A config above a workspace folder cascades into it (§10.12): the folder's configuration changed.
      if (file && isConfigPath(file)) {
        for (const f of this.folders.all()) if (!f.loose && f.root !== path.posix.dirname(file) && isInside(f.root, path.posix.dirname(file))) configAbove.add(f);
      }
      const folder = file && this.folders.folderFor(file);
      if (!file || !folder || folder.loose) continue;
      const changes = byFolder.get(folder) ?? new Map<string, FileChangeType>();
      changes.set(file, event.type); // the last event for a path wins
      byFolder.set(folder, changes);
    }
    for (const [folder, changes] of byFolder) void folder.enqueue(() => this.apply(folder, changes));
    for (const folder of configAbove) {
      // A folder whose own events hold a config is re-configured by apply() already.
      if (![...(byFolder.get(folder)?.keys() ?? [])].some(isConfigPath)) void folder.enqueue(() => syncFolder(folder, 'config', this.sync));
    }
  }

  private async apply(folder: FolderState, changes: Map<string, FileChangeType>): Promise<void> {
    if (folder.disposed) return;
    const paths = [...changes.keys()];
    if (paths.some(isConfigPath)) {
      await syncFolder(folder, 'config', this.sync);
      return;
    }
    if (paths.includes(folder.suppressionsFile)) {
      await folder.loadSuppressions(this.sync.suppressionsLocation(), this.sync.log);
      if (folder.disposed) return;
      this.analyzer.markDirty(folder, folder.filePaths(), false);
    }
    let relist = paths.some((p) => path.posix.basename(p) === '.gitignore');
    const dirty = new Set<string>();
    const engine = folder.engine;
    const candidates: string[] = [];
    let dirs: Set<string> | undefined;
    for (const [file, type] of changes) {
      if (this.isOpen(file)) continue;
      if (type === FileChangeType.Deleted) {
        if (engine.getFile(file)) for (const p of engine.remove(file)) dirty.add(p);
        else if ((dirs ??= directoriesOf(folder)).has(file)) {
          // A deleted folder is reported as one path: drop what was inside it.
          for (const known of folder.filePaths()) if (isInside(known, file) && !this.isOpen(known)) for (const p of engine.remove(known)) dirty.add(p);
          dirs = undefined;
        }
        dirty.add(file);
      } else if (mayTakePart(file) || engine.getFile(file)) candidates.push(file);
      else if (type === FileChangeType.Created && !relist && (await isDirectory(file))) relist = true;
    }
    const accepted = candidates.length ? takingPart(folder.root, engine.configs, candidates.filter((p) => !this.insideNested(folder, p))) : new Set<string>();
    for (const file of candidates) {
      if (!accepted.has(file)) {
        // No longer taking part (or never did): make sure nothing of it stays.
        if (engine.getFile(file)) for (const p of engine.remove(file)) dirty.add(p);
        continue;
      }
      const text = await readText(file);
      if (folder.disposed) return;
      if (text === undefined || this.isOpen(file)) continue;
      for (const p of engine.update(file, text)) dirty.add(p);
    }
    if (dirty.size) this.analyzer.markDirty(folder, dirty);
    if (relist) await syncFolder(folder, 'files', this.sync);
  }

  private insideNested(folder: FolderState, file: string): boolean {
    return this.folders.nestedRoots(folder).some((root) => isInside(file, root));
  }
}

/** Every folder that holds an indexed file of `folder`, up to its root. */
function directoriesOf(folder: FolderState): Set<string> {
  const dirs = new Set<string>();
  for (const file of folder.filePaths()) {
    for (let dir = path.posix.dirname(file); dir.length > folder.root.length && !dirs.has(dir); dir = path.posix.dirname(dir)) dirs.add(dir);
  }
  return dirs;
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

const isConfigPath = (file: string) => isConfigFileName(path.posix.basename(file));

/**
 * A file whose change on disk may concern the folder: a default name (Markdown, *.strategy.yaml) or
 * any YAML file, which a template (a KEP's kep.yaml) or a config `include` can take in; discovery
 * then decides, as for the CLI. (A file already indexed under another name is one too.)
 */
const mayTakePart = (file: string) => languageOf(file) !== undefined || /\.ya?ml$/i.test(file);
