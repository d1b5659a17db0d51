import type { ParsedFile } from '../model/file.js';
import type { Entity } from '../model/entity.js';
import type { Finding, Fix, RelatedLocation, Severity } from '../model/finding.js';
import type { Span } from '../model/span.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import type { EffortUnit } from '../engine/config.js';

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
  /** What initiative `effort` counts (config `effort-unit`). */
  effortUnit: EffortUnit;
}

export interface RuleReport {
  span: Span;
  message: string;
  related?: RelatedLocation[];
  /**
   * Best first. A function where building them costs more than the finding (candidates ranked,
   * declarations placed): it is called only when the caller uses fixes (RuleContext.fixes).
   */
  fixes?: Fix[] | (() => Fix[]);
  /**
   * A severity for this finding other than the rule's default (metric-pace's impossible target is
   * an error, milestone-schedule's missing milestones info). It applies while the rule runs at its
   * default severity; a severity set in the config applies to all of the rule's findings.
   */
  severity?: Severity;
}

export interface RuleContext {
  /** The file being checked; rules report only inside it, which is what makes re-checking one file exact. */
  readonly file: ParsedFile;
  readonly index: WorkspaceIndex;
  readonly options: Readonly<Record<string, unknown>>;
  readonly settings: LintSettings;
  /**
   * Whether the caller uses fixes (--fix, the output formats, quick fixes). False for the language
   * server's diagnostics, which carry none (its code actions lint the file again when asked): the
   * findings then have no fixes, and a rule may skip what it computes only for them.
   */
  readonly fixes: boolean;
  report(report: RuleReport): void;
}

/** An entity whose title changed, and nothing else a rule reads of it (its id, kind, owner and file as before). */
export interface Retitled {
  before: Entity;
  after: Entity;
}

/** A rule module (in the manner of ESLint's): its meta and a check of one file against the index. */
export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
  /**
   * For the lint cache, which re-checks only what a change can affect: whether the rule's stored
   * findings in `file` (with their fixes) still hold after entities of other files were retitled.
   * A rule whose fixes rank candidates by title (prd-link) may answer from its findings and the
   * index as it is now; without it, its findings are checked again.
   */
  standsAfterRetitling?(findings: readonly Finding[], file: ParsedFile, retitled: readonly Retitled[], index: WorkspaceIndex): boolean;
}
