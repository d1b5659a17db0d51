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
  if (parsed.scheme !== 'file') return undefined;
  return normalisePath(parsed.fsPath);
}

/** URIs of paths already converted: diagnostics name thousands of related places per keystroke. */
const uriOfPath = new Map<string, string>();
const MAX_CACHED_URIS = 100_000;

export function pathToUri(filePath: string): string {
  let uri = uriOfPath.get(filePath);
  if (uri === undefined) {
    if (uriOfPath.size >= MAX_CACHED_URIS) uriOfPath.clear();
    uriOfPath.set(filePath, (uri = URI.file(filePath).toString()));
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
