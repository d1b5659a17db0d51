import type { FileLanguage, ParsedFile } from '../model/file.js';
import { LineMap } from '../text/lineMap.js';
import { contentHash } from './contentHash.js';
import { compactEntities } from './compact.js';
import { parseMarkdown } from './markdownFile.js';
import { findSuppressions } from './suppressions.js';
import { parseStrategyYaml } from './yamlFile.js';
import { candidatesKey, type TemplateCandidate } from '../templates/compiled.js';
import { readTemplated } from '../templates/read.js';

export function languageOf(filePath: string): FileLanguage | undefined {
  const lower = filePath.toLowerCase();
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  if (lower.endsWith('.strategy.yaml') || lower.endsWith('.strategy.yml')) return 'yaml';
  return undefined;
}

/**
 * The language of a file linted although its name is not a default one (named on the command
 * line, or matched by a config `include` such as `plans/*.yaml`): YAML by its extension, else Markdown.
 */
function fallbackLanguage(filePath: string): FileLanguage {
  return /\.ya?ml$/i.test(filePath) ? 'yaml' : 'markdown';
}

/** The template key of a file a template's globs name and its `exclude` removes: it takes no part. */
export const LEFT_OUT = 'left-out';

/**
 * Parses one file's text into what the index keeps. `text` may start with a BOM; offsets in the
 * result are relative to the text without it (as editors report positions).
 */
export function parseFile(
  filePath: string,
  rawText: string,
  language = languageOf(filePath) ?? fallbackLanguage(filePath),
  templates: readonly TemplateCandidate[] = [],
  leftOut = false,
  hash = contentHash(rawText),
  /** A new version of a file parsed before (an edit): see parseMarkdown. */
  editing = false,
): ParsedFile {
  const hasBom = rawText.charCodeAt(0) === 0xfeff;
  const text = hasBom ? rawText.slice(1) : rawText;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lineMap = LineMap.of(text);
  // A template reads the file when its globs and condition say so (docs/templates.md); else the SPEC forms do.
  const templated = templates.length ? readTemplated(filePath, text, eol, language, templates) : undefined;
  const parsed = templated
    ? { entities: templated.entities, notes: templated.notes, declares: true }
    : leftOut
      ? { entities: [], notes: [], declares: false }
      : language === 'yaml'
      ? { ...parseStrategyYaml(filePath, text, eol), declares: true }
      : parseMarkdown(filePath, text, eol, editing);
  return {
    path: filePath,
    language,
    hash,
    lineMap,
    hasBom,
    eol,
    participates: parsed.declares,
    // The index keeps entities for the whole run: not the text they were read from, nor spare slots.
    entities: compactEntities(parsed.entities, templated?.templated),
    notes: parsed.notes,
    suppressions: parsed.declares ? findSuppressions(text, language, lineMap) : [],
    templateKey: leftOut ? LEFT_OUT : candidatesKey(templates),
    ...(templated ? { templated: templated.templated } : {}),
  };
}

/** Parse results by path, reused while the content hash is unchanged (the LSP re-parses only edited files). */
export class ParseCache {
  private readonly files = new Map<string, ParsedFile>();

  /**
   * `hashes: false`: no content hash is computed (a CLI run without --cache parses each file once
   * and writes no cache: hashing every file was 3% of a `--preset kep` run); a parse is then never
   * reused for a text given again, it is parsed again.
   */
  constructor(readonly hashes = true) {}

  /** The parse of a file depends on its text and on the templates that may read it: both make the key. */
  get(filePath: string, rawText: string, templates: readonly TemplateCandidate[] = [], leftOut = false): ParsedFile {
    const cached = this.files.get(filePath);
    const hash = this.hashes ? contentHash(rawText) : '';
    if (cached && this.hashes && cached.hash === hash && cached.templateKey === (leftOut ? LEFT_OUT : candidatesKey(templates))) return cached;
    const parsed = parseFile(filePath, rawText, undefined, templates, leftOut, hash, cached !== undefined && this.hashes);
    this.files.set(filePath, parsed);
    return parsed;
  }

  /** Takes a parse result made earlier (the lint cache's), reused while its hash matches. */
  put(parsed: ParsedFile): void {
    this.files.set(parsed.path, parsed);
  }

  delete(filePath: string): void {
    this.files.delete(filePath);
  }
}
