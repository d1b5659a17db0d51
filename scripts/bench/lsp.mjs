// A language-server session for the bench: starts the built server (`strategy-lint --stdio`) with the
// peak-RSS hook, initializes it with the workspace folder as an editor would, and times its initial
// scan, measured from the `initialize` request to the end of the scan:
//   - `progress`: the `end` of the first work-done progress the server reports (the client
//     advertises window.workDoneProgress and accepts window/workDoneProgress/create);
//   - `idle` (fallback, for a server that reports no progress): the last publishDiagnostics before
//     the server says it is idle (strategyLint/stats) after publishing has been quiet for 1.5 s.
//     A server that publishes nothing at all (a clean workspace) ends when it is first seen idle.
// Both figures are recorded when both exist; `scanMs` is the progress one when there is one.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const QUIET_MS = 1500;
/** A scan that has not ended after this long is reported as failed rather than waited for. */
const SCAN_TIMEOUT_MS = 30 * 60 * 1000;

export async function startSession({ root, ws, hook, settings = {} }) {
  const server = spawn(process.execPath, ['--require', hook, join(root, 'bin/strategy-lint.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolveExit) => server.on('close', resolveExit));
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const waiters = new Map();
  let lastPublish = 0;
  let publishes = 0;
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    lastPublish = performance.now();
    publishes++;
    const waiter = waiters.get(params.uri);
    if (waiter) {
      waiters.delete(params.uri);
      waiter(params);
    }
  });
  let progressEnd;
  const progressEnded = new Promise((resolveEnd) => { progressEnd = resolveEnd; });
  let scanToken;
  connection.onNotification('$/progress', ({ token, value }) => {
    if (value?.kind === 'begin' && scanToken === undefined) scanToken = token;
    else if (value?.kind === 'end' && token === scanToken) progressEnd({ at: performance.now(), publishes });
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({ debounceMs: 0, run: 'onType', enable: true, ...settings })));
  connection.onNotification('window/logMessage', () => {});
  connection.listen();

  const wsUri = pathToFileURL(ws).href;
  const start = performance.now();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: wsUri,
    workspaceFolders: [{ uri: wsUri, name: 'bench' }],
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { relatedInformation: true } },
    },
    initializationOptions: { debounceMs: 0 },
  });
  connection.sendNotification('initialized', {});

  const idleAt = waitIdle(connection, () => lastPublish, () => publishes, start);
  const progressAt = Promise.race([progressEnded, idleAt.then(() => undefined)]);
  const [idleEnd, progress] = await Promise.all([idleAt, progressAt]);
  const scan = {
    signal: progress ? 'progress' : 'idle',
    scanMs: Math.round((progress?.at ?? idleEnd) - start),
    progressMs: progress ? Math.round(progress.at - start) : undefined,
    idleMs: Math.round(idleEnd - start),
    /** Files published by the end of the scan (by its signal), and in all until the server was idle. */
    publishedAtEnd: progress?.publishes ?? publishes,
    publishes,
  };

  return {
    connection,
    scan,
    /** The server's peak RSS so far in MB (Linux: VmHWM), or undefined where /proc is not there. */
    peakRssMb() {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'));
        return hwm ? Math.round(Number(hwm[1]) / 1024) : undefined;
      } catch {
        return undefined;
      }
    },
    /** Resolves with the next diagnostics published for `uri`. */
    nextPublish: (uri) => new Promise((r) => waiters.set(uri, r)),
    /** Shuts the server down; resolves with its peak RSS in MB (from the hook), if it reported one. */
    async close() {
      await connection.sendRequest('shutdown');
      connection.sendNotification('exit');
      const killer = setTimeout(() => server.kill(), 10000);
      await exited;
      clearTimeout(killer);
      connection.dispose();
      const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(stderr);
      return rss ? Math.round(Number(rss[1]) / 1024) : undefined;
    },
  };
}

/**
 * Several sessions' scans as one row: the median scan (by scanMs, the upper one of an even count)
 * with every scan's time in `samplesMs`, sorted, and the highest peak RSS of them.
 */
export function medianScan(scans) {
  const sorted = [...scans].sort((a, b) => a.scanMs - b.scanMs);
  const peaks = scans.map((s) => s.peakRssMb).filter((mb) => mb !== undefined);
  return { ...sorted[Math.floor(sorted.length / 2)], samplesMs: sorted.map((s) => s.scanMs), peakRssMb: peaks.length ? Math.max(...peaks) : undefined };
}

/** When the scan is over by the fallback signal (see the header): the time it ended. */
async function waitIdle(connection, lastPublish, publishes, start) {
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const now = performance.now();
    if (now - start > SCAN_TIMEOUT_MS) throw new Error('the language server did not finish its initial scan');
    if (publishes() > 0 && now - lastPublish() < QUIET_MS) continue;
    if (now - start < QUIET_MS) continue;
    // Loading publishes nothing (a half-loaded workspace is never published): quiet is not done.
    if ((await connection.sendRequest('strategyLint/stats')).idle) return publishes() > 0 ? lastPublish() : performance.now();
  }
}
