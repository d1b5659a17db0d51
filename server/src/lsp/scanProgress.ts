import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';

/** Share of the bar given to reading and parsing the files; checking them takes the rest. */
const READING_SHARE = 75;
/** Fewer reports than this apart would only cost the client repaints. */
const REPORT_INTERVAL_MS = 100;
/** The longest a scan waits for the client to create the token before reading files regardless. */
const TOKEN_WAIT_MS = 1000;

/** What a scan tells about its progress (SyncContext.scanProgress hands one out per scan). */
export interface ScanProgress {
  /** Settles once the client has the token (or refused it, or kept the scan waiting too long). */
  ready: Promise<void>;
  /** The folder's files are listed: `total` of them will be read. */
  begin(total: number): void;
  reading(done: number, total: number): void;
  checking(done: number, total: number): void;
  /** Diagnostics of every file have been sent (or the scan gave up). */
  end(): void;
}

/**
 * A scan's LSP work-done progress (window/workDoneProgress/create, then $/progress begin, reports,
 * end), shown by VS Code in the status bar: "Strategy Lint: scanning N files", then "k of N files
 * read" and "k of N files checked" with a percentage. Nothing is sent to a client that does not
 * advertise `window.workDoneProgress`. The token is asked for as the scan starts; the scan waits
 * for it (within TOKEN_WAIT_MS) before reading files, so that `begin` comes before any diagnostics
 * and `end` after the scan's; calls made before a late token are sent once it comes, in order.
 */
export function workDoneScanProgress(connection: Connection, folderName: string | undefined): ScanProgress {
  let reporter: WorkDoneProgressServerReporter | undefined;
  let ended = false;
  // Calls made before the token exists, replayed in order once it does.
  let queued: ((r: WorkDoneProgressServerReporter) => void)[] | undefined = [];
  const send = (call: (r: WorkDoneProgressServerReporter) => void) => {
    if (reporter) call(reporter);
    else queued?.push(call);
  };
  const created = connection.window.createWorkDoneProgress().then(
    (made) => {
      reporter = made;
      for (const call of queued ?? []) call(made);
      queued = undefined;
    },
    // A client that refuses the token gets no progress; the scan goes on.
    () => void (queued = undefined),
  );
  let timer: NodeJS.Timeout | undefined;
  const ready = Promise.race([created, new Promise<void>((resolve) => (timer = setTimeout(resolve, TOKEN_WAIT_MS)))]).finally(() => clearTimeout(timer));
  let lastReport = 0;
  let lastPercentage = -1;
  const report = (percentage: number, message: string) => {
    const now = Date.now();
    const rounded = Math.floor(percentage);
    if (rounded === lastPercentage || now - lastReport < REPORT_INTERVAL_MS) return;
    lastReport = now;
    lastPercentage = rounded;
    send((r) => r.report(rounded, message));
  };
  const where = folderName ? ` in ${folderName}` : '';
  let begun = false;
  const begin = (message: string) => {
    begun = true;
    send((r) => r.begin('Strategy Lint', 0, message, false));
  };
  return {
    ready,
    begin: (total) => begin(`scanning ${total} ${total === 1 ? 'file' : 'files'}${where}`),
    reading: (done, total) => report((done / Math.max(total, 1)) * READING_SHARE, `${done} of ${total} files read${where}`),
    checking: (done, total) => report(READING_SHARE + (done / Math.max(total, 1)) * (100 - READING_SHARE), `${done} of ${total} files checked${where}`),
    end: () => {
      if (ended) return;
      ended = true;
      // A scan that failed before it knew its files still opens and closes its progress.
      if (!begun) begin(`scanning${where}`);
      send((r) => r.done());
    },
  };
}
