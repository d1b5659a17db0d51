import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';

/** Runs git in `cwd` with a fixed identity (tests make their own repositories); fails the test on a git error. */
export function git(cwd: string, ...args: string[]): string {
  const identity = { GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 'test@example.com' };
  const run = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...identity } });
  assert.equal(run.status, 0, `git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}
