import { strict as assert } from 'node:assert';
import type { LintEngine } from '../../server/src/engine/engine.js';
import type { Finding } from '../../server/src/model/finding.js';
import { ROOT, workspace, type WorkspaceOptions } from './workspace.js';

/**
 * What a user sees of a file's findings, as one comparable string per file. Fixes are left out:
 * candidate lists (declared owners, closest ids) depend on the whole workspace, so the language
 * server must compute them against the current index when asked, not reuse them from the last lint.
 */
export function visibleFindings(engine: LintEngine): Map<string, string> {
  const out = new Map<string, string>();
  // Sorted: findings that tie in position, rule and message may come in load order.
  for (const [file, findings] of engine.lintAll()) out.set(file.slice(ROOT.length + 1), JSON.stringify(findings.map(visible).sort()));
  return out;
}

function visible(f: Finding): string {
  const related = (f.related ?? []).map((r) => `${r.file}:${r.span.start}-${r.span.end} ${r.message}`).sort();
  return JSON.stringify([f.ruleId, f.severity, f.span.start, f.span.end, f.message, related]);
}

export interface EditOutcome {
  /** Relative paths the engine said may have changed. */
  affected: Set<string>;
  /** Relative paths whose visible findings did change. */
  changed: Set<string>;
}

/**
 * An in-memory workspace whose every edit checks the engine's incremental contract: the set
 * `update`/`remove` returns holds every file whose findings changed, and the engine then agrees
 * with one built from scratch on the same files (no stale memoised facts, no load-order effects).
 */
export class TrackedWorkspace {
  readonly engine: LintEngine;
  private readonly files: Record<string, string>;

  constructor(files: Record<string, string>, private readonly options: WorkspaceOptions = {}) {
    this.files = { ...files };
    this.engine = workspace(this.files, options);
  }

  findings(): Map<string, string> {
    return visibleFindings(this.engine);
  }

  /** Replaces (or adds) a file's text, or removes it when `text` is null. */
  edit(rel: string, text: string | null): EditOutcome {
    const before = visibleFindings(this.engine);
    const result = text === null ? this.engine.remove(`${ROOT}/${rel}`) : this.engine.update(`${ROOT}/${rel}`, text);
    if (text === null) delete this.files[rel];
    else this.files[rel] = text;
    const after = visibleFindings(this.engine);
    const affected = new Set([...result].map((p) => p.slice(ROOT.length + 1)));
    const changed = new Set<string>();
    for (const file of new Set([...before.keys(), ...after.keys()])) if (before.get(file) !== after.get(file)) changed.add(file);
    const missed = [...changed].filter((f) => !affected.has(f));
    assert.deepEqual(missed, [], `editing ${rel}: findings changed in files the engine did not report as affected`);
    // With a duplicated id, rules may name whichever declaration was indexed first, so only
    // workspaces without duplicates must match a fresh engine finding for finding.
    if (!hasDuplicateIds(this.engine)) {
      const fresh = visibleFindings(workspace(this.files, this.options));
      assert.deepEqual(after, fresh, `editing ${rel}: the updated engine disagrees with one built from scratch`);
    }
    return { affected, changed };
  }
}

function hasDuplicateIds(engine: LintEngine): boolean {
  for (const id of engine.index.allIds()) if (engine.index.declarations(id).length > 1) return true;
  return false;
}
