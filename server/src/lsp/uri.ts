import { URI } from 'vscode-uri';

/**
 * The engine names files by absolute, '/'-separated paths; LSP names them by URIs.
 * Windows paths keep their drive letter upper-cased so both sides agree whatever the client sends.
 */
export function uriToPath(uri: string): string | undefined {
  let parsed: URI;
  try {
    parsed = URI.parse(uri);
  } catch {
    return undefined;
  }
  if (parsed.scheme !== 'file') return untitledPaths.get(uri);
  return toReal(normalisePath(parsed.fsPath));
}

/**
 * Workspace folders opened through a symbolic link: the server works in the folder's real path,
 * as the CLI does (its working folder comes resolved), so that the configs, the lint cache and
 * every path the engine holds are the ones a CLI run from the folder sees; the client keeps the
 * paths it opened, through the link.
 */
const linkedRoots: { link: string; real: string }[] = [];

/** From now on, paths under `link` are read as under `real`, and paths under `real` are sent to the client under `link`. */
export function registerLinkedRoot(link: string, real: string): void {
  if (link === real || linkedRoots.some((r) => r.link === link)) return;
  linkedRoots.push({ link, real });
  uriOfPath.clear();
}

/** Whether some folder was opened through a link (then paths are sent as the editor opened them, not as they are). */
export function hasLinkedRoots(): boolean {
  return linkedRoots.length > 0;
}

function toReal(filePath: string): string {
  for (const { link, real } of linkedRoots) if (isInside(filePath, link)) return real + filePath.slice(link.length);
  return filePath;
}

function toLink(filePath: string): string {
  for (const { link, real } of linkedRoots) if (isInside(filePath, real)) return link + filePath.slice(real.length);
  return filePath;
}

/**
 * Untitled documents (never saved) have no path: each gets a made-up one under `/untitled:/`,
 * with the extension of its language so it is parsed as what it is, and is linted alone (§9).
 */
const untitledPaths = new Map<string, string>();
const untitledUris = new Map<string, string>();

export function registerUntitled(uri: string, languageId: string): string | undefined {
  if (!uri.startsWith('untitled:')) return undefined;
  const known = untitledPaths.get(uri);
  if (known) return known;
  const extension = languageId === 'yaml' ? '.strategy.yaml' : '.md';
  const name = uri.slice('untitled:'.length).replace(/[^A-Za-z0-9_.-]+/g, '-') || 'untitled';
  const path = `/untitled:/${name}${name.endsWith(extension) ? '' : extension}`;
  untitledPaths.set(uri, path);
  untitledUris.set(path, uri);
  return path;
}

/** URIs of paths already converted: diagnostics name thousands of related places per keystroke. */
const uriOfPath = new Map<string, string>();
const MAX_CACHED_URIS = 100_000;

export function pathToUri(filePath: string): string {
  let uri = uriOfPath.get(filePath) ?? untitledUris.get(filePath);
  if (uri === undefined) {
    if (uriOfPath.size >= MAX_CACHED_URIS) uriOfPath.clear();
    uriOfPath.set(filePath, (uri = URI.file(toLink(filePath)).toString()));
  }
  return uri;
}

export function normalisePath(filePath: string): string {
  const posix = filePath.replace(/\\/g, '/');
  return /^[a-z]:\//.test(posix) ? posix[0]!.toUpperCase() + posix.slice(1) : posix;
}

/** True when `filePath` is `dir` itself or inside it. */
export function isInside(filePath: string, dir: string): boolean {
  if (filePath === dir) return true;
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  return filePath.startsWith(prefix);
}
