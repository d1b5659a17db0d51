import { realpathSync, renameSync, unlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * Replaces a file by writing a temporary file beside it and renaming it over the original, so a
 * reader (or a run stopped half-way) sees the old content or the new, never a part. Through a
 * symbolic link the link's target is replaced and the link kept. `writeTemp` creates `temp`
 * (`target` is the file being replaced); whatever it throws leaves no temporary file behind.
 */
export function replaceFile(filePath: string, writeTemp: (temp: string, target: string) => void): void {
  let target = filePath;
  try {
    target = realpathSync(filePath);
  } catch {
    // A file that does not exist yet is written where it was named.
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.strategy-lint-${process.pid}-${Date.now().toString(36)}.tmp`);
  try {
    writeTemp(temp, target);
    renameSync(temp, target);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Nothing was written, or it is already gone.
    }
    throw error;
  }
}
