import type { ParsedFile } from '../model/file.js';
import type { Finding, Fix, RelatedLocation, Severity } from '../model/finding.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import type { LintSettings, Rule } from '../rules/rule.js';
import { applySuppressions } from './suppress.js';
import { detached } from '../parse/compact.js';

export interface ActiveRule {
  rule: Rule;
  severity: Severity;
  options: Record<string, unknown>;
}

/**
 * Runs the enabled rules over one file. A file whose YAML or front matter does not parse reports
 * only its `syntax` findings (as ESLint does), while its recoverable entities stay in the index.
 */
export function lintFile(file: ParsedFile, index: WorkspaceIndex, rules: readonly ActiveRule[], settings: LintSettings, fixes = true): Finding[] {
  const steps = lintFileInSteps(file, index, rules, settings, fixes);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same, one rule at a time: the language server re-checks a file with hundreds of entities
 * across turns of its event loop, so that a keystroke does not wait for all of its rules.
 * `fixes: false`: the findings carry no fixes (RuleContext.fixes).
 */
export function* lintFileInSteps(file: ParsedFile, index: WorkspaceIndex, rules: readonly ActiveRule[], settings: LintSettings, fixes = true): Generator<void, Finding[]> {
  if (!file.participates) return [];
  const broken = isBroken(file);
  const findings: Finding[] = [];
  for (const active of rules) {
    if (broken && active.rule.meta.id !== 'syntax') continue;
    checkFile(file, index, active, settings, fixes, findings);
    yield;
  }
  return finalFindings(file, findings);
}

/**
 * Every file's findings, one rule at a time over all of them instead of one file at a time: the
 * workspace-wide values a rule derives (a kind's id neighbourhood, the parent graph) are forgotten
 * once it has checked every file, so they never all live at once. For a run that lints everything
 * once (the CLI): findings are the same as `lintFile` gives file by file, in the same order.
 */
export function lintFilesByRule(files: readonly { file: ParsedFile; rules: readonly ActiveRule[]; settings: LintSettings }[], index: WorkspaceIndex, order: readonly Rule[]): Map<string, Finding[]> {
  const found = files.map((): Finding[] => []);
  const broken = files.map(({ file }) => isBroken(file));
  const byRule = new Map<readonly ActiveRule[], Map<Rule, ActiveRule>>();
  // One rule often words many findings alike (focus-limit: one message per period, for thousands of
  // objectives): the findings of a rule share each message, which lives as long as they do.
  const messages = new Map<string, string>();
  for (const rule of order) {
    files.forEach(({ file, rules, settings }, i) => {
      if (!file.participates || (broken[i] && rule.meta.id !== 'syntax')) return;
      let active = byRule.get(rules);
      if (!active) byRule.set(rules, (active = new Map(rules.map((r) => [r.rule, r]))));
      const own = active.get(rule);
      if (own) checkFile(file, index, own, settings, true, found[i]!, messages);
    });
    index.forgetDerived();
    messages.clear();
  }
  const results = new Map<string, Finding[]>();
  files.forEach(({ file }, i) => results.set(file.path, file.participates ? finalFindings(file, found[i]!) : []));
  return results;
}

/** A file whose YAML or front matter does not parse: only `syntax` reports on it. */
function isBroken(file: ParsedFile): boolean {
  return file.notes.some((n) => n.ruleId === 'syntax');
}

/** Runs one rule over one file, adding its findings to `findings` (with `messages`, sharing the messages found there). */
function checkFile(file: ParsedFile, index: WorkspaceIndex, active: ActiveRule, settings: LintSettings, fixes: boolean, findings: Finding[], messages?: Map<string, string>): void {
  const ruleId = active.rule.meta.id;
  active.rule.check({
    file,
    index,
    options: active.options,
    settings,
    fixes,
    report: (r) => {
      const severity = r.severity && active.severity === active.rule.meta.defaultSeverity ? r.severity : active.severity;
      // Findings live until the run's output is written: each message is kept as one flat string.
      let message = detached(r.message);
      if (messages) {
        const known = messages.get(message);
        if (known === undefined) messages.set(message, message);
        else message = known;
      }
      const finding: Finding = { ruleId, severity, message, file: file.path, span: r.span };
      if (r.related?.length) finding.related = flatMessages(r.related);
      const found = fixes ? (typeof r.fixes === 'function' ? r.fixes() : r.fixes) : undefined;
      if (found?.length) finding.fixes = sharedTitles(found);
      findings.push(finding);
    },
  });
}

/** A file's findings once every rule has run: suppressions applied, in position order (rules tie-broken by id, then message). */
function finalFindings(file: ParsedFile, findings: Finding[]): Finding[] {
  return applySuppressions(file, findings).sort(compareFindings);
}

/** Related locations a rule shares between findings (one list per overloaded owner) are flattened once. */
const flattened = new WeakSet<RelatedLocation[]>();

function flatMessages(related: RelatedLocation[]): RelatedLocation[] {
  if (flattened.has(related)) return related;
  for (const location of related) location.message = detached(location.message);
  flattened.add(related);
  return related;
}

/**
 * Fix titles seen so far. A title is built per finding from a few pieces (`Insert owner @maria`,
 * `Link to initiative 'INIT-x'`), a rope of several objects, and few are distinct: 24k fixes with
 * 4k distinct titles at 10k heavy documents. Filled until full, then only read (an editor session
 * cannot grow it).
 */
const titles = new Map<string, string>();
const TITLES_SIZE = 20000;

function sharedTitles(fixes: Fix[]): Fix[] {
  for (const fix of fixes) {
    const known = titles.get(fix.title);
    if (known !== undefined) fix.title = known;
    else {
      fix.title = detached(fix.title);
      if (titles.size < TITLES_SIZE) titles.set(fix.title, fix.title);
    }
  }
  return fixes;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);
}
