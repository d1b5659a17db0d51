import type { ParsedFile } from '../model/file.js';
import type { Fix, RelatedLocation, Severity } from '../model/finding.js';
import type { Span } from '../model/span.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';

export const DOCS_BASE_URL = 'https://github.com/strategy-lint/strategy-lint/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

export interface RuleMeta {
  id: string;
  /** One line: what the rule finds. */
  description: string;
  defaultSeverity: Severity;
  /** 'safe': some fixes are applied by --fix; 'suggestion': editor-only fixes; false: none. */
  fixable: 'safe' | 'suggestion' | false;
  docsUrl: string;
  /** JSON Schema of the rule's options object (config `rules: { id: [severity, {…}] }`). */
  optionsSchema?: Record<string, unknown>;
  defaultOptions?: Record<string, unknown>;
}

/** Settings every rule may read (config §7, CLI `--today`). */
export interface LintSettings {
  /** `YYYY-MM-DD` */
  today: string;
  /** 1–12 */
  fiscalYearStart: number;
}

export interface RuleReport {
  span: Span;
  message: string;
  related?: RelatedLocation[];
  /** Best first. */
  fixes?: Fix[];
}

export interface RuleContext {
  /** The file being checked; rules report only inside it, which is what makes re-checking one file exact. */
  readonly file: ParsedFile;
  readonly index: WorkspaceIndex;
  readonly options: Readonly<Record<string, unknown>>;
  readonly settings: LintSettings;
  report(report: RuleReport): void;
}

/** A rule module (in the manner of ESLint's): its meta and a check of one file against the index. */
export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
