import type { Severity } from '../../model/finding.js';
import { chunkedOf, joined, type ChunkedFormatter, type PiecewiseFormatter } from '../results.js';
import { palette, type Palette, type Style } from './ansi.js';
import { locate, plural, sortedFindings, visible, type Counts } from './shared.js';

interface Row {
  line: string;
  column: string;
  severity: Severity;
  message: string;
  ruleId: string;
}

/**
 * ESLint's default output: findings grouped under each file, columns aligned, then a summary.
 * Prints nothing for a clean run, so `strategy-lint && …` stays quiet — except when none of the
 * files checked declares anything (§8): then one line says how many were checked, so a run that
 * finds no strategy at all does not pass unnoticed.
 */
export const stylishPieces: PiecewiseFormatter = {
  pieceKey: (context) => `stylish\0${context.color ? 'color' : 'plain'}\0${context.cwd}`,
  piece(result, context) {
    if (!result.findings.length) return '';
    const paint = palette(context.color);
    const rows = sortedFindings(result).map((f): Row => {
      const at = locate(result.lineMap, f.span);
      return { line: String(at.line), column: String(at.column), severity: f.severity, message: tidyMessage(f.message), ruleId: f.ruleId };
    });
    return `${paint.underline(visible(result.displayPath))}\n${table(rows, paint)}\n\n`;
  },
  *report(pieces, summaryOf, context) {
    const paint = palette(context.color);
    // A report opens with a blank line, before its first file.
    let opening = '\n';
    for (const piece of pieces) {
      if (!piece) continue;
      yield opening + piece;
      opening = '';
    }
    const { counts: totals, suppressed, files } = summaryOf();
    const total = totals.error + totals.warning + totals.info;
    const suppressedLine = suppressed ? paint.dim(`  ${plural(suppressed, 'problem')} suppressed by ${context.suppressionsFile ?? 'the suppressions file'} (not shown).`) + '\n' : '';
    if (total === 0) {
      if (suppressedLine) yield `\n${suppressedLine}`;
      else if (files === 0 && context.filesChecked !== undefined) {
        // A team's own documents (KEPs, RFCs, ADRs, PRDs) declare nothing in SPEC forms: say where the way in is.
        yield `0 problems: ${plural(context.filesChecked, 'file')} checked, none declares an objective, key result, initiative, owner or PRD\n`
          + `  Documents in a shape of your own (KEPs, RFCs, ADRs, PRDs)? \`strategy-lint init\` finds known layouts and writes a config with presets and templates.\n`;
      }
      return;
    }
    yield summary(totals, paint) + suppressedLine;
  },
};

export const stylishChunks: ChunkedFormatter = chunkedOf(stylishPieces);

export const stylish = joined(stylishChunks);

function table(rows: readonly Row[], paint: Palette): string {
  const width = (pick: (r: Row) => string) => Math.max(...rows.map((r) => pick(r).length));
  const [lineW, colW, sevW, msgW] = [width((r) => r.line), width((r) => r.column), width((r) => r.severity), width((r) => r.message)];
  return rows
    .map((r) => {
      const position = paint.dim(`${r.line.padStart(lineW)}:${r.column}`) + ' '.repeat(colW - r.column.length);
      const severity = severityStyle(r.severity, paint)(r.severity) + ' '.repeat(sevW - r.severity.length);
      return `  ${position}  ${severity}  ${r.message.padEnd(msgW)}  ${paint.dim(r.ruleId)}`.trimEnd();
    })
    .join('\n');
}

/** As ESLint: one line per finding (whitespace runs folded), without the final full stop. */
function tidyMessage(message: string): string {
  return visible(message.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\t/g, ' ').replace(/([^ ])\.$/u, '$1'));
}

function severityStyle(severity: Severity, paint: Palette): Style {
  return severity === 'error' ? paint.red : severity === 'warning' ? paint.yellow : paint.cyan;
}

function summary(c: Counts, paint: Palette): string {
  const colour = c.error ? paint.red : c.warning ? paint.yellow : paint.cyan;
  const emphasis = (text: string) => colour(paint.bold(text));
  const total = c.error + c.warning + c.info;
  const infoPart = c.info ? `, ${c.info} info` : '';
  let text = emphasis(`\u2716 ${plural(total, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}${infoPart})`) + '\n';
  if (c.fixableError || c.fixableWarning || c.fixableInfo) {
    const fixable = c.fixableInfo
      ? `${plural(c.fixableError, 'error')}, ${plural(c.fixableWarning, 'warning')} and ${c.fixableInfo} info`
      : `${plural(c.fixableError, 'error')} and ${plural(c.fixableWarning, 'warning')}`;
    text += emphasis(`  ${fixable} potentially fixable with the --fix option.`) + '\n';
  }
  return text;
}
