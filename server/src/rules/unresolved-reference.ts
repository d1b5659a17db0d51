import { distance } from 'fastest-levenshtein';
import { fix } from '../fix/edits.js';
import { stubDeclarationEdit } from '../fix/stubs.js';
import type { Entity, EntityKind, Reference } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import type { Fix } from '../model/finding.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { HashedMultimap } from '../index/hashedMultimap.js';
import { docsUrl, type Rule, type RuleReport } from './rule.js';
import { aKind, capitalise, relativePath, replaceReferenceEdit } from './linkSupport.js';
import { closestOfKind } from './support.js';
import { versionMemo } from './workspaceFacts.js';

/** Farthest a candidate may be and still be offered (and, when it is the only one, applied by --fix). */
const MAX_DISTANCE = 2;
const MAX_CANDIDATES = 5;

/**
 * A reference that resolves to nothing is a link in the strategy chain that leads nowhere: the
 * initiative looks aligned in the document but serves no declared objective. Owners are left to
 * unknown-owner; a present but wrong-kind target is kind-mismatch.
 */
export const rule: Rule = {
  meta: {
    id: 'unresolved-reference',
    description: 'Reference to an id that nothing declares',
    defaultSeverity: 'error',
    fixable: 'safe',
    docsUrl: docsUrl('unresolved-reference'),
  },
  check({ file, index, report }) {
    for (const entity of file.entities) {
      for (const ref of entity.refs) {
        if (ref.form === 'implicit' || ref.expected === 'owner') continue;
        if (index.resolve(ref).length) continue;
        report(unresolved(file, entity, ref, index));
      }
    }
  },
};

interface Candidate {
  /** What replaces the written id, anchor or path. */
  text: string;
  distance: number;
}

function unresolved(file: ParsedFile, entity: Entity, ref: Reference, index: WorkspaceIndex): RuleReport {
  const kind = ref.expected;
  const reason = index.unresolvedReason(ref);
  const span = ref.span;
  if (reason === 'external') {
    return { span, message: `'${ref.text}' points outside the workspace: links in \`${ref.field}\` must point into the workspace. Use ${aKind(kind)}'s id or a relative link to the document that declares it.` };
  }
  if (reason === 'no-such-id') {
    const id = ref.id ?? '';
    // The kind's id neighbourhood answers from the ids near `id`, not by comparing every id.
    const candidates = closestOfKind(index, kind, id, MAX_DISTANCE).map((c) => ({ text: c.name, distance: c.distance }));
    const byTitle = candidates.length ? undefined : titled(id, kind, index);
    const hint = candidates.length
      ? ` Did you mean '${candidates[0]!.text}'?`
      : byTitle
        ? ` '${id}' is the title of ${kind} '${byTitle.id}': references use ids.`
        : ` Declare it, or link an existing ${kind}.`;
    const rewrite = (newId: string) => (ref.form === 'wiki' ? ref.text.replace(/^\[\[[^\]|]*/, `[[${newId}`) : newId);
    const fixes = () => {
      const all = replacements(entity, ref, candidates, rewrite, (c) => `Replace '${id}' with '${c}'`);
      if (byTitle) all.push(fix(`Replace with ${kind} '${byTitle.id}' (${byTitle.title})`, false, replaceReferenceEdit(entity, ref, rewrite(byTitle.id))));
      pushStub(all, file, kind, id);
      return all;
    };
    return { span, message: `No ${kind} '${id}' is declared in the workspace.${hint}`, fixes };
  }
  const target = ref.path ? index.getFile(ref.path) : undefined;
  const shown = ref.path ? (ref.path === entity.file ? 'this document' : `'${relativePath(entity.file, ref.path)}'`) : 'the link';
  if (reason === 'no-such-anchor' && target) {
    const anchor = ref.anchor ?? '';
    const anchors = target.entities.filter((e) => e.kind === kind).flatMap((e) => [e.id, ...(e.headingSlug ? [e.headingSlug] : [])]);
    const candidates = closestCandidates(anchor, anchors, true);
    const hint = candidates.length ? ` Did you mean '#${candidates[0]!.text}'?` : ` Link to the id or heading of ${aKind(kind)} declared there.`;
    const fixes = () => {
      const all = replacements(entity, ref, candidates, (a) => replaceLinkTarget(ref.text, undefined, a), (c) => `Replace '#${anchor}' with '#${c}'`);
      pushStub(all, target, kind, anchor);
      return all;
    };
    return { span, message: `No ${kind} with anchor '#${anchor}' in ${shown}.${hint}`, fixes };
  }
  if (reason === 'document-declares-several' && target) {
    const choices = target.entities.filter((e) => e.kind === kind && e.id);
    const fixes = () => choices.slice(0, MAX_CANDIDATES).map((e) => fix(`Link to ${kind} '${e.id}'`, false, replaceReferenceEdit(entity, ref, replaceLinkTarget(ref.text, undefined, e.id))));
    return {
      span,
      message: `${capitalise(shown)} declares ${target.entities.length} entities, so a link to it is ambiguous. Add an anchor naming the ${kind}${choices[0] ? `, e.g. '#${choices[0].id}'` : ''}.`,
      fixes,
    };
  }
  // The document is missing, or declares nothing.
  const candidates = ref.path ? documentCandidates(entity.file, ref, index) : [];
  const hint = candidates.length ? ` Did you mean '${candidates[0]!.text}'?` : '';
  const fixes = () => replacements(entity, ref, candidates, (p) => replaceLinkTarget(ref.text, p, undefined), (c) => `Replace the link with '${c}'`);
  const problem = target ? `${capitalise(shown)} declares no entity` : `Linked document ${shown} is not in the workspace`;
  return { span, message: `${problem}, so this \`${ref.field}\` link leads nowhere.${hint} Link the document that declares the ${kind}.`, fixes };
}

/**
 * Candidates within MAX_DISTANCE, closest first; a case-only difference counts as closest.
 * Anchors compare without case (§10.6), ids with it.
 */
function closestCandidates(written: string, pool: Iterable<string>, ignoreCase = false): Candidate[] {
  const scored: Candidate[] = [];
  const fold = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  for (const text of new Set(pool)) {
    if (!text || fold(text) === fold(written) || Math.abs(text.length - written.length) > MAX_DISTANCE) continue;
    const d = text.toLowerCase() === written.toLowerCase() ? 0.5 : distance(fold(written), fold(text));
    if (d <= MAX_DISTANCE) scored.push({ text, distance: d });
  }
  return scored.sort((a, b) => a.distance - b.distance || a.text.localeCompare(b.text));
}

/**
 * Replacement fixes, closest first. Only a single best candidate is safe for --fix (§6): with a tie
 * the choice is the author's.
 */
function replacements(entity: Entity, ref: Reference, candidates: Candidate[], rewrite: (c: string) => string, title: (c: string) => string): Fix[] {
  const best = candidates[0];
  const unique = best !== undefined && candidates.filter((c) => c.distance === best.distance).length === 1;
  return candidates.slice(0, MAX_CANDIDATES).map((c, i) => fix(title(c.text), unique && i === 0, replaceReferenceEdit(entity, ref, rewrite(c.text))));
}

function pushStub(fixes: Fix[], file: ParsedFile, kind: EntityKind, id: string): void {
  const edit = stubDeclarationEdit(file, kind, id);
  if (edit) fixes.push(fix(`Create ${kind} '${id}'`, false, edit));
}

/** An entity of `kind` whose title is the written text (people write titles where ids belong). */
function titled(text: string, kind: EntityKind, index: WorkspaceIndex): Entity | undefined {
  const wanted = text.trim().toLowerCase();
  if (!wanted) return undefined;
  const holders = entitiesByTitle(index, kind).get(wanted);
  return holders.length > 1 ? firstInIndexOrder(index, kind, wanted, new Set(holders)) : holders[0];
}

/**
 * The entities with an id of each lower-cased title, kept current file by file (index.maintain):
 * an edit costs the entities of the edited file, not a walk over every entity of the kind, which
 * a keystroke would otherwise pay once per index version (27% of a keystroke at 10k heavy documents).
 * Keyed without a lower-cased copy of each title (HashedMultimap: nearly every title is unique, and
 * a Set, then a string, for each was 8, then 4 MB of the CLI's heap at 10k heavy documents).
 */
function entitiesByTitle(index: WorkspaceIndex, kind: EntityKind): HashedMultimap<Entity> {
  const update = (byTitle: HashedMultimap<Entity>, entities: Iterable<Entity>, adding: boolean) => {
    for (const e of entities) {
      if (e.kind !== kind || !e.id || e.title === undefined) continue;
      if (adding) byTitle.add(e);
      else byTitle.delete(e);
    }
  };
  return index.maintain(
    `titles:${kind}`,
    () => {
      const byTitle = new HashedMultimap<Entity>((e) => e.title!.trim().toLowerCase());
      update(byTitle, index.entitiesOfKind(kind), true);
      return byTitle;
    },
    (byTitle, { before, after }) => {
      if (before) update(byTitle, before.entities, false);
      if (after) update(byTitle, after.entities, true);
    },
  );
}

/** Of several entities sharing a title, the first in the index's order (as a walk over the kind meets them). */
function firstInIndexOrder(index: WorkspaceIndex, kind: EntityKind, title: string, holders: ReadonlySet<Entity>): Entity | undefined {
  const memo = versionMemo<string, Entity | undefined>(index, `titles-first:${kind}`);
  if (memo.has(title)) return memo.get(title);
  let first: Entity | undefined;
  for (const e of index.entitiesOfKind(kind)) {
    if (holders.has(e)) {
      first = e;
      break;
    }
  }
  memo.set(title, first);
  return first;
}

/**
 * Documents that would make a broken link resolve to the expected kind, as paths relative to the
 * linking file, within MAX_DISTANCE of the written path.
 */
function documentCandidates(fromFile: string, ref: Reference, index: WorkspaceIndex): Candidate[] {
  const written = relativePath(fromFile, ref.path!);
  const pool: string[] = [];
  for (const file of index.allFiles()) {
    if (!file.participates || file.path === ref.path) continue;
    const moved = { ...ref, path: file.path };
    if (index.resolve(moved).some((e) => e.kind === ref.expected)) pool.push(relativePath(fromFile, file.path));
  }
  return closestCandidates(written, pool);
}

/**
 * Rewrites the target of a Markdown link `[label](path#anchor)`: a new path and/or a new anchor,
 * the rest as written.
 */
function replaceLinkTarget(linkText: string, newPath: string | undefined, newAnchor: string | undefined): string {
  return linkText.replace(/^(\[[^\]]*\]\(\s*<?)([^)\s>#]*)(#[^)\s>]*)?/, (_m, open: string, oldPath: string, oldAnchor: string | undefined) => {
    const anchor = newAnchor !== undefined ? `#${newAnchor}` : (oldAnchor ?? '');
    return `${open}${newPath ?? oldPath}${anchor}`;
  });
}
