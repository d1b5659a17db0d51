import { optionalFix } from '../fix/edits.js';
import type { Entity, EntityKind } from '../model/entity.js';
import type { Fix } from '../model/finding.js';
import { fieldText } from '../model/semantics.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { docsUrl, type Rule } from './rule.js';
import { setLinkEdit } from './linkSupport.js';
import { missingSpan, requiresLink, type RequiredState } from './support.js';
import { linkState, linkSubjects } from './siblingLinks.js';
import { BestIds } from './workspaceFacts.js';

const MAX_CANDIDATES = 5;
/** Places kept for objectives when a PRD links nothing at all. */
const OBJECTIVE_SLOTS = 2;

/**
 * A PRD must say why it exists: the initiative it specifies or the objective it serves. Fires only
 * when both links are absent, empty or placeholders (§10.1).
 */
export const rule: Rule = {
  meta: {
    id: 'prd-link',
    description: 'PRD that links to no initiative or objective',
    defaultSeverity: 'error',
    fixable: 'suggestion',
    docsUrl: docsUrl('prd-link'),
  },
  check({ file, index, report }) {
    for (const prd of linkSubjects(file, index, 'prd')) {
      if (!requiresLink(prd, 'initiative') && !requiresLink(prd, 'objective')) continue;
      const initiativeLink = linkState(prd, 'initiative', index);
      const objectiveLink = linkState(prd, 'objective', index);
      const [initiative, objective] = [initiativeLink.state, objectiveLink.state];
      if (initiative.state === 'present' || objective.state === 'present') continue;
      // Report at the placeholder the author left, if any (in the sibling file, there); else at the PRD's anchor.
      const { state: placeholder, file: holder } = initiative.state === 'placeholder' ? initiativeLink : objectiveLink;
      if (holder !== file.path) continue;
      report({
        span: missingSpan(prd, placeholder),
        message: `PRD '${prd.id || prd.title || '(no id)'}' links to no initiative or objective: nothing says why it is being built. Add \`initiative: <initiative id>\` (or \`objective: <objective id>\`).`,
        // The fixes write the PRD's own file: none for a placeholder in its sibling.
        fixes: holder === prd.file ? linkFixes(prd, initiative, objective, index) : [],
      });
    }
  },
};

/**
 * One suggestion per candidate. A placeholder is filled with a candidate of its field's kind; with no
 * placeholder, initiatives come first (a PRD usually specifies one), then objectives.
 */
function linkFixes(prd: Entity, initiative: RequiredState, objective: RequiredState, index: WorkspaceIndex): Fix[] {
  if (initiative.state === 'placeholder') return candidateFixes(prd, 'initiative', initiative, rankCandidates(prd, 'initiative', index).slice(0, MAX_CANDIDATES));
  if (objective.state === 'placeholder') return candidateFixes(prd, 'objective', objective, rankCandidates(prd, 'objective', index).slice(0, MAX_CANDIDATES));
  // Both absent: mostly initiatives, but keep room for the best objectives (a PRD may serve one directly).
  const initiatives = rankCandidates(prd, 'initiative', index);
  const objectives = rankCandidates(prd, 'objective', index);
  const initiativeCount = Math.min(initiatives.length, MAX_CANDIDATES - Math.min(objectives.length, OBJECTIVE_SLOTS));
  return [
    ...candidateFixes(prd, 'initiative', initiative, initiatives.slice(0, initiativeCount)),
    ...candidateFixes(prd, 'objective', objective, objectives.slice(0, MAX_CANDIDATES - initiativeCount)),
  ];
}

function candidateFixes(prd: Entity, kind: EntityKind, state: RequiredState, candidates: string[]): Fix[] {
  return candidates.flatMap((id) => optionalFix(`Link to ${kind} '${id}'`, setLinkEdit(prd, state, kind, id)));
}

/**
 * Candidates of one kind (their ids), best first, at most MAX_CANDIDATES: a title like the PRD's (a
 * PRD is often named after its initiative), then the same owner, then the same folder, then
 * alphabetical. A duplicated id counts once, with its best declaration.
 */
function rankCandidates(prd: Entity, kind: EntityKind, index: WorkspaceIndex): string[] {
  const prdWords = words(prd.title ?? prd.id);
  const prdOwner = fieldText(prd, 'owner')?.replace(/^@/, '');
  const prdFolder = folderOf(prd.file);
  const { all, wordNumbers } = traitsOfKind(index, kind);
  // Each PRD compares itself with every candidate (a re-check after a title changed does so for
  // hundreds of PRDs): its words are marked in a table by number, so a candidate costs a few reads.
  const marks = new Uint8Array(wordNumbers.size);
  for (const word of prdWords) {
    const n = wordNumbers.get(word);
    if (n !== undefined) marks[n] = 1;
  }
  const best = new BestIds<string>(MAX_CANDIDATES);
  for (const traits of all.values()) {
    const score = similarity(prdWords.size, marks, traits.words) * 4 + (prdOwner && traits.owner === prdOwner ? 2 : 0) + (traits.folder === prdFolder ? 1 : 0);
    best.offer(traits.id, -score, traits.id);
  }
  return best.values();
}

/** What a candidate is compared on: its title's words, its owner (without `@`) and its folder. */
interface Traits {
  id: string;
  /**
   * Distinct words, by number (CandidateTraits.wordNumbers), each number as two UTF-16 code units
   * (high, low): a string of 30-odd bytes, where an array built from a Set reserved 17 slots (150
   * bytes) for the five words of a title, 5 MB at 10k heavy documents.
   */
  words: string;
  owner: string | undefined;
  folder: string;
}

/** The traits of the candidates of a kind, and the numbers that stand for the words of their titles. */
interface CandidateTraits {
  all: Map<Entity, Traits>;
  wordNumbers: Map<string, number>;
  /** Owners and folders, shared, not copied per entity. */
  shared: Map<string, string>;
}

/**
 * The traits of every entity of a kind (with an id), kept current file by file (index.maintain):
 * each PRD without a link compares itself with all of them, so they are not worked out again per PRD.
 */
function traitsOfKind(index: WorkspaceIndex, kind: EntityKind): CandidateTraits {
  // Built for every initiative and objective of the workspace when a PRD first needs them (a --cache run re-checking a few PRDs too).
  const add = (traits: CandidateTraits, entity: Entity) => {
    if (entity.kind !== kind || !entity.id) return;
    const owner = fieldText(entity, 'owner');
    traits.all.set(entity, {
      id: entity.id,
      words: packedWords(words(entity.title ?? entity.id), traits.wordNumbers),
      owner: owner && share(traits.shared, owner.startsWith('@') ? owner.slice(1) : owner),
      folder: share(traits.shared, folderOf(entity.file)),
    });
  };
  return index.maintain(
    `prd-link:traits:${kind}`,
    () => {
      const traits: CandidateTraits = { all: new Map(), wordNumbers: new Map(), shared: new Map() };
      for (const entity of index.entitiesOfKind(kind)) add(traits, entity);
      return traits;
    },
    (traits, { before, after }) => {
      for (const entity of before?.entities ?? []) traits.all.delete(entity);
      for (const entity of after?.entities ?? []) add(traits, entity);
    },
  );
}

function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

/** One copy of each owner and folder string. */
function share(shared: Map<string, string>, s: string): string {
  const known = shared.get(s);
  if (known !== undefined) return known;
  shared.set(s, s);
  return s;
}

/**
 * The distinct words of a title, lower-cased: its runs of `a-z0-9` of two characters or more, in
 * order (what splitting on `[^a-z0-9]+` gives, without the regular expression and the arrays).
 */
function words(text: string): Set<string> {
  const lower = text.toLowerCase();
  const out = new Set<string>();
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 0;
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start > 1) out.add(lower.slice(start, i));
      start = -1;
    }
  }
  return out;
}

/**
 * Share of words two titles have in common (Jaccard index), 0..1: one of `size` distinct words whose
 * numbers are marked in `marks`, the other the distinct word numbers `b` (packed).
 */
function similarity(size: number, marks: Uint8Array, b: string): number {
  const count = b.length / 2;
  if (!size || !count) return 0;
  let common = 0;
  for (let i = 0; i < b.length; i += 2) common += marks[b.charCodeAt(i) * 0x10000 + b.charCodeAt(i + 1)]!;
  return common / (size + count - common);
}

/** Words as Traits.words holds them: by number (numbered as first met, in `wordNumbers`), two code units each. */
function packedWords(words: Iterable<string>, wordNumbers: Map<string, number>): string {
  const codes: number[] = [];
  for (const word of words) {
    let n = wordNumbers.get(word);
    if (n === undefined) wordNumbers.set(word, (n = wordNumbers.size));
    codes.push(Math.floor(n / 0x10000), n % 0x10000);
  }
  return String.fromCharCode(...codes);
}
