import { defaultConfig, type ResolvedConfig, type RuleConfigEntry } from '../../server/src/engine/config.js';
import { LintEngine } from '../../server/src/engine/engine.js';
import type { Finding } from '../../server/src/model/finding.js';
import type { RuleSetting } from '../../server/src/model/finding.js';
import type { TemplateSpec } from '../../server/src/templates/spec.js';
import { resolveTemplates } from '../../server/src/templates/resolve.js';
import { fixUntilStable } from '../../server/src/fix/apply.js';

/** Virtual workspace root used by in-memory tests; paths in findings are reported relative to it. */
export const ROOT = '/ws';

export interface WorkspaceOptions {
  today?: string;
  fiscalYearStart?: number;
  effortUnit?: 'person-weeks' | 'people';
  rules?: Record<string, RuleSetting | [RuleSetting, Record<string, unknown>]>;
  /** Config `templates` (globs relative to ROOT) and `presets`. */
  templates?: TemplateSpec[];
  presets?: string[];
}

export function configFor(options: WorkspaceOptions = {}): ResolvedConfig {
  const config = defaultConfig(ROOT);
  config.today = options.today ?? '2027-02-01';
  config.fiscalYearStart = options.fiscalYearStart ?? 1;
  if (options.effortUnit) config.effortUnit = options.effortUnit;
  for (const [id, setting] of Object.entries(options.rules ?? {})) {
    const entry: RuleConfigEntry = Array.isArray(setting) ? { severity: setting[0], options: setting[1] } : { severity: setting, options: {} };
    config.rules[id] = entry;
  }
  config.templates = resolveTemplates({ templates: options.templates ?? [], presets: options.presets ?? [] }, ROOT);
  return config;
}

/** Loads `{ 'relative/path.md': text }` into a fresh engine. */
export function workspace(files: Record<string, string>, options: WorkspaceOptions = {}): LintEngine {
  const engine = new LintEngine(configFor(options));
  for (const [rel, text] of Object.entries(files)) engine.load(`${ROOT}/${rel}`, text);
  return engine;
}

/** A finding in a compact, comparable shape: `file:line:col rule-id`, 1-based like the CLI. */
export interface Located {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  message: string;
  severity: string;
  /** The text the finding's range covers. */
  text: string;
  finding: Finding;
}

export function lintWorkspace(files: Record<string, string>, options: WorkspaceOptions = {}): Located[] {
  const engine = workspace(files, options);
  const all: Located[] = [];
  for (const [file, findings] of engine.lintAll()) {
    const rel = file.slice(ROOT.length + 1);
    const text = files[rel]!.replace(/^\uFEFF/, '');
    for (const f of findings) {
      const pos = engine.getFile(file)!.lineMap.positionAt(f.span.start);
      all.push({ file: rel, line: pos.line + 1, column: pos.character + 1, ruleId: f.ruleId, message: f.message, severity: f.severity, text: text.slice(f.span.start, f.span.end), finding: f });
    }
  }
  return all;
}

/** Findings of one rule only. */
export function findingsOf(ruleId: string, files: Record<string, string>, options: WorkspaceOptions = {}): Located[] {
  return lintWorkspace(files, options).filter((f) => f.ruleId === ruleId);
}

/** Applies one fix's edits to the in-memory files and returns the new texts. */
export function applyFix(files: Record<string, string>, finding: Finding, fixIndex = 0): Record<string, string> {
  const fix = finding.fixes?.[fixIndex];
  if (!fix) throw new Error(`finding ${finding.ruleId} has no fix #${fixIndex}`);
  const out = { ...files };
  const byFile = new Map<string, typeof fix.edits>();
  for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, edits] of byFile) {
    const rel = file.slice(ROOT.length + 1);
    const raw = out[rel] ?? '';
    const bom = raw.startsWith('\uFEFF') ? '\uFEFF' : '';
    let text = raw.slice(bom.length);
    for (const e of [...edits].sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
    out[rel] = bom + text;
  }
  return out;
}

/** What `strategy-lint --fix` does to `{ 'relative/path': text }`, in memory: the files after all safe fixes. */
export function fixAll(files: Record<string, string>, options: WorkspaceOptions = {}): Record<string, string> {
  const engine = workspace(files, options);
  const texts = new Map(Object.entries(files).map(([rel, text]) => [`${ROOT}/${rel}`, text]));
  fixUntilStable(engine, texts, engine.lintAll());
  return Object.fromEntries([...texts].map(([file, text]) => [file.slice(ROOT.length + 1), text]));
}
