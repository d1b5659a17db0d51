import type { Span } from './span.js';

export type Severity = 'error' | 'warning' | 'info';
export type RuleSetting = 'off' | Severity;

/** One text replacement against a file's original text (offsets exclude the BOM). */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  /** Says what the fix does: "Insert owner @maria", "Replace 'OBJ-smbb' with 'OBJ-smb'". */
  title: string;
  /** Safe fixes are applied by --fix and fix-all (SPEC §6); the others are editor suggestions only. */
  safe: boolean;
  edits: TextEdit[];
  /** false: never the editor's preferred action (it leaves a value for the author to write). */
  preferred?: false;
}

export interface RelatedLocation {
  file: string;
  span: Span;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  span: Span;
  related?: RelatedLocation[];
  /** Best first. */
  fixes?: Fix[];
}
