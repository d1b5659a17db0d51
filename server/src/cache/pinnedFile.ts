import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';

/** Where a part of the lint cache lies: offset, length in bytes, CRC-32. */
export type Part = [at: number, bytes: number, crc: number];

/** The file a cache was read from, as fstat saw it: a part is read only from that same file. */
export interface FileStamp {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

export function sameFile(stat: FileStamp, stamp: FileStamp): boolean {
  return stat.dev === stamp.dev && stat.ino === stamp.ino && stat.size === stamp.size && stat.mtimeMs === stamp.mtimeMs;
}

/**
 * The cache file as it was read, held open: its parts are read again through it (restoredParse) after
 * this run or another wrote the cache anew or over its end, which changes neither the file it holds
 * (a new file is renamed over it) nor the parts it read (only what follows them is written over).
 * Closed when no restored parse needs it any more. The language server's hashing worker reads the
 * stored diagnostics through one too (parallel/hashWorker.ts): this module is all it takes of the cache.
 */
export class PinnedFile {
  private static readonly closing = new FinalizationRegistry<number>((fd) => {
    try {
      closeSync(fd);
    } catch {
      // Already closed.
    }
  });

  private constructor(private readonly fd: number) {}

  /** The file at `location`, if it is still the one `stamp` describes. */
  static open(location: string, stamp: FileStamp): PinnedFile | undefined {
    let fd: number | undefined;
    try {
      fd = openSync(location, 'r');
      if (!sameFile(fstatSync(fd), stamp)) {
        closeSync(fd);
        return undefined;
      }
      const pinned = new PinnedFile(fd);
      PinnedFile.closing.register(pinned, fd, pinned);
      return pinned;
    } catch {
      if (fd !== undefined) closeSync(fd);
      return undefined;
    }
  }

  /**
   * Closes the file now. A worker thread's must: its fds are the process's, and a thread ended
   * (terminate) runs no finaliser.
   */
  close(): void {
    PinnedFile.closing.unregister(this);
    try {
      closeSync(this.fd);
    } catch {
      // Already closed.
    }
  }

  /** Reads the bytes at `at` into `buffer` (filling it if the file holds that many); how many were read, -1 when none could be. */
  readInto(buffer: Buffer, at: number): number {
    try {
      return readSync(this.fd, buffer, 0, buffer.length, at);
    } catch {
      return -1;
    }
  }

  /** A part's bytes (a buffer of their own), checked against its CRC-32; undefined when they cannot be read or are damaged. */
  read([at, bytes, crc]: Part): Buffer | undefined {
    try {
      const buffer = Buffer.allocUnsafe(bytes);
      if (readSync(this.fd, buffer, 0, bytes, at) !== bytes) return undefined;
      return crc32(buffer) === crc ? buffer : undefined;
    } catch {
      return undefined;
    }
  }
}
