import type { Severity } from '../../model/finding.js';
import { chunkedOf, joined, type ChunkedFormatter, type PiecewiseFormatter } from '../results.js';
import { locate, relativeToCwd, sortedFindings, toSlashes, visible } from './shared.js';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands (SPEC §8): each finding becomes an annotation on the pull request's
 * diff. Paths are relative to the working directory, which in a workflow is the repository root.
 */
export const githubPieces: PiecewiseFormatter = {
  pieceKey: (context) => `github\0${context.cwd}`,
  piece(result, context) {
    let output = '';
    const file = relativeToCwd(result.path, context.cwd) ?? toSlashes(result.path);
    for (const finding of sortedFindings(result)) {
      const at = locate(result.lineMap, finding.span);
      const properties: [string, string | number][] = [['file', file], ['line', at.line]];
      // GitHub accepts columns only for a range within one line; a longer range is marked by its lines.
      if (at.line === at.endLine) properties.push(['col', at.column], ['endLine', at.endLine], ['endColumn', at.endColumn]);
      else properties.push(['endLine', at.endLine]);
      properties.push(['title', `strategy-lint (${finding.ruleId})`]);
      const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
      output += `::${COMMAND[finding.severity]} ${props}::${escapeData(finding.message)}\n`;
    }
    return output;
  },
  *report(pieces) {
    for (const piece of pieces) if (piece) yield piece;
  },
};

export const githubChunks: ChunkedFormatter = chunkedOf(githubPieces);

export const github = joined(githubChunks);

/** The escaping of @actions/core for a command's message; control characters made visible first. */
export function escapeData(text: string): string {
  return visible(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The escaping of @actions/core for a command's properties: also `:` and `,`, which delimit them. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
