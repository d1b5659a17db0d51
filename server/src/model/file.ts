import type { LineMap } from '../text/lineMap.js';
import type { Entity } from './entity.js';
import type { Span } from './span.js';
import type { Fix } from './finding.js';
import type { Field } from './entity.js';
import type { CompiledTemplate } from '../templates/compiled.js';
import type { SectionFact } from '../templates/markdownFacts.js';

export type FileLanguage = 'markdown' | 'yaml';

/**
 * A finding the parser can already see (a syntax error, an unknown kind, a misspelt list name).
 * The rule named by `ruleId` turns it into a diagnostic, so severity, suppression and
 * configuration work as for any other rule.
 */
export interface ParseNote {
  ruleId: 'syntax' | 'invalid-value' | 'unknown-field';
  message: string;
  span: Span;
  fixes?: Fix[];
}

export interface SuppressionComment {
  kind: 'next-line' | 'disable' | 'enable' | 'file';
  /** Rule ids named by the comment; empty = all rules. */
  rules: { id: string; span: Span }[];
  span: Span;
  /** For next-line: the 0-based line whose findings are suppressed. */
  targetLine?: number;
}

/** Everything the index keeps of one file: entities, references and ranges; never a syntax tree. */
export interface ParsedFile {
  /** Absolute, '/'-separated path. */
  path: string;
  language: FileLanguage;
  /** Content hash of the text the parse came from (cache key); '' from an engine that keeps none (a CLI run without --cache). */
  hash: string;
  lineMap: LineMap;
  hasBom: boolean;
  eol: '\n' | '\r\n';
  /** §2: a Markdown file takes part only when it declares something. */
  participates: boolean;
  entities: Entity[];
  notes: ParseNote[];
  suppressions: SuppressionComment[];
  /** Which templates the parse depended on (cache key, with `hash`); '' when none applied. */
  templateKey: string;
  /** Set when a template read the file (docs/templates.md). */
  templated?: TemplatedFile;
}

/** What a template read from a file beyond its entities: the sections it requires, and a sibling's own fields. */
export interface TemplatedFile {
  template: CompiledTemplate;
  /** `main`: the file declares the template's entity; `sibling`: it is the companion of one (a KEP's README.md). */
  role: 'main' | 'sibling';
  /** The sections the template requires of the file (`required-sections`, any alternative), in document order. */
  sections: SectionFact[];
  /** Where file-level findings go: the first `# Title`, else the first heading, else the first line. */
  anchor: Span;
  /** A sibling's fields (a main file's fields are its entity's). */
  fields: Field[];
}
