import type { DiagnosticsEncoding } from '../lsp/diagnosticsEncoding.js';

/**
 * A stored published form read back (publishedForm.ts: the digest's line, then the JSON); undefined
 * when it is not one renderPublishedForm wrote. Apart from the rendering, so that the hashing worker
 * reads the forms without the rules (hashWorker.ts).
 */
export function readPublishedForm(text: string): DiagnosticsEncoding | undefined {
  const lineEnd = text.indexOf('\n');
  if (lineEnd <= 0 || text[lineEnd + 1] !== '[') return undefined;
  const digest = text.slice(0, lineEnd);
  const json = text.slice(lineEnd + 1);
  return { digest, json: () => json };
}
