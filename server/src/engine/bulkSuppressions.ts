import type { Entity } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import type { Finding } from '../model/finding.js';

/**
 * Bulk suppressions (a baseline of accepted findings, as ESLint's `eslint-suppressions.json`):
 * file (relative to the suppressions file's folder) → rule id → where → how many.
 *
 * "Where" is the entity the finding is about and, below it, the field (`INIT-pix#owner`), never a
 * line: moving or editing text around a finding keeps it suppressed. A finding outside every
 * entity (a syntax error, a stray list) is counted under `*` for its file and rule.
 */
export type SuppressionCounts = Record<string, Record<string, Record<string, number>>>;

/** The key used for findings that belong to no entity of their file (counted per file and rule). */
export const FILE_LEVEL_KEY = '*';

/** Where in its file a finding is, as the suppressions file names it. */
export function suppressionKey(file: ParsedFile, finding: Finding): string {
  const at = finding.span.start;
  const entity = innermostEntity(file.entities, at);
  if (!entity?.id) return FILE_LEVEL_KEY;
  // Entity-level findings sit at the entity's anchor (heading, YAML id value, front-matter kind).
  if (at >= entity.anchor.start && at <= entity.anchor.end) return entity.id;
  const field = entity.fields.find((f) => at >= f.keySpan.start && at <= Math.max(f.keySpan.end, f.value.span.end));
  return field ? `${entity.id}#${field.key}` : entity.id;
}

/**
 * The smallest declaration containing `offset` (a nested initiative rather than its objective).
 * Extents are half-open: a heading section ends where the next heading, with its own anchor, starts.
 */
function innermostEntity(entities: readonly Entity[], offset: number): Entity | undefined {
  let best: Entity | undefined;
  for (const entity of entities) {
    if (offset < entity.extent.start || offset >= entity.extent.end) continue;
    if (!best || entity.extent.end - entity.extent.start < best.extent.end - best.extent.start) best = entity;
  }
  return best;
}

/** One file's findings split by the suppressions, and the entries (or parts of them) nothing used. */
export interface SuppressedFile {
  kept: Finding[];
  suppressed: Finding[];
  unused: UnusedSuppression[];
}

export interface UnusedSuppression {
  /** As written in the suppressions file. */
  file: string;
  ruleId: string;
  key: string;
  /** How many of the entry's count matched nothing. */
  count: number;
}

/**
 * Applies one file's entries to its findings. As in ESLint, a group (rule and key) with no more
 * findings than its count is suppressed whole; a group with more is reported whole, since nothing
 * tells which of them is the new one.
 */
export function applyBulkSuppressions(file: ParsedFile, findings: readonly Finding[], entries: Record<string, Record<string, number>> | undefined, relativePath: string): SuppressedFile {
  if (!entries) return { kept: [...findings], suppressed: [], unused: [] };
  const groups = groupFindings(file, findings);
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  const unused: UnusedSuppression[] = [];
  for (const finding of findings) {
    const key = suppressionKey(file, finding);
    const allowed = entries[finding.ruleId]?.[key] ?? 0;
    const found = groups.get(finding.ruleId)?.get(key) ?? 0;
    (allowed > 0 && found <= allowed ? suppressed : kept).push(finding);
  }
  for (const [ruleId, keys] of Object.entries(entries)) {
    for (const [key, allowed] of Object.entries(keys)) {
      const found = groups.get(ruleId)?.get(key) ?? 0;
      if (found < allowed) unused.push({ file: relativePath, ruleId, key, count: allowed - found });
    }
  }
  return { kept, suppressed, unused };
}

/** Every entry of a file no longer linted (deleted or renamed) is unused. */
export function unusedEntriesOf(relativePath: string, entries: Record<string, Record<string, number>>): UnusedSuppression[] {
  return Object.entries(entries).flatMap(([ruleId, keys]) => Object.entries(keys).map(([key, count]) => ({ file: relativePath, ruleId, key, count })));
}

/** Findings counted by rule, then key. */
function groupFindings(file: ParsedFile, findings: readonly Finding[]): Map<string, Map<string, number>> {
  const groups = new Map<string, Map<string, number>>();
  for (const finding of findings) {
    const byKey = groups.get(finding.ruleId) ?? new Map<string, number>();
    const key = suppressionKey(file, finding);
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
    groups.set(finding.ruleId, byKey);
  }
  return groups;
}

/**
 * `--suppress-all` / `--suppress-rule`: the entries of the chosen rules (all when `rules` is
 * undefined) become the current counts of the files linted; entries of other files and rules stay.
 */
export function recordSuppressions(
  counts: SuppressionCounts,
  files: readonly { file: ParsedFile; relativePath: string; findings: readonly Finding[] }[],
  rules: ReadonlySet<string> | undefined,
): SuppressionCounts {
  const next = cloneCounts(counts);
  for (const { file, relativePath, findings } of files) {
    const chosen = findings.filter((f) => !rules || rules.has(f.ruleId));
    const entries = next[relativePath] ?? {};
    for (const ruleId of Object.keys(entries)) if (!rules || rules.has(ruleId)) delete entries[ruleId];
    for (const [ruleId, keys] of groupFindings(file, chosen)) entries[ruleId] = Object.fromEntries(keys);
    if (Object.keys(entries).length) next[relativePath] = entries;
    else delete next[relativePath];
  }
  return next;
}

/** `--prune-suppressions`: lowers each unused entry's count by what went unused, dropping those left at 0. */
export function pruneSuppressions(counts: SuppressionCounts, unused: readonly UnusedSuppression[]): SuppressionCounts {
  const next = cloneCounts(counts);
  for (const entry of unused) {
    const keys = next[entry.file]?.[entry.ruleId];
    if (!keys || keys[entry.key] === undefined) continue;
    const left = keys[entry.key]! - entry.count;
    if (left > 0) keys[entry.key] = left;
    else delete keys[entry.key];
    if (!Object.keys(keys).length) delete next[entry.file]![entry.ruleId];
    if (!Object.keys(next[entry.file]!).length) delete next[entry.file];
  }
  return next;
}

/** Total of the counts: how many findings the file accepts. */
export function totalSuppressions(counts: SuppressionCounts): number {
  let total = 0;
  for (const rules of Object.values(counts)) for (const keys of Object.values(rules)) for (const n of Object.values(keys)) total += n;
  return total;
}

function cloneCounts(counts: SuppressionCounts): SuppressionCounts {
  return Object.fromEntries(Object.entries(counts).map(([file, rules]) => [file, Object.fromEntries(Object.entries(rules).map(([rule, keys]) => [rule, { ...keys }]))]));
}
