import { performance } from 'node:perf_hooks';

/** Where progress may be drawn: stderr, only when it is a terminal and no CI system is running us. */
export interface ProgressTarget {
  stderr(text: string): void;
  stderrIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

/** Runs shorter than this show no progress at all (a few seconds, as the issue asks). */
const DEFAULT_DELAY_MS = 2000;
/** Redraws at most this often: a terminal is slower than the loop that reports. */
const REDRAW_MS = 100;

/**
 * Whether the run talks to a person: stderr is a terminal and no CI system is running us (CI logs
 * keep every carriage-return frame; `CI` is set by GitHub, GitLab, Azure Pipelines, CircleCI…).
 */
export function isInteractive(target: ProgressTarget): boolean {
  return target.stderrIsTTY && !isCI(target.env);
}

function isCI(env: Readonly<Record<string, string | undefined>>): boolean {
  return ['CI', 'CONTINUOUS_INTEGRATION', 'BUILD_NUMBER', 'TF_BUILD', 'GITHUB_ACTIONS', 'GITLAB_CI'].some((name) => {
    const value = env[name];
    return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
  });
}

/**
 * One status line on stderr (`strategy-lint: reading 1200/5000 files…`), drawn only in a terminal
 * and only once the run has lasted `delayMs`; cleared when the run ends, so the report is never
 * mixed with it. Elsewhere every call does nothing.
 */
export class Progress {
  private readonly started = performance.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly target: ProgressTarget,
    private readonly enabled = isInteractive(target),
    private readonly delayMs = delayFrom(target.env),
  ) {}

  update(phase: string, done: number, total: number): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.started < this.delayMs || (this.drawn && now - this.lastDraw < REDRAW_MS && done < total)) return;
    this.lastDraw = now;
    this.drawn = true;
    this.target.stderr(`\r\u001b[2Kstrategy-lint: ${phase} ${done}/${total} files…`);
  }

  /** Erases the line, if one was drawn. */
  done(): void {
    if (this.drawn) this.target.stderr('\r\u001b[2K');
    this.drawn = false;
  }
}

/** STRATEGY_LINT_PROGRESS_DELAY_MS lets a test (or an impatient user) see progress sooner. */
function delayFrom(env: Readonly<Record<string, string | undefined>>): number {
  const value = Number(env.STRATEGY_LINT_PROGRESS_DELAY_MS);
  return env.STRATEGY_LINT_PROGRESS_DELAY_MS !== undefined && Number.isFinite(value) && value >= 0 ? value : DEFAULT_DELAY_MS;
}
