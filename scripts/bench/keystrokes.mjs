// Keystroke → updated diagnostics in the language server, on a session of lsp.mjs whose initial scan
// is over. The server runs with no debounce (so the figure is the time *after* the debounce); each
// edit removes or restores an initiative's owner in one strategy doc, which changes that document's
// diagnostics (and its owner's load elsewhere).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const EDITS = 200;

export async function measureKeystrokes(session, ws) {
  const { connection } = session;
  const dir = join(ws, 'strategy');
  const file = join(dir, readdirSync(dir).sort()[0]);
  const uri = pathToFileURL(file).href;
  const original = readFileSync(file, 'utf8');
  const ownerLine = /^- Owner: .*$/m.exec(original);
  if (!ownerLine) throw new Error(`${file} has no "- Owner:" line to edit`);
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: original } });
  await new Promise((r) => setTimeout(r, 300));
  const samples = [];
  for (let i = 0; i < EDITS; i++) {
    const text = i % 2 === 0 ? original.replace(ownerLine[0], '- Owner: ') : original;
    const published = session.nextPublish(uri);
    const start = process.hrtime.bigint();
    connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ text }] });
    await Promise.race([published, new Promise((r) => setTimeout(r, 5000))]);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  samples.sort((a, b) => a - b);
  const at = (q) => +samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(1);
  return { samples: samples.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: at(1) };
}
