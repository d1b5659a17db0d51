import { posix } from 'node:path';
import type { Entity } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import type { Finding } from '../model/finding.js';
import { WorkspaceIndex } from '../index/workspaceIndex.js';
import { languageOf, LEFT_OUT, ParseCache } from '../parse/parseFile.js';
import { RULES } from '../rules/registry.js';
import type { LintSettings } from '../rules/rule.js';
import { ConfigCascade } from '../config/cascade.js';
import type { ResolvedConfig } from './config.js';
import { changedPeriodKeys, descendantKeys, filesForKeys, filesWithNearbyNames, healthChanges, healthPeriodKeys, touchedKeys } from './dependencies.js';
import { lintFile, lintFileInSteps, lintFilesByRule, type ActiveRule } from './lintFile.js';
import { movedOrRetitledOnly } from './changeShape.js';
import { candidatesKey, TemplateSet, type CompiledTemplate, type TemplateCandidate } from '../templates/compiled.js';
import { siblingRelatedPaths } from '../templates/siblings.js';
import { pairedFiles } from '../templates/paired.js';

/**
 * The one engine behind the CLI and the language server: parse (cached by content) → index →
 * rules → findings. `update` returns the files whose findings may have changed, so an edit
 * re-checks only what depends on it.
 */
interface Compiled {
  rules: ActiveRule[];
  settings: LintSettings;
  templates: TemplateSet;
}

export class LintEngine {
  readonly index = new WorkspaceIndex();
  private readonly cache: ParseCache;
  private cascade!: ConfigCascade;
  /** The rules and settings of each distinct resolved config (folders that share settings share one). */
  private perConfig = new WeakMap<ResolvedConfig, Compiled>();

  /**
   * One config for every file, or a cascade giving each file its own (§10.12). `contentHashes:
   * false` for a run that never asks a parse's hash (ParsedFile.hash is then '', see ParseCache).
   */
  constructor(config: ResolvedConfig | ConfigCascade, options: { contentHashes?: boolean } = {}) {
    this.cache = new ParseCache(options.contentHashes ?? true);
    this.configure(config);
  }

  /** Whether parses carry their content hash (the constructor's `contentHashes`): parsing workers compute it only then. */
  get contentHashes(): boolean {
    return this.cache.hashes;
  }

  /** The settings of the workspace as a whole (the top of the cascade). */
  get config(): ResolvedConfig {
    return this.cascade.root;
  }

  get configs(): ConfigCascade {
    return this.cascade;
  }

  /** The settings that govern one file. */
  configFor(filePath: string): ResolvedConfig {
    return this.cascade.configFor(filePath);
  }

  /** The workspace-wide settings (cross-file dependencies use its fiscal year). */
  get settings(): LintSettings {
    return this.compiled(this.cascade.root).settings;
  }

  /** Counts configure() calls: what was derived from the findings is stale once it moves. */
  generation = 0;

  configure(config: ResolvedConfig | ConfigCascade): void {
    this.generation++;
    this.cascade = config instanceof ConfigCascade ? config : ConfigCascade.single(config);
    this.perConfig = new WeakMap();
  }

  private compiled(config: ResolvedConfig): Compiled {
    let known = this.perConfig.get(config);
    if (!known) {
      known = { rules: activeRules(config), settings: { today: config.today, fiscalYearStart: config.fiscalYearStart, effortUnit: config.effortUnit }, templates: new TemplateSet(config.templates ?? []) };
      this.perConfig.set(config, known);
    }
    return known;
  }

  /**
   * Adds or replaces a file; returns the paths whose findings may have changed. A caller that holds
   * every file's findings from before the edit (the lint cache) passes `held`: an edit that only
   * moved or retitled what the file declares then returns fewer paths (see narrowed).
   */
  update(filePath: string, text: string, held?: HeldFindings): Set<string> {
    const before = this.index.getFile(filePath);
    const parsed = this.parse(filePath, text);
    if (before === parsed) return new Set();
    return this.replace(filePath, before, parsed, held);
  }

  /** Adds a file without computing what it affects (the CLI loads everything, then lints everything). */
  load(filePath: string, text: string): ParsedFile {
    const parsed = this.parse(filePath, text);
    this.index.setFile(parsed);
    const sibling = this.siblingToReread(parsed);
    if (sibling) this.load(sibling.path, sibling.text);
    return parsed;
  }

  /**
   * A file's parse as `load` makes it, not indexed yet: files parsed out of order (--concurrency)
   * are indexed in load order afterwards, with `restore`. Unlike `load`, no sibling is read again
   * once its main file comes: the CLI parses only files on disk, and `expect` names them all, so a
   * sibling finds its main file when it is parsed.
   */
  parseOnly(filePath: string, text: string): ParsedFile {
    return this.parse(filePath, text);
  }

  /**
   * A file's parse (cached by content): by the templates that may read it, else by the SPEC forms.
   * A file only a template's globs brought in (`kep.yaml`: no Markdown or *.strategy.yaml name)
   * that the template's `exclude` removes takes no part: it is not a strategy file either.
   */
  private parse(filePath: string, text: string): ParsedFile {
    const { candidates, leftOut } = this.readersOf(filePath);
    const parsed = this.cache.get(filePath, text, candidates, leftOut);
    // A file named as a template's sibling (README.md) but read without its main file beside it may
    // become that sibling when the main file comes: its text is kept until then (few files: the
    // README.md files of folders that are not a KEP's).
    if (parsed.templated?.role !== 'sibling' && this.templatesFor(filePath).isSiblingName(posix.basename(filePath))) this.unpairedTexts.set(filePath, text);
    else this.unpairedTexts.delete(filePath);
    return parsed;
  }

  /** The texts of files named as a template's sibling that were read without a main file beside them (see `parse`). */
  private readonly unpairedTexts = new Map<string, string>();

  /**
   * The sibling of a main file just indexed, when the index holds it read otherwise (it was loaded
   * or opened before its main file, which was not on disk then): read again, it becomes the sibling.
   */
  private siblingToReread(parsed: ParsedFile | undefined): { path: string; text: string } | undefined {
    const name = parsed?.templated?.role === 'main' ? parsed.templated.template.siblingFile : undefined;
    if (!parsed || !name) return undefined;
    const path = `${posix.dirname(parsed.path)}/${name}`;
    const text = this.unpairedTexts.get(path);
    const indexed = this.index.getFile(path);
    if (text === undefined || !indexed || indexed.templateKey === this.templateKeyFor(path)) return undefined;
    return { path, text };
  }

  /** The templates that may read a file, and whether a template's `exclude` leaves it out (what its parse depends on besides its text). */
  readersOf(filePath: string): { candidates: TemplateCandidate[]; leftOut: boolean } {
    const candidates = this.candidatesFor(filePath);
    const leftOut = !candidates.length && languageOf(filePath) === undefined && this.templatesFor(filePath).excludes(filePath);
    return { candidates, leftOut };
  }

  /**
   * Adds a file parsed by an earlier run (the lint cache), as `load` would after parsing its text:
   * a later `update` with the same text finds it unchanged, unless it is not `reusable`.
   */
  restore(parsed: ParsedFile, reusable = true): void {
    // Not reusable (a file it depends on changed): indexed as it was, parsed again by the next update.
    if (reusable) this.cache.put(parsed);
    else this.cache.delete(parsed.path);
    this.index.setFile(parsed);
  }

  /**
   * The files an edit of `filePath` may re-check (its own included): those whose checks read what it
   * declares or refers to, and those that read the health of its entities (as if each changed), as
   * `update` works them out. What an edit that renames nothing re-checks is among them.
   */
  dependentsOf(filePath: string): Set<string> {
    const file = this.index.getFile(filePath);
    if (!file) return new Set();
    const affected = filesForKeys(this.keysRead(file, healthChanges(file, undefined).before), this.index, this.settings.fiscalYearStart);
    for (const f of siblingRelatedPaths(file, this.index)) affected.add(f);
    affected.add(filePath);
    return affected;
  }

  /**
   * The keys whose readers a change of `file` concerns (dependencies.ts): what it declares and refers
   * to, and the periods and descendants of those of its entities whose health changed.
   */
  private keysRead(file: ParsedFile | undefined, healthChanged: readonly Entity[]): Set<string> {
    const fy = this.settings.fiscalYearStart;
    const keys = file ? touchedKeys(file, this.index, fy) : new Set<string>();
    for (const key of healthPeriodKeys(healthChanged, this.index, fy)) keys.add(key);
    for (const key of descendantKeys(healthChanged, this.index)) keys.add(key);
    return keys;
  }

  remove(filePath: string): Set<string> {
    const before = this.index.getFile(filePath);
    this.cache.delete(filePath);
    this.unpairedTexts.delete(filePath);
    if (!before) return new Set();
    return this.replace(filePath, before, undefined);
  }

  private replace(filePath: string, before: ParsedFile | undefined, after: ParsedFile | undefined, held?: HeldFindings): Set<string> {
    const fy = this.settings.fiscalYearStart;
    const hadOwners = this.index.countOfKind('owner') > 0;
    const health = healthChanges(before, after);
    const affected = filesForKeys(this.keysRead(before, health.before), this.index, fy);
    // A templated entity and its sibling file are checked together (a KEP's kep.yaml and README.md).
    const related = siblingRelatedPaths(before, this.index);
    if (after) this.index.setFile(after);
    else this.index.removeFile(filePath);
    if (after) for (const f of filesForKeys(this.keysRead(after, health.after), this.index, fy)) affected.add(f);
    affected.add(filePath);
    for (const f of [...related, ...siblingRelatedPaths(after, this.index)]) if (this.index.getFile(f)) affected.add(f);
    const sibling = this.siblingToReread(after);
    if (sibling) for (const f of this.update(sibling.path, sibling.text)) affected.add(f);
    const nearby = filesWithNearbyNames(before, after, this.index);
    for (const f of nearby) affected.add(f);
    for (const f of filesForKeys(changedPeriodKeys(before, after, fy), this.index, fy)) affected.add(f);
    // `unknown-owner` only speaks once the workspace declares an owner: the first or last one changes every file.
    if (hadOwners !== this.index.countOfKind('owner') > 0) for (const f of this.index.allFiles()) affected.add(f.path);
    return held && before && after && movedOrRetitledOnly(before, after) ? this.narrowed(affected, before, after, nearby, held) : affected;
  }

  /**
   * Of the files an edit that only moved or retitled what a file declares affects (as `replace`
   * works them out, from what the file declares and links to), those whose findings can change: the
   * file itself; those whose hints offer a name it changed, which include every link into the file
   * once a heading's anchor changed (`nearby`: filesWithNearbyNames); those whose held findings do
   * not stand once the places they name in it move with it (HeldFindings.standAfterMove). The others
   * read nothing of it that changed (changeShape.movedOrRetitledOnly): what links to its ids (a
   * portfolio naming its initiatives), what it links to (their objectives), the owners it names.
   */
  private narrowed(affected: Set<string>, before: ParsedFile, after: ParsedFile, nearby: Set<string>, held: HeldFindings): Set<string> {
    const kept = new Set<string>();
    for (const f of affected) if (f === after.path || nearby.has(f) || !held.standAfterMove(f, before, after)) kept.add(f);
    return kept;
  }

  /**
   * A file's findings; with `only`, those of these rules alone (the lint cache re-checks the findings
   * whose fixes list workspace candidates and keeps the rest). `fixes: false`: without their fixes,
   * for a caller that shows only the findings (RuleContext.fixes).
   */
  lint(filePath: string, only?: ReadonlySet<string>, { fixes = true }: { fixes?: boolean } = {}): Finding[] {
    const file = this.index.getFile(filePath);
    return file ? this.lintParsed(file, only, fixes) : [];
  }

  /**
   * `lint`, one rule per step (see lintFileInSteps). The steps read the index as it is when each
   * runs: a caller that lets the index change between steps must start again.
   */
  lintInSteps(filePath: string, { fixes = true }: { fixes?: boolean } = {}): Generator<void, Finding[]> {
    const file = this.index.getFile(filePath);
    if (!file) return noFindings();
    const { rules, settings } = this.compiled(this.cascade.configFor(file.path));
    return lintFileInSteps(file, this.index, rules, settings, fixes);
  }

  /**
   * Every file's findings, as `lint` gives them, one rule at a time over all files (lintFilesByRule):
   * the workspace-wide values each rule derives are forgotten after it, so a run that lints
   * everything once never holds them all. The next query builds what it needs again.
   */
  lintAll(): Map<string, Finding[]> {
    const files = [...this.index.allFiles()].map((file) => {
      const { rules, settings } = this.compiled(this.cascade.configFor(file.path));
      return { file, rules, settings };
    });
    return lintFilesByRule(files, this.index, RULES);
  }

  private lintParsed(file: ParsedFile, only?: ReadonlySet<string>, fixes = true): Finding[] {
    const { rules, settings } = this.compiled(this.cascade.configFor(file.path));
    return lintFile(file, this.index, only ? rules.filter((r) => only.has(r.rule.meta.id)) : rules, settings, fixes);
  }

  /**
   * The templates that may read a file: those of the config that governs it (a subfolder's config
   * adds its own, for the files below it). A sibling (README.md beside a kep.yaml) may find its
   * main file among the files loaded as well as on disk.
   */
  private candidatesFor(filePath: string): TemplateCandidate[] {
    return this.templatesFor(filePath).candidatesFor(filePath, () => [...this.index.allFiles()].map((f) => f.path), this.expected?.get(posix.dirname(filePath)));
  }

  /** Files about to be loaded, by folder (see `expect`). */
  private expected: Map<string, string[]> | undefined;

  /**
   * Says which files the caller is about to load (the CLI's discovered files), until `expect()`
   * with none: a sibling (a KEP's README.md, loaded before its kep.yaml) finds its main file among
   * them instead of reading its folder from disk.
   */
  expect(paths?: readonly string[]): void {
    if (!paths) {
      this.expected = undefined;
      return;
    }
    this.expected = new Map();
    for (const path of paths) {
      const dir = posix.dirname(path);
      const list = this.expected.get(dir);
      if (list) list.push(path);
      else this.expected.set(dir, [path]);
    }
  }

  /**
   * What a file's parse depends on besides its text: the templates that may read it (ParsedFile.templateKey).
   * The lint cache compares it, so that a file read by another template now (a KEP's main file
   * appeared beside it) is parsed again.
   */
  templateKeyFor(filePath: string): string {
    const { candidates, leftOut } = this.readersOf(filePath);
    return leftOut ? LEFT_OUT : candidatesKey(candidates);
  }

  /**
   * The other files a file's parse may depend on, besides its text and its templates: those its
   * templates pair it with (a KEP's README.md beside its kep.yaml, and back). The lint cache parses
   * a file again when one of them changed.
   */
  parseInputsFor(filePath: string): string[] {
    return pairedFiles(filePath, this.readersOf(filePath).candidates);
  }

  /** The compiled templates of the config that governs a file (the editor completes their enum values). */
  templatesFor(filePath: string): TemplateSet {
    return this.compiled(this.cascade.configFor(filePath)).templates;
  }

  /**
   * How an encoded parse of a file (the lint cache's, a parsing worker's) finds its templates again:
   * by identity, among those of the config that governs the file.
   */
  templateLookup(filePath: string): (identity: string) => CompiledTemplate | undefined {
    return (identity) => this.templatesFor(filePath).byIdentity(identity);
  }

  getFile(filePath: string): ParsedFile | undefined {
    return this.index.getFile(filePath);
  }
}

/** Findings a caller holds for every file from before an edit (the lint cache's), for `update`. */
export interface HeldFindings {
  /**
   * Whether the findings held for `file` stand after an edit of another file from `before` to
   * `after` that only moved or retitled what it declares: they name no place in it, or the holder
   * moved those they name along with the edit (and holds them so). False when none are held.
   */
  standAfterMove(file: string, before: ParsedFile, after: ParsedFile): boolean;
}

function* noFindings(): Generator<void, Finding[]> {
  return [];
}

/** The rules a config leaves on, with their severities and options. */
function activeRules(config: ResolvedConfig): ActiveRule[] {
  const active: ActiveRule[] = [];
  for (const rule of RULES) {
    const entry = config.rules[rule.meta.id];
    const severity = entry?.severity ?? rule.meta.defaultSeverity;
    if (severity === 'off') continue;
    active.push({ rule, severity, options: { ...(rule.meta.defaultOptions ?? {}), ...(entry?.options ?? {}) } });
  }
  return active;
}
