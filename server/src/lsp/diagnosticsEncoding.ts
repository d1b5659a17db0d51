import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import { contentHash } from '../parse/contentHash.js';

/** Digest of the JSON of related information, by array (toDiagnostic hands out the same array while it is unchanged). */
const relatedDigests = new WeakMap<DiagnosticRelatedInformation[], string>();

/** A file's diagnostics as the client gets them: their digest, and their JSON (made when asked). */
export interface DiagnosticsEncoding {
  digest: string;
  json(): string;
}

/**
 * What the client has of a file's diagnostics, as one SHA-1 digest of their JSON (each diagnostic
 * without its related information, then a digest of that). The server keeps one for every file
 * with diagnostics: at 10k documents the JSON itself was ~25 MB of the heap. An owners file can
 * carry thousands of related locations: unchanged lists are serialised once, not on every keystroke.
 * The JSON made for the digest is the message's: a file published for the first time (every file
 * of an initial scan) is encoded once, not once for the digest and once more to be sent. That JSON
 * is JSON.stringify's of the diagnostics, related information written last in each (where
 * toDiagnostic puts it). The diagnostics themselves are only read.
 */
export function encodeDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticsEncoding {
  // Most files have no related places (6k of 37.5k diagnostics at 10k heavy documents had some):
  // their digest is the message's JSON's, made in one call, not from a string per diagnostic joined
  // twice (once for the digest, once for the message). That JSON starts with `[`, which a digest
  // of the parts below never hashes, so neither kind of file mistakes the other's for its own.
  if (!diagnostics.some((d) => d.relatedInformation)) {
    const json = JSON.stringify(diagnostics);
    return { digest: contentHash(json), json: () => json };
  }
  const parts: string[] = [];
  const own: string[] = [];
  // The JSON of related lists first seen here (a list seen before has its digest, not its JSON).
  const relatedJson = new Map<number, string>();
  diagnostics.forEach((diagnostic, i) => {
    const related = diagnostic.relatedInformation;
    let relatedDigest = '';
    if (related) {
      relatedDigest = relatedDigests.get(related) ?? '';
      if (!relatedDigest) {
        const json = JSON.stringify(related);
        relatedJson.set(i, json);
        relatedDigest = contentHash(json);
        relatedDigests.set(related, relatedDigest);
      }
    }
    const json = JSON.stringify(related ? withoutRelated(diagnostic) : diagnostic);
    own.push(json);
    parts.push(json, relatedDigest);
  });
  return {
    digest: contentHash(parts.join('\n')),
    json: () => {
      const each = own.map((json, i) => {
        const related = diagnostics[i]!.relatedInformation;
        return related ? `${json.slice(0, -1)},"relatedInformation":${relatedJson.get(i) ?? JSON.stringify(related)}}` : json;
      });
      return `[${each.join(',')}]`;
    },
  };
}

/**
 * A diagnostic's own properties, in their order, without its related information: a shallow copy,
 * so that encoding never changes the caller's diagnostic (toDiagnostic's, which the server keeps).
 */
function withoutRelated({ relatedInformation: _, ...own }: Diagnostic): Omit<Diagnostic, 'relatedInformation'> {
  return own;
}
