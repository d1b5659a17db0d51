import { readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { reasonOf } from './errno.js';

/** A file that cannot be linted as text: the CLI reports it with its path and exits 2. */
export class FileReadError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'FileReadError';
  }
}

/**
 * Reads a file as UTF-8 text (§10.11), keeping a BOM if there is one (the engine strips it and
 * --fix writes it back). Invalid UTF-8 is an error rather than text with replacement characters:
 * a fix must never write back a file it could not read faithfully.
 */
export function readTextFile(path: string): string {
  try {
    // Decoded in one native call (for thousands of small files much faster than reading a Buffer
    // and decoding it); the bytes are read only when decoding replaced something.
    const text = readFileSync(path, 'utf8');
    return text.includes('\uFFFD') ? decodeUtf8(path, readFileSync(path)) : text;
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    throw new FileReadError(path, `cannot read the file: ${reasonOf(error)}`);
  }
}

export function decodeUtf8(path: string, bytes: Buffer): string {
  const text = bytes.toString('utf8');
  // The strict check runs only when decoding replaced something (or the file really holds U+FFFD).
  if (text.includes('\uFFFD') && !isUtf8(bytes)) {
    const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
    throw new FileReadError(path, utf16 ? 'the file is UTF-16; save it as UTF-8' : 'the file is not valid UTF-8 text; save it as UTF-8');
  }
  return text;
}
