import type { LintEngine } from '../engine/engine.js';
import { buildReport } from './build.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderMermaid } from './mermaid.js';
import type { ReportModel } from './model.js';

export { buildReport } from './build.js';
export type { ReportModel } from './model.js';

/** `strategy-lint report --format` values (SPEC §8); the first is the default. */
export const REPORT_FORMATS = ['markdown', 'mermaid', 'html', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(name: string): name is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(name);
}

/** The report in one format, as the complete text to print or write (ending in a newline). */
export function renderReport(model: ReportModel, format: ReportFormat): string {
  switch (format) {
    case 'markdown':
      return renderMarkdown(model);
    case 'mermaid':
      return renderMermaid(model);
    case 'html':
      return renderHtml(model);
    case 'json':
      return JSON.stringify(model, null, 2) + '\n';
  }
}

export interface ReportOptions {
  /** An engine that has loaded the files to report on. */
  engine: LintEngine;
  format: ReportFormat | string;
  /** Paths in the report are shown relative to it. */
  cwd: string;
}

/** What `strategy-lint report` prints. Throws on an unknown format (the CLI's usage error, exit 2). */
export function runReport({ engine, format, cwd }: ReportOptions): string {
  if (!isReportFormat(format)) throw new Error(`Unknown report format '${format}'. Use one of: ${REPORT_FORMATS.join(', ')}.`);
  return renderReport(buildReport(engine, { cwd }), format);
}
