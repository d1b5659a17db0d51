import path from 'node:path';

/** Absolute, '/'-separated: the form paths take in the engine and in results. */
export function absolutePosix(p: string, cwd: string): string {
  return toPosix(path.resolve(cwd, p));
}

export function toPosix(p: string): string {
  return path.sep === '\\' ? p.replace(/\\/g, '/') : p;
}

/** `child` relative to `dir` when it lies inside it ('' for `dir` itself), else undefined. */
export function relativeInside(dir: string, child: string): string | undefined {
  if (child === dir) return '';
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  return child.startsWith(prefix) ? child.slice(prefix.length) : undefined;
}

/** How a path is shown to the user: relative to the current directory when inside it. */
export function displayPath(absolute: string, cwd: string): string {
  const inside = relativeInside(cwd, absolute);
  if (inside !== undefined) return inside || '.';
  return toPosix(path.relative(cwd, absolute)) || absolute;
}

export function parentDir(p: string): string {
  return toPosix(path.dirname(p));
}
