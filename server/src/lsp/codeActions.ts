import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import type { LintEngine } from '../engine/engine.js';
import type { Finding, TextEdit } from '../model/finding.js';
import { applyEdits, chooseSafeFixes, fixUntilStable } from '../fix/apply.js';
import { SOURCE, toDiagnostic } from './diagnostics.js';
import { suppressionActions } from './suppressActions.js';
import { minimalEdit, toWorkspaceEdit } from './workspaceEdits.js';

export const FIX_ALL_KIND = 'source.fixAll.strategyLint';

/**
 * Quick fixes for the findings under the range (one action per fix; the rules give one fix per
 * candidate, best first), and fix-all when the client asks for `source.fixAll(.strategyLint)`.
 * Fixes are recomputed from the engine, never carried in diagnostic data.
 */
export function codeActionsFor(engine: LintEngine, filePath: string, text: string, params: CodeActionParams): CodeAction[] {
  const parsed = engine.getFile(filePath);
  if (!parsed) return [];
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  const findings = engine.lint(filePath);
  if (wants(CodeActionKind.QuickFix)) {
    const start = parsed.lineMap.offsetAt(params.range.start);
    const end = parsed.lineMap.offsetAt(params.range.end);
    const suppressions: CodeAction[] = [];
    for (const finding of findings) {
      if (finding.span.start > end || finding.span.end < start) continue;
      const diagnostic = matchingDiagnostic(params.context.diagnostics, toDiagnostic(finding, parsed.lineMap, engine.index));
      suppressions.push(...suppressionActions(finding, parsed, text, diagnostic, engine.index));
      (finding.fixes ?? []).forEach((fix, i) => {
        const action: CodeAction = {
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: toWorkspaceEdit(fix.edits, engine.index),
        };
        if (i === 0 && fix.preferred !== false && (fix.safe || finding.fixes!.length === 1)) action.isPreferred = true;
        actions.push(action);
      });
    }
    // Fixes first; "disable" actions after them, once per rule and place.
    const seen = new Set<string>();
    for (const action of suppressions) {
      const key = `${action.title}@${JSON.stringify(action.edit)}`;
      if (!seen.has(key)) actions.push(action);
      seen.add(key);
    }
  }
  // Fix-all is computed only when asked for (on save, from the Source Action menu): it re-lints.
  const fixAllKind = only?.some((o) => o === FIX_ALL_KIND) ? FIX_ALL_KIND : only?.some((o) => o === CodeActionKind.SourceFixAll || o === CodeActionKind.Source) ? CodeActionKind.SourceFixAll : undefined;
  if (fixAllKind) {
    const fixAll = fixAllAction(engine, filePath, text, findings, fixAllKind);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** The client's own diagnostic object when it sent one that matches (some clients compare by identity). */
function matchingDiagnostic(sent: readonly Diagnostic[], ours: Diagnostic): Diagnostic {
  return (
    sent.find(
      (d) =>
        d.source === SOURCE &&
        d.code === ours.code &&
        d.message === ours.message &&
        d.range.start.line === ours.range.start.line &&
        d.range.start.character === ours.range.start.character &&
        d.range.end.line === ours.range.end.line &&
        d.range.end.character === ours.range.end.character,
    ) ?? ours
  );
}

/**
 * All safe fixes of one document, as `--fix` applies them (repeated until stable), as edits of the
 * document's current text. The engine is given the fixed text to re-lint between passes and then
 * restored: the document changes only if the client applies the edit.
 */
export function fixAllAction(engine: LintEngine, filePath: string, text: string, findings: Finding[], kind: string): CodeAction | undefined {
  if (!findings.some((f) => f.fixes?.some((x) => x.safe))) return undefined;
  const firstPass = chooseSafeFixes(findings, new Map([[filePath, text]])).get(filePath) ?? [];
  if (!firstPass.length) return undefined;
  const texts = new Map([[filePath, text]]);
  try {
    fixUntilStable(engine, texts, new Map([[filePath, findings]]));
  } finally {
    engine.update(filePath, text);
  }
  const fixed = texts.get(filePath)!;
  if (fixed === text) return undefined;
  // One pass is the common case: its edits, each where it belongs, keep the editor's cursor and folds in place.
  let edits: TextEdit[] = firstPass;
  if (applyEdits(text, firstPass) !== fixed) {
    const edit = minimalEdit(text, fixed)!;
    edits = [{ file: filePath, ...edit }];
  }
  return {
    title: 'Fix all auto-fixable strategy-lint problems',
    kind,
    edit: toWorkspaceEdit(edits, engine.index),
  };
}

export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND];
