import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toPosix } from '../files/paths.js';
import { CliError } from './errors.js';

/** A revision's files, copied out of git into a temporary folder that mirrors the repository. */
export interface RevisionCopy {
  /** The full commit id the ref named. */
  commit: string;
  /** The temporary folder standing for the repository root. */
  root: string;
  /** The folder in the copy that stands for the current directory. */
  cwd: string;
  dispose(): void;
}

/** What a lint or report of the revision can read: strategy files, configs, ignore files. */
const WANTED = /(\.(md|markdown|ya?ml)|\/\.strategylint\.json|\/strategy-lint-suppressions\.json|\/\.gitignore)$/i;

/**
 * Copies the files of `ref` that strategy-lint reads into a temporary folder, with git's plumbing
 * (`rev-parse`, `ls-tree`, `cat-file --batch`): the work tree, the index and HEAD are left alone.
 * Outside a repository, or with a ref git does not know, a CliError (exit 2).
 */
export function copyRevision(ref: string, cwd: string): RevisionCopy {
  if (ref.startsWith('-')) throw new CliError(`--compare "${ref}": a git revision cannot start with "-"`);
  const topLevel = git(['rev-parse', '--show-toplevel'], cwd, () => `--compare needs a git repository, and ${cwd} is not inside one`).toString('utf8').trim();
  const commit = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd, () => `--compare: git knows no commit "${ref}" (try a branch, a tag, a commit id or HEAD~1; in a shallow CI clone, fetch the base first)`)
    .toString('utf8')
    .trim();
  const listing = git(['ls-tree', '-r', '-z', '--full-tree', commit], cwd, () => `--compare: cannot list the files of ${ref}`).toString('utf8');
  const blobs: { path: string; sha: string }[] = [];
  for (const entry of listing.split('\0')) {
    const match = /^(\d+) blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
    // Regular files only: links (120000) and submodules are not part of the revision's documents.
    if (!match || match[1] === '120000' || !WANTED.test(`/${match[3]}`)) continue;
    blobs.push({ path: match[3]!, sha: match[2]! });
  }

  const root = mkdtempSync(path.join(tmpdir(), 'strategy-lint-base-'));
  const dispose = () => rmSync(root, { recursive: true, force: true });
  try {
    const contents = readBlobs(blobs.map((b) => b.sha), cwd);
    blobs.forEach((blob, i) => {
      const target = path.join(root, ...blob.path.split('/'));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, contents[i]!);
    });
    const inside = path.relative(realpathSync(topLevel), realpathSync(cwd));
    const copyCwd = path.join(root, inside);
    mkdirSync(copyCwd, { recursive: true });
    return { commit, root: toPosix(root), cwd: toPosix(copyCwd), dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** Every blob's bytes, in order, from one `git cat-file --batch`. */
function readBlobs(shas: readonly string[], cwd: string): Buffer[] {
  if (!shas.length) return [];
  const output = git(['cat-file', '--batch'], cwd, () => '--compare: cannot read the files of the base revision', `${shas.join('\n')}\n`);
  const blobs: Buffer[] = [];
  let at = 0;
  for (const sha of shas) {
    const headerEnd = output.indexOf(0x0a, at);
    const header = output.subarray(at, headerEnd).toString('utf8');
    const match = /^([0-9a-f]+) blob (\d+)$/.exec(header);
    if (!match || match[1] !== sha) throw new CliError(`--compare: git answered "${header}" for blob ${sha}`);
    const size = Number(match[2]);
    blobs.push(output.subarray(headerEnd + 1, headerEnd + 1 + size));
    at = headerEnd + 1 + size + 1;
  }
  return blobs;
}

function git(args: readonly string[], cwd: string, failure: () => string, input?: string): Buffer {
  const result = spawnSync('git', args, { cwd, input: input ?? '', maxBuffer: 1 << 30, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? '--compare needs git, and no `git` command was found on the PATH' : `--compare: git failed: ${result.error.message}`);
  }
  if (result.status !== 0) throw new CliError(failure());
  return result.stdout;
}
