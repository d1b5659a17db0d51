import { accessSync, chmodSync, chownSync, constants, statSync, writeFileSync, type Stats } from 'node:fs';
import { replaceFile } from '../files/replaceFile.js';
import type { Finding, Fix, TextEdit } from '../model/finding.js';

/** --fix re-lints and fixes again until nothing safe is left, at most this many times. */
export const MAX_FIX_PASSES = 10;

/**
 * The safe fixes to apply in one pass, as edits grouped by file: each finding's first safe fix,
 * in the order given, skipping a fix when any of its edits overlaps or touches an edit already
 * chosen (the next pass, on the fixed text, gets it), when it changes nothing, or when it edits
 * text outside `texts` (files this run does not own) or outside a file's bounds.
 * `texts` holds each file's text without BOM.
 */
export function chooseSafeFixes(findings: Iterable<Finding>, texts: ReadonlyMap<string, string>): Map<string, TextEdit[]> {
  const chosen = new Map<string, TextEdit[]>();
  for (const finding of findings) {
    const fix = finding.fixes?.find((f) => f.safe);
    if (!fix || !canApply(fix, texts, chosen)) continue;
    for (const edit of fix.edits) {
      const list = chosen.get(edit.file);
      if (list) list.push(edit);
      else chosen.set(edit.file, [edit]);
    }
  }
  return chosen;
}

function canApply(fix: Fix, texts: ReadonlyMap<string, string>, chosen: ReadonlyMap<string, TextEdit[]>): boolean {
  if (fix.edits.length === 0) return false;
  let changes = false;
  for (let i = 0; i < fix.edits.length; i++) {
    const edit = fix.edits[i]!;
    const text = texts.get(edit.file);
    if (text === undefined || !(edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length)) return false;
    if (text.slice(edit.start, edit.end) !== edit.newText) changes = true;
    if (chosen.get(edit.file)?.some((other) => conflicts(edit, other))) return false;
    for (let j = 0; j < i; j++) if (fix.edits[j]!.file === edit.file && conflicts(edit, fix.edits[j]!)) return false;
  }
  return changes;
}

/** Overlapping or touching ranges conflict: two insertions at one offset have no defined order. */
function conflicts(a: TextEdit, b: TextEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * Applies non-overlapping edits to a file's raw text. Offsets exclude the BOM, which is kept;
 * in a CRLF file, line breaks in inserted text become CRLF. Text outside the edits is copied as is.
 */
export function applyEdits(rawText: string, edits: readonly TextEdit[]): string {
  const bom = rawText.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
  const text = bom ? rawText.slice(1) : rawText;
  const crlf = text.includes('\r\n');
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [bom];
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error(`overlapping edits at offset ${edit.start} in ${edit.file}`);
    parts.push(text.slice(cursor, edit.start), crlf ? edit.newText.replace(/\r?\n/g, '\r\n') : edit.newText);
    cursor = edit.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

/** What the fix loop needs of the engine (LintEngine provides it). */
export interface FixEngine {
  update(filePath: string, text: string): Set<string>;
  lint(filePath: string): Finding[];
}

/**
 * Applies safe fixes until none is left (or MAX_FIX_PASSES): fix, re-parse the changed files,
 * re-lint what they affect, repeat. `texts` (raw texts of the files this run may change) and
 * `findings` (current findings by file) are updated in place; returns the files that changed.
 */
export function fixUntilStable(engine: FixEngine, texts: Map<string, string>, findings: Map<string, Finding[]>): Set<string> {
  const changed = new Set<string>();
  let candidates: Iterable<string> = findings.keys();
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const bare = new Map<string, string>();
    const pending: Finding[] = [];
    for (const file of candidates) {
      const list = findings.get(file);
      if (!list || !texts.has(file) || !list.some((f) => f.fixes?.some((x) => x.safe))) continue;
      for (const finding of list) pending.push(finding);
    }
    if (pending.length === 0) break;
    for (const finding of pending) for (const fix of finding.fixes ?? []) for (const edit of fix.edits) {
      if (!bare.has(edit.file) && texts.has(edit.file)) bare.set(edit.file, withoutBom(texts.get(edit.file)!));
    }
    const plan = chooseSafeFixes(pending, bare);
    if (plan.size === 0) break;
    const affected = new Set<string>();
    for (const [file, edits] of plan) {
      const next = applyEdits(texts.get(file)!, edits);
      texts.set(file, next);
      changed.add(file);
      for (const p of engine.update(file, next)) affected.add(p);
    }
    for (const p of affected) if (findings.has(p)) findings.set(p, engine.lint(p));
    // Fixes deferred by a conflict sit in the files just changed, which are among the affected.
    candidates = affected;
  }
  return changed;
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Replaces a file's content atomically: write a temporary file beside it, then rename over it,
 * so an interrupted run leaves the old or the new content, never half of one. Keeps the file's
 * permission bits and (where allowed) its owner, refuses a file that is not writable (read-only
 * means "do not change"), and writes through a symbolic link to its target rather than replacing the link.
 */
export function writeFileAtomic(filePath: string, text: string | Uint8Array): void {
  replaceFile(filePath, (temp, target) => {
    let original: Stats | undefined;
    try {
      original = statSync(target);
    } catch {
      original = undefined;
    }
    if (original) accessSync(target, constants.W_OK);
    const mode = original ? original.mode & 0o7777 : 0o666;
    writeFileSync(temp, text, { flag: 'wx', mode });
    if (original) {
      chmodSync(temp, mode);
      try {
        chownSync(temp, original.uid, original.gid);
      } catch {
        // Only root may give a file away; the content and mode are what matter.
      }
    }
  });
}
