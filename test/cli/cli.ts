import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Runs from out/test/cli/: the repository root is three folders up. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BIN = path.join(REPO_ROOT, 'bin', 'strategy-lint.cjs');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
  /** Run as an unprivileged user (tests of unreadable files, when the suite runs as root). */
  uid?: number;
}

/** Runs the BUILT command (`node bin/strategy-lint.cjs …`) as a user would, in a clean colour environment. */
export function runCli(args: readonly string[], options: RunOptions): CliRun {
  if (!existsSync(path.join(REPO_ROOT, 'dist', 'strategy-lint.cjs'))) throw new Error('dist/strategy-lint.cjs is missing: run `npm run build` before the CLI tests');
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, DEBUG: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const spawnOptions: SpawnSyncOptions = { cwd: options.cwd, env: env as NodeJS.ProcessEnv, encoding: 'utf8', input: options.input ?? '', timeout: 30_000 };
  if (options.uid !== undefined) Object.assign(spawnOptions, { uid: options.uid, gid: options.uid });
  const result = spawnSync(process.execPath, [BIN, ...args], spawnOptions);
  if (result.error) throw result.error;
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

const created: string[] = [];

/** A fresh folder in the system temp dir holding `files` (relative path → text or bytes). */
export function workspace(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'strategy-lint-cli-'));
  created.push(root);
  writeFiles(root, files);
  return root;
}

export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

export function read(root: string, rel: string): string {
  return readFileSync(path.join(root, rel), 'utf8');
}

/** Lets another user read the workspace (for the unprivileged runs). */
export function openToAll(root: string): void {
  chmodSync(root, 0o755);
}

after(() => {
  for (const root of created) rmSync(root, { recursive: true, force: true });
});

/** ESLint-compatible JSON output, parsed. */
export interface JsonResult {
  filePath: string;
  messages: { ruleId: string; severity: number; message: string; line: number; column: number; endLine: number; endColumn: number; fix?: unknown }[];
  errorCount: number;
  warningCount: number;
}

export function jsonOf(run: CliRun): JsonResult[] {
  try {
    return JSON.parse(run.stdout) as JsonResult[];
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.status}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

/** `file:line ruleId` of every message, paths relative to `root`, for compact assertions. */
export function locations(run: CliRun, root: string): string[] {
  return jsonOf(run).flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath).split(path.sep).join('/')}:${m.line} ${m.ruleId}`));
}

// A small, valid workspace: one objective measured by a leading and a lagging metric, one
// initiative with an owner. Every rule is quiet on it (checked by a test).
export const CLEAN_PLAN = `owners:
  - id: "@maria"
    name: Maria Lopez
objectives:
  - id: OBJ-smb
    title: Become the default checkout for small businesses
    owner: "@maria"
    period: 2027-H1
    key-results:
      - id: KR-activation
        title: Raise SMB activation from 22% to 35%
        type: lagging
        baseline: 22
        target: 35
      - id: KR-ttv
        title: Cut time to value to one day
        type: leading
        baseline: 5
        target: 1
    initiatives:
      - id: INIT-one-click
        title: One-click onboarding
        owner: "@maria"
        metrics: [KR-activation, KR-ttv]
        start: 2027-01-10
        due: 2027-03-31
`;

/** An initiative without owner: one `initiative-owner` error. */
export const ORPHAN_INITIATIVE = `initiatives:
  - id: INIT-orphan
    title: Nobody owns this
    objective: OBJ-smb
    metrics: [KR-activation]
`;

/** A metric without target: one `metric-target` warning. */
export const METRIC_WITHOUT_TARGET = `metrics:
  - id: KR-nps
    title: Lift NPS
    objective: OBJ-smb
    type: leading
    baseline: 30
`;
