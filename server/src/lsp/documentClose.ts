import type { Analyzer } from './analysis.js';
import { readTextFile } from './folderFiles.js';
import type { Folders } from './folders.js';
import type { DiagnosticsPublisher } from './publisher.js';
import { uriToPath } from './uri.js';

export interface CloseContext {
  folders: Folders;
  analyzer: Analyzer;
  publisher: DiagnosticsPublisher;
  isOpen(uri: string): boolean;
  log(message: string): void;
}

/**
 * When a document closes, its unsaved text is gone: the file on disk takes over again (or, when
 * there is none, or the file is a loose one, it leaves the index and its diagnostics are cleared).
 */
export function closeDocument(uri: string, context: CloseContext): void {
  const file = uriToPath(uri);
  const folder = file && context.folders.folderFor(file);
  if (!file || !folder || !folder.engine.getFile(file)) return;
  if (folder.loose && context.folders.all().includes(folder) && !context.folders.isShared(folder)) {
    // A document that was linted alone: its workspace and its diagnostics go with it.
    folder.engine.remove(file);
    context.folders.closed(file);
    context.publisher.clear(file);
    return;
  }
  void folder
    .enqueue(async () => {
      const text = folder.loose ? undefined : await readTextFile(file);
      if (context.isOpen(uri) || folder.disposed || !folder.engine.getFile(file)) return;
      const affected = text === undefined ? folder.engine.remove(file) : folder.engine.update(file, text);
      affected.add(file);
      context.analyzer.markDirty(folder, affected);
    })
    .catch((error) => context.log(`closing ${file} failed: ${(error as Error)?.stack ?? error}`));
}
