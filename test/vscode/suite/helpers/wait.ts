// Polling instead of fixed sleeps: the server works asynchronously (indexing, debounced linting).

export interface WaitOptions {
  /** Give up after this many milliseconds (default 20 s). */
  timeout?: number;
  /** Poll interval (default 100 ms). */
  interval?: number;
  /** Says what was awaited, for the failure message. */
  message?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `probe` until it returns a truthy value and returns that value. A probe that throws counts
 * as not yet (the last error is reported on timeout).
 */
export async function waitFor<T>(probe: () => T | PromiseLike<T>, options: WaitOptions = {}): Promise<NonNullable<T>> {
  const { timeout = 20_000, interval = 100, message = 'condition' } = options;
  const deadline = Date.now() + timeout;
  let last: unknown;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (last) return last as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await sleep(interval);
  }
  const why = lastError instanceof Error ? `last error: ${lastError.message}` : `last value: ${describe(last)}`;
  throw new Error(`Timed out after ${timeout} ms waiting for ${message} (${why})`);
}

function describe(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 500 ? `${text.slice(0, 500)}…` : text;
  } catch {
    return String(value);
  }
}
