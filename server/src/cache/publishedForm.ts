import type { Finding } from '../model/finding.js';
import type { LineMap } from '../text/lineMap.js';
import { toDiagnosticWith } from '../lsp/diagnostics.js';
import { encodeDiagnostics } from '../lsp/diagnosticsEncoding.js';

/**
 * A file's findings as the language server publishes them (textDocument/publishDiagnostics), stored
 * in the lint cache by the CLI that wrote it: a server starting from the cache sends these bytes
 * instead of decoding, converting and encoding every finding again (at 10k heavy documents, ~0.5 s
 * of a ~3 s start). The part is the digest the publisher compares (diagnosticsEncoding.ts), a line
 * break, then the diagnostics' JSON: both exactly what the server makes of the same findings, line
 * maps and paths.
 */
export interface PublishedForm {
  /** The part's text: the digest's line, then the JSON (written one after the other: FileWriter.textPart). */
  text: [digest: string, json: string];
  /** The other files whose line maps it read (where related places lie). */
  renderedFrom: ReadonlySet<string>;
}

/**
 * Most related places a file's published form is stored with. Past them (an owners file whose
 * owners carry hundreds of initiatives each: 16.7k places at 10k heavy documents, a 3.75 MB form)
 * the server converts the findings itself: rendering such a form left ~10 MB more garbage at the
 * end of a first `--cache` run (306-308 MB at its peak, against 300-301 MB without), for about a
 * tenth of a second of the warm start.
 */
export const MOST_RELATED_PLACES = 2_000;

/**
 * The published form of a file's findings. Undefined when there are none (nothing is published for
 * them), past MOST_RELATED_PLACES, and when one cannot be rendered.
 */
export function renderPublishedForm(findings: readonly Finding[], lineMap: LineMap, lineMapOf: (path: string) => LineMap | undefined): PublishedForm | undefined {
  if (!findings.length) return undefined;
  let places = 0;
  for (const f of findings) if ((places += f.related?.length ?? 0) > MOST_RELATED_PLACES) return undefined;
  const renderedFrom = new Set<string>();
  const noting = (path: string) => {
    const map = lineMapOf(path);
    if (map) renderedFrom.add(path);
    return map;
  };
  try {
    const encoding = encodeDiagnostics(findings.map((f) => toDiagnosticWith(f, lineMap, noting)));
    return { text: [`${encoding.digest}\n`, encoding.json()], renderedFrom };
  } catch {
    // A finding placed outside its file's lines (not one a rule reports): the server converts them itself.
    return undefined;
  }
}
