import { ENTITY_KINDS, FIELD_ALIASES, FIELD_SPECS } from '../model/kinds.js';
import { capitalise } from '../text/capitalise.js';

/**
 * Words a parse record (parseCodec.ts) writes as a number: the kinds, forms, field keys, enum values
 * and layout strings that most of its strings are. At 10k heavy documents, 1.1M of the 1.45M
 * strings in the records' first texts were one of ~80 such words; written as numbers, those texts
 * are a quarter smaller and JSON.parse reads them ~25% faster (measured 2026-12-07). The restored
 * index is no smaller for it (95 MB live either way): V8 already shares the short strings
 * JSON.parse makes.
 *
 * A word's number is its place here plus one (0 keeps the meanings the codec gives it). The list is
 * part of the cache's key (cacheKey.ts): a cache written with another list is stale, never misread.
 */
export const PARSE_WORDS: readonly string[] = unique([
  ...ENTITY_KINDS,
  // Entity forms, reference forms, field insertion styles.
  'yaml',
  'front-matter',
  'heading',
  'id',
  'wiki',
  'link',
  'implicit',
  'yaml-block',
  'yaml-flow',
  'markdown-list',
  'markdown-new-list',
  // Indents, list markers and line endings of field insertions.
  '',
  '  ',
  '    ',
  '      ',
  '        ',
  '- ',
  '  - ',
  '\n',
  '\r\n',
  // Field keys as written (in YAML, and capitalised in Markdown lists), and enum values.
  ...Object.values(FIELD_SPECS).flatMap((fields) => Object.keys(fields)),
  ...Object.values(FIELD_ALIASES).flatMap((aliases) => Object.keys(aliases ?? {})),
  ...Object.values(FIELD_SPECS).flatMap((fields) => Object.keys(fields).map(capitalise)),
  ...Object.values(FIELD_SPECS).flatMap((fields) => Object.values(fields).flatMap((spec) => spec.values ?? [])),
]);

const CODES = new Map(PARSE_WORDS.map((word, i) => [word, i + 1]));

/** A string as a record writes it: its word's number, or itself. */
export function wordCode(text: string): string | number {
  return CODES.get(text) ?? text;
}

/** The string a record item stands for (wordCode); throws on a number that names no word. */
export function wordText(item: unknown): string {
  if (typeof item === 'string') return item;
  const word = typeof item === 'number' ? PARSE_WORDS[item - 1] : undefined;
  if (word === undefined) throw new RangeError(`not a word of a parse record: ${String(item)}`);
  return word;
}

function unique(words: readonly string[]): string[] {
  return [...new Set(words)];
}
