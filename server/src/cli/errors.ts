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
