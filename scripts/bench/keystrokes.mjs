// Keystroke → updated diagnostics in the language server, on a generated workspace.
// Starts `strategy-lint --stdio` with no debounce (so the figure is the time *after* the debounce),
// waits for the initial scan, then types into one strategy doc: each edit removes or restores an
// initiative's owner, which changes that document's diagnostics (and its owner's load elsewhere).
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const EDITS = 200;

export async function measureKeystrokes(root, ws) {
  const server = spawn(process.execPath, [join(root, 'bin/strategy-lint.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const waiters = new Map();
  let lastPublish = Date.now();
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    lastPublish = Date.now();
    const waiter = waiters.get(params.uri);
    if (waiter) {
      waiters.delete(params.uri);
      waiter(params);
    }
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({ debounceMs: 0, run: 'onType', enable: true })));
  connection.listen();
  const wsUri = pathToFileURL(ws).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: wsUri,
    workspaceFolders: [{ uri: wsUri, name: 'bench' }],
    capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
    initializationOptions: { debounceMs: 0 },
  });
  const scanStart = Date.now();
  connection.sendNotification('initialized', {});
  // The initial scan publishes many files; it is done when publishing has been quiet for a while.
  await new Promise((resolveQuiet) => {
    const timer = setInterval(() => {
      if (Date.now() - lastPublish > 1500 && Date.now() - scanStart > 2000) {
        clearInterval(timer);
        resolveQuiet();
      }
    }, 100);
  });
  // Loading publishes nothing (a half-loaded workspace is never published): quiet is not done.
  // The server's stats say when nothing is left to load or lint.
  while (!(await connection.sendRequest('strategyLint/stats')).idle) await new Promise((r) => setTimeout(r, 200));
  const initialScanMs = Date.now() - scanStart;

  const file = join(ws, 'strategy', readdirSync(join(ws, 'strategy')).sort()[0]);
  const uri = pathToFileURL(file).href;
  const original = readFileSync(file, 'utf8');
  const ownerLine = /^- Owner: .*$/m.exec(original);
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: original } });
  await new Promise((r) => setTimeout(r, 300));
  const samples = [];
  for (let i = 0; i < EDITS; i++) {
    const text = i % 2 === 0 ? original.replace(ownerLine[0], '- Owner: ') : original;
    const published = new Promise((r) => waiters.set(uri, r));
    const start = process.hrtime.bigint();
    connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ text }] });
    await Promise.race([published, new Promise((r) => setTimeout(r, 5000))]);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  connection.dispose();
  server.kill();
  samples.sort((a, b) => a - b);
  const at = (q) => +samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(1);
  return { samples: samples.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: at(1), initialScanMs };
}
