// `node:fs` for the language server in a web worker (the web extension), where there is no disk.
// The esbuild web bundle maps `node:fs` here (scripts/build.mjs), so the engine's discovery,
// config loading and reading keep their code. What they read is a mirror of each workspace
// folder that the extension fills through VS Code's file system API (workspace.fs): the folder's
// listing and its small control files at each scan (`mirrorFolder`), a document's text when it is
// read asynchronously (fs/promises, always asked afresh). Writing is not possible here: `--fix` is
// the CLI's; the editor applies fixes as edits.

/** What the extension answers about the workspace (see server/src/lsp/web/main.ts). */
export interface FileSource {
  /** A file's text; undefined when it does not exist or is not UTF-8 text. */
  readFile(path: string): Promise<string | undefined>;
  stat(path: string): Promise<'file' | 'directory' | undefined>;
}

type EntryKind = 'file' | 'directory';

const texts = new Map<string, string>();
const entries = new Map<string, Map<string, EntryKind>>();
let source: FileSource | undefined;

export function setFileSource(files: FileSource): void {
  source = files;
}

/**
 * Replaces what is known under `root` with a fresh listing: every file path, the texts known so
 * far (control files: configs, .gitignore, suppressions) and marker folders (e.g. `.git`).
 */
export function mirrorFolder(root: string, files: readonly string[], known: Readonly<Record<string, string>>, folders: readonly string[] = []): void {
  const prefix = root.endsWith('/') ? root : `${root}/`;
  for (const path of [...texts.keys()]) if (path.startsWith(prefix)) texts.delete(path);
  for (const dir of [...entries.keys()]) if (dir === root || dir.startsWith(prefix)) entries.delete(dir);
  addEntry(root, 'directory');
  for (const dir of folders) addEntry(dir, 'directory');
  for (const file of files) {
    addEntry(file, 'file');
    const text = known[file];
    if (text !== undefined) texts.set(file, text);
  }
}

function parentOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

function addEntry(path: string, kind: EntryKind): void {
  if (path === '/') return;
  const parent = parentOf(path);
  let names = entries.get(parent);
  if (!names) {
    entries.set(parent, (names = new Map()));
    addEntry(parent, 'directory');
  }
  names.set(path.slice(parent.length === 1 ? 1 : parent.length + 1), kind);
  if (kind === 'directory' && !entries.has(path)) entries.set(path, new Map());
}

function removeEntry(path: string): void {
  texts.delete(path);
  const parent = parentOf(path);
  entries.get(parent)?.delete(path.slice(parent.length === 1 ? 1 : parent.length + 1));
}

function kindOf(path: string): EntryKind | undefined {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (entries.has(clean)) return 'directory';
  const parent = parentOf(clean);
  return entries.get(parent)?.get(clean.slice(parent.length === 1 ? 1 : parent.length + 1));
}

function missing(operation: string, path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, ${operation} '${path}'`), { code: 'ENOENT', path });
}

/** The bytes of a text, whose toString() is the text (what `decodeUtf8` reads from a Buffer). */
class TextBytes extends Uint8Array {
  constructor(private readonly text: string) {
    super(new TextEncoder().encode(text));
  }
  override toString(): string {
    return this.text;
  }
}

class Stats {
  constructor(private readonly kind: EntryKind, readonly size = 0) {}
  isFile(): boolean {
    return this.kind === 'file';
  }
  isDirectory(): boolean {
    return this.kind === 'directory';
  }
  isSymbolicLink(): boolean {
    return false;
  }
  readonly mtimeMs = 0;
  readonly mode = 0o644;
}

class Dirent extends Stats {
  constructor(readonly name: string, kind: EntryKind) {
    super(kind);
  }
}

export function existsSync(path: string): boolean {
  return kindOf(path) !== undefined;
}

export function statSync(path: string): Stats {
  const kind = kindOf(path);
  if (!kind) throw missing('stat', path);
  return new Stats(kind, texts.get(path)?.length ?? 0);
}

export const lstatSync = statSync;

export function realpathSync(path: string): string {
  if (!kindOf(path)) throw missing('realpath', path);
  return path;
}

export function readdirSync(path: string, options?: { withFileTypes?: boolean }): (string | Dirent)[] {
  const names = entries.get(path.length > 1 ? path.replace(/\/+$/, '') : path);
  if (!names) throw missing('scandir', path);
  return [...names].map(([name, kind]) => (options?.withFileTypes ? new Dirent(name, kind) : name));
}

export function readFileSync(path: string, encoding?: string | { encoding?: string }): string | Uint8Array {
  const text = texts.get(path);
  if (text === undefined) throw missing('open', path);
  return encoding ? text : new TextBytes(text);
}

function readOnly(name: string): () => never {
  return () => {
    throw new Error(`${name}: the web extension does not write files (fixes are applied by the editor)`);
  };
}

export const writeFileSync = readOnly('writeFileSync');
export const renameSync = readOnly('renameSync');
export const unlinkSync = readOnly('unlinkSync');
export const chmodSync = readOnly('chmodSync');
export const chownSync = readOnly('chownSync');
export const accessSync = readOnly('accessSync');
export const constants = { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 };

/** `node:fs/promises`: asks the extension afresh, and keeps the mirror in line with the answer. */
export const promises = {
  async readFile(path: string, encoding?: string | { encoding?: string }): Promise<string | Uint8Array> {
    const text = source ? await source.readFile(path) : texts.get(path);
    if (text === undefined) {
      if (source) removeEntry(path);
      throw missing('open', path);
    }
    addEntry(path, 'file');
    texts.set(path, text);
    return encoding ? text : new TextBytes(text);
  },
  async stat(path: string): Promise<Stats> {
    const kind = source ? await source.stat(path) : kindOf(path);
    if (!kind) throw missing('stat', path);
    return new Stats(kind);
  },
};
