import { ConfigError } from '../config/problems.js';
import { MissingPathError } from '../files/discover.js';
import { displayPath, toPosix } from '../files/paths.js';

const ISSUES_URL = 'https://github.com/strategy-lint/strategy-lint/issues';

/**
 * A problem that stops the run and is not a bug: a mistake in how the command was called (unknown
 * flag, bad value), a missing path, a file that cannot be written. Printed as `strategy-lint: …`
 * without a stack trace; exit 2.
 */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit codes of SPEC §8. */
export const EXIT = { ok: 0, problems: 1, fatal: 2 } as const;

/** Every failure ends here: one `strategy-lint: …` message and exit 2, never a stack trace (unless DEBUG=strategy-lint). */
export function describeFailure(error: unknown, env: Readonly<Record<string, string | undefined>>, cwd = toPosix(process.cwd())): string {
  if (error instanceof ConfigError) return error.describe(displayPath(toPosix(error.file), cwd)).split('\n').map((line) => `strategy-lint: ${line}`).join('\n');
  if (error instanceof CliError || error instanceof MissingPathError) return `strategy-lint: ${error.message}`;
  const message = error instanceof Error ? error.message : String(error);
  const debug = isDebug(env) && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  const hint = isDebug(env) ? '' : ' (run with DEBUG=strategy-lint for details)';
  return `strategy-lint: internal error: ${message}${debug}\nThis is a bug in strategy-lint; please report it at ${ISSUES_URL}${hint}`;
}

function isDebug(env: Readonly<Record<string, string | undefined>>): boolean {
  return (env.DEBUG ?? '').split(/[\s,]+/).some((name) => name === 'strategy-lint' || name === '*');
}
