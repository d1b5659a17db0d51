import type { Analyzer } from './analysis.js';
import { listFolderFiles, readTextFile } from './folderFiles.js';
import { loadFolderConfig, type FolderConfig } from './folderConfig.js';
import type { FolderState, Folders } from './folders.js';
import { loadFolderSuppressions } from './folderSuppressions.js';
import { isInside } from './uri.js';

export interface SyncContext {
  folders: Folders;
  analyzer: Analyzer;
  /** The editor's text of an open document (which wins over the disk). */
  openText(filePath: string): string | undefined;
  /** Publishes the config's problems (or clears them) and says when the folder runs on defaults. */
  configLoaded(folder: FolderState, loaded: FolderConfig): void;
  /** Where files are not on a local disk (the web worker), refreshes what the folder holds first. */
  prepareFolder?(root: string): Promise<void>;
  log(message: string): void;
}

/**
 * - `initial`, `full` (strategyLint/relint): read every file again and re-lint everything;
 * - `config`: the folder's config changed: reconfigure, re-list, re-lint everything;
 * - `files`: what takes part may have changed (.gitignore, a folder appeared): re-list, read new files.
 */
export type SyncMode = 'initial' | 'full' | 'config' | 'files';

const READ_CONCURRENCY = 32;

/** Brings a folder's engine in line with the disk (and open documents). Runs in the folder's queue. */
export async function syncFolder(folder: FolderState, mode: SyncMode, context: SyncContext): Promise<void> {
  if (folder.disposed || folder.loose) return;
  await context.prepareFolder?.(folder.root);
  if (folder.disposed) return;
  const engine = folder.engine;
  const relintAll = mode !== 'files';
  let loaded: FolderConfig | undefined;
  if (mode !== 'files') {
    loaded = loadFolderConfig(folder.root);
    engine.configure(loaded.cascade);
    folder.suppressionsRoot = loaded.cascade.top;
    folder.suppressions = await loadFolderSuppressions(folder.suppressionsRoot, context.log);
    if (folder.disposed) return;
  }

  let listed: string[];
  try {
    listed = listFolderFiles(folder.root, engine.configs, context.log);
  } catch (error) {
    context.log(`cannot list ${folder.root}: ${(error as Error).message}`);
    listed = [];
  }
  // The configs of the subfolders are read as the listing walks into them.
  if (loaded) context.configLoaded(folder, loaded);
  const nested = context.folders.nestedRoots(folder);
  const wanted = new Set(nested.length ? listed.filter((p) => !nested.some((root) => isInside(p, root))) : listed);

  const dirty = new Set<string>();
  for (const file of folder.filePaths()) {
    if (wanted.has(file)) continue;
    for (const p of engine.remove(file)) dirty.add(p);
    dirty.add(file);
  }
  const known = new Set(folder.filePaths());
  const toRead = mode === 'files' ? [...wanted].filter((p) => !known.has(p)) : [...wanted];
  // A folder loaded from nothing is loaded, then linted as a whole: cheaper than computing what each file affects.
  const bulk = relintAll || known.size === 0;
  await forEachLimited(toRead, READ_CONCURRENCY, async (file) => {
    let text = context.openText(file);
    // The document may have been opened while the disk was read: the editor's text wins.
    if (text === undefined) text = context.openText(file) ?? (await readTextFile(file));
    if (text !== undefined) text = context.openText(file) ?? text;
    if (folder.disposed || text === undefined) return;
    if (bulk) engine.load(file, text);
    else for (const p of engine.update(file, text)) dirty.add(p);
  });
  if (folder.disposed) return;
  if (relintAll || bulk) for (const file of folder.filePaths()) dirty.add(file);
  folder.ready = true;
  context.analyzer.markDirty(folder, dirty);
}



async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
