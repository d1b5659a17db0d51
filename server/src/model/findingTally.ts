import type { Finding } from './finding.js';

/**
 * How many findings a file has, of them errors and warnings (the rest are info), and how many of
 * each severity `--fix` has a safe fix for: what a run counts before it prints them, and what a
 * report's summary says.
 */
export interface FindingTally {
  total: number;
  errors: number;
  warnings: number;
  fixableErrors: number;
  fixableWarnings: number;
  fixableInfos: number;
}

/** The tally of no findings. */
export const NO_FINDINGS: FindingTally = Object.freeze({ total: 0, errors: 0, warnings: 0, fixableErrors: 0, fixableWarnings: 0, fixableInfos: 0 });

export function tallyOf(findings: readonly Finding[]): FindingTally {
  const tally = { ...NO_FINDINGS, total: findings.length };
  for (const f of findings) {
    // A finding is fixable when --fix has a safe fix for it (formatters/shared.ts, safeFix).
    const fixable = f.fixes?.some((fix) => fix.safe) === true;
    if (f.severity === 'error') {
      tally.errors++;
      if (fixable) tally.fixableErrors++;
    } else if (f.severity === 'warning') {
      tally.warnings++;
      if (fixable) tally.fixableWarnings++;
    } else if (fixable) tally.fixableInfos++;
  }
  return tally;
}
