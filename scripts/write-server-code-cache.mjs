// Writes the language server bundle's code cache (dist/strategy-lint-server.cjs.cache; see
// bin/load-bundle.cjs): runs the server under scripts/write-code-cache.cjs and drives one session
// as an editor would (initialize on samples/acme, the initial scan to the end of its progress,
// hover, shutdown, exit), so that the cache holds what a scan compiles. Run by scripts/build.mjs;
// exits non-zero (and the build warns) when the session fails.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const root = resolve(import.meta.dirname, '..');
const server = spawn(process.execPath, [resolve(root, 'scripts/write-code-cache.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const exited = new Promise((done) => server.on('close', done));
const timer = setTimeout(() => {
  console.error('write-server-code-cache: the session did not end within 60 s');
  server.kill();
  process.exit(1);
}, 60000);
const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
let scanned;
const scanEnded = new Promise((done) => (scanned = done));
connection.onNotification('$/progress', ({ value }) => value?.kind === 'end' && scanned());
connection.onRequest('window/workDoneProgress/create', () => null);
connection.onRequest('client/registerCapability', () => null);
connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
connection.onNotification(() => {});
connection.listen();
const folder = pathToFileURL(resolve(root, 'samples/acme')).href;
await connection.sendRequest('initialize', {
  processId: process.pid,
  rootUri: folder,
  workspaceFolders: [{ uri: folder, name: 'acme' }],
  capabilities: { window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
});
connection.sendNotification('initialized', {});
await scanEnded;
await connection.sendRequest('shutdown');
connection.sendNotification('exit');
const code = await exited;
clearTimeout(timer);
connection.dispose();
process.exit(code ?? 1);
