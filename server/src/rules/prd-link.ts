import { optionalFix } from '../fix/edits.js';
import type { Entity, EntityKind } from '../model/entity.js';
import type { Finding, Fix } from '../model/finding.js';
import type { ParsedFile } from '../model/file.js';
import { fieldText } from '../model/semantics.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { docsUrl, type Retitled, type Rule } from './rule.js';
import { setLinkEdit } from './linkSupport.js';
import { missingSpan, requiresLink, type RequiredState } from './support.js';
import { linkState, linkSubjects } from './siblingLinks.js';
import { BestIds, comesBefore, idsInOrder } from './workspaceFacts.js';

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
        fixes: holder === prd.file ? () => linkFixes(prd, initiative, objective, index) : [],
      });
    }
  },
  standsAfterRetitling(findings, file, retitled, index) {
    return findings.every((finding) => finding.ruleId !== 'prd-link' || candidatesStand(finding, file, retitled, index));
  },
};

/** What candidateFixes titles a fix: `Link to initiative 'INIT-x'`. */
const CANDIDATE_TITLE = /^Link to (initiative|objective) '(.*)'$/s;

/**
 * Whether a finding's candidates stand after other entities were retitled. Only a retitled
 * candidate's score moved (the others', the PRD's and the count of each kind's candidates are as
 * they were): a kind's candidates stand unless it was among them, or now ranks before the last of
 * them (how many are listed of each kind depends on those counts alone). A kind the finding lists
 * none of is not offered (the other kind's placeholder), or cannot be linked from where it stands.
 */
function candidatesStand(finding: Finding, file: ParsedFile, retitled: readonly Retitled[], index: WorkspaceIndex): boolean {
  const fixes = finding.fixes ?? [];
  if (!fixes.length) return true;
  const listed = fixes.map((fix) => CANDIDATE_TITLE.exec(fix.title));
  if (listed.some((m) => !m)) return false;
  const prd = file.entities.find((e) => e.kind === 'prd' && e.extent.start <= finding.span.start && finding.span.end <= e.extent.end);
  if (!prd) return false;
  const scoring = prdTraits(prd);
  for (const { after: entity } of retitled) {
    if ((entity.kind !== 'initiative' && entity.kind !== 'objective') || !entity.id) continue;
    const ofKind = listed.filter((m) => m![1] === entity.kind).map((m) => m![2]!);
    if (!ofKind.length) continue;
    if (ofKind.includes(entity.id)) return false;
    const last = ofKind[ofKind.length - 1]!;
    // A duplicated id ranks by its best declaration (BestIds).
    const lastRank = Math.min(...index.declarations(last).filter((d) => d.kind === entity.kind).map((d) => -scoreOf(scoring, d)));
    if (comesBefore(-scoreOf(scoring, entity), entity.id, { id: last, rank: lastRank })) return false;
  }
  return true;
}

/** What rankCandidates compares a candidate with: the PRD's title words (marked by word), owner and folder. */
interface PrdTraits {
  words: ReadonlySet<string>;
  owner: string | undefined;
  folder: string;
}

function prdTraits(prd: Entity): PrdTraits {
  return { words: words(prd.title ?? prd.id), owner: ownerHandle(prd), folder: folderOf(prd.file) };
}

/** A candidate's score for a PRD, as rankCandidates scores it, from the candidate itself rather than its Traits. */
function scoreOf(prd: PrdTraits, candidate: Entity): number {
  const own = words(candidate.title ?? candidate.id);
  let common = 0;
  for (const word of own) if (prd.words.has(word)) common++;
  return candidateScore(jaccard(prd.words.size, own.size, common), prd.owner, ownerHandle(candidate), prd.folder, folderOf(candidate.file));
}

/**
 * A candidate's score: 4 × the likeness of titles, + 2 for the PRD's owner, + 1 for its folder. One
 * expression for rankCandidates and scoreOf, so that both give the same number for the same candidate.
 */
function candidateScore(similarity: number, prdOwner: string | undefined, owner: string | undefined, prdFolder: string, folder: string): number {
  return similarity * 4 + (prdOwner && owner === prdOwner ? 2 : 0) + (folder === prdFolder ? 1 : 0);
}

/** An entity's `owner` without its `@` (as written otherwise; undefined without one). */
function ownerHandle(entity: Entity): string | undefined {
  const owner = fieldText(entity, 'owner');
  return owner && (owner.startsWith('@') ? owner.slice(1) : owner);
}

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
 *
 * The ranking is that of scoring every candidate, but only candidates that can place are scored
 * (each PRD scoring every initiative and objective cost 0.08 s at 10k heavy documents and 3.7 s at
 * 50k: quadratic, measured 2026-12-06). A candidate's score is 4 × the share of title words it has
 * in common with the PRD, + 2 for the PRD's owner, + 1 for its folder. So:
 * - the owner's and the folder's candidates are all scored (their groups are small);
 * - any other scores at most 4 × (common words) / (the PRD's words): those sharing two words or
 *   more are found by the pairs of words of their titles, those sharing one only while that bound
 *   can still place (by the words of their titles), those sharing none only while a score of 0 can
 *   place, and then only the first few ids of the kind (a later one loses to them on id).
 */
function rankCandidates(prd: Entity, kind: EntityKind, index: WorkspaceIndex): string[] {
  const prdWords = words(prd.title ?? prd.id);
  const prdOwner = ownerHandle(prd);
  const prdFolder = folderOf(prd.file);
  const candidates = traitsOfKind(index, kind);
  const marks = new Uint8Array(candidates.wordNumbers.size);
  const prdNumbers: number[] = [];
  for (const word of prdWords) {
    const n = candidates.wordNumbers.get(word);
    if (n === undefined) continue;
    marks[n] = 1;
    prdNumbers.push(n);
  }
  const best = new BestIds<string>(MAX_CANDIDATES);
  const offer = (traits: Traits) => {
    const score = candidateScore(similarity(prdWords.size, marks, traits.words), prdOwner, traits.owner, prdFolder, traits.folder);
    best.offer(traits.id, -score, traits.id);
  };
  /** Whether a candidate outside the owner's and the folder's scoring `score` could still place (or tie, and win on id). */
  const mayPlace = (score: number) => {
    const threshold = best.threshold();
    return threshold === undefined || -score <= threshold;
  };
  if (prdOwner) for (const traits of candidates.byOwner.get(prdOwner) ?? []) offer(traits);
  for (const traits of candidates.byFolder.get(prdFolder) ?? []) offer(traits);
  if (mayPlace(4)) for (const traits of candidates.manyWords) offer(traits);
  // A candidate sharing `k` words or more with the PRD shares a pair of its first m - k + 2 words (of
  // m it knows): those words are taken rarest first, and `k` rises as better candidates are found.
  const counts = candidates.wordCounts;
  prdNumbers.sort((a, b) => counts[a]! - counts[b]! || a - b);
  for (let j = 1; j <= prdNumbers.length - minShared(best, prdWords.size) + 1; j++) {
    for (let i = 0; i < j; i++) for (const traits of candidates.byPair.get(pairKey(prdNumbers[i]!, prdNumbers[j]!)) ?? []) offer(traits);
  }
  // One word in common, of the PRD's `size`, with a candidate of one word or more: at most (1 / size) × 4, computed as similarity does.
  if (prdWords.size && mayPlace((1 / prdWords.size) * 4)) {
    const byWord = wordLists(candidates);
    for (const n of prdNumbers) for (const traits of byWord.get(n) ?? []) offer(traits);
  }
  if (mayPlace(0)) {
    for (const id of idsInOrder(index, kind).slice(0, MAX_CANDIDATES)) {
      for (const entity of index.declarations(id)) {
        const traits = candidates.all.get(entity);
        if (traits) offer(traits);
      }
    }
  }
  return best.values();
}

/**
 * The fewest words (two or more) a candidate outside the PRD's owner and folder must share with the
 * PRD's `size` words to place: sharing `c`, it scores at most 4c / size (its own words are `c` or
 * more), and must reach the worst score held (a tie may win on id). Rounded down a little, so that
 * a float a hair above a whole number does not leave out a tie.
 */
function minShared(best: BestIds<string>, size: number): number {
  const threshold = best.threshold();
  return threshold === undefined ? 2 : Math.max(2, Math.ceil((-threshold * size) / 4 - 1e-9));
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
  /** Candidates by owner (without `@`) and by folder: a PRD scores all of its own. */
  byOwner: Map<string, Traits[]>;
  byFolder: Map<string, Traits[]>;
  /**
   * Candidates by each word of their titles (its number): those sharing one word with a PRD, asked
   * for only when nothing better fills the places (never at 10k heavy documents), so built then.
   */
  byWord: Map<number, Traits[]> | undefined;
  /** How many candidates' titles have each word (by number): a PRD's rarest words are paired first. */
  wordCounts: number[];
  /** Candidates by each pair of words of their titles (pairKey): those sharing two words or more with a PRD. */
  byPair: Map<number, Traits[]>;
  /** Candidates whose titles have more than PAIRED_WORDS distinct words: not listed by pair, always scored. */
  manyWords: Set<Traits>;
}

/**
 * Titles of more words than this are not listed by pair (a title of n words has n(n-1)/2 pairs):
 * initiative and objective titles have five words or so.
 */
const PAIRED_WORDS = 12;

/**
 * The traits of every entity of a kind (with an id), kept current file by file (index.maintain):
 * each PRD without a link ranks them, so they are not worked out again per PRD.
 */
function traitsOfKind(index: WorkspaceIndex, kind: EntityKind): CandidateTraits {
  // Built for every initiative and objective of the workspace when a PRD first needs them (a --cache run re-checking a few PRDs too).
  const add = (candidates: CandidateTraits, entity: Entity) => {
    if (entity.kind !== kind || !entity.id) return;
    const owner = ownerHandle(entity);
    const numbers = wordNumbers(words(entity.title ?? entity.id), candidates.wordNumbers);
    const traits: Traits = {
      id: entity.id,
      words: packed(numbers),
      owner: owner && share(candidates.shared, owner),
      folder: share(candidates.shared, folderOf(entity.file)),
    };
    candidates.all.set(entity, traits);
    if (traits.owner) listAdd(candidates.byOwner, traits.owner, traits);
    listAdd(candidates.byFolder, traits.folder, traits);
    for (const n of numbers) {
      candidates.wordCounts[n] = (candidates.wordCounts[n] ?? 0) + 1;
      if (candidates.byWord) listAdd(candidates.byWord, n, traits);
    }
    if (numbers.length > PAIRED_WORDS) candidates.manyWords.add(traits);
    else for (const key of pairKeys(numbers)) listAdd(candidates.byPair, key, traits);
  };
  const remove = (candidates: CandidateTraits, entity: Entity) => {
    const traits = candidates.all.get(entity);
    if (!traits) return;
    candidates.all.delete(entity);
    const numbers = wordNumbersOf(traits.words);
    if (traits.owner) listDelete(candidates.byOwner, traits.owner, traits);
    listDelete(candidates.byFolder, traits.folder, traits);
    for (const n of numbers) {
      candidates.wordCounts[n]!--;
      if (candidates.byWord) listDelete(candidates.byWord, n, traits);
    }
    if (numbers.length > PAIRED_WORDS) candidates.manyWords.delete(traits);
    else for (const key of pairKeys(numbers)) listDelete(candidates.byPair, key, traits);
  };
  return index.maintain(
    `prd-link:traits:${kind}`,
    () => {
      const candidates: CandidateTraits = { all: new Map(), wordNumbers: new Map(), shared: new Map(), byOwner: new Map(), byFolder: new Map(), byWord: undefined, wordCounts: [], byPair: new Map(), manyWords: new Set() };
      for (const entity of index.entitiesOfKind(kind)) add(candidates, entity);
      return candidates;
    },
    (candidates, { before, after }) => {
      for (const entity of before?.entities ?? []) remove(candidates, entity);
      for (const entity of after?.entities ?? []) add(candidates, entity);
    },
  );
}

/** CandidateTraits.byWord, built now if it was not yet. */
function wordLists(candidates: CandidateTraits): Map<number, Traits[]> {
  if (candidates.byWord) return candidates.byWord;
  const byWord = new Map<number, Traits[]>();
  for (const traits of candidates.all.values()) for (const n of wordNumbersOf(traits.words)) listAdd(byWord, n, traits);
  return (candidates.byWord = byWord);
}

function listAdd<K>(map: Map<K, Traits[]>, key: K, traits: Traits): void {
  const list = map.get(key);
  if (list) list.push(traits);
  else map.set(key, [traits]);
}

/** Takes `traits` out of its list: lists are unordered (BestIds ranks whatever order it is offered in), so the last entry takes its place. */
function listDelete<K>(map: Map<K, Traits[]>, key: K, traits: Traits): void {
  const list = map.get(key)!;
  list[list.indexOf(traits)] = list[list.length - 1]!;
  list.pop();
  if (!list.length) map.delete(key);
}

/** The pairKey of each pair of distinct word numbers of a title. */
function pairKeys(numbers: readonly number[]): number[] {
  const keys: number[] = [];
  for (let i = 0; i < numbers.length; i++) for (let j = i + 1; j < numbers.length; j++) keys.push(pairKey(numbers[i]!, numbers[j]!));
  return keys;
}

/**
 * One number for a pair of word numbers, whichever comes first (exact while the larger is below
 * 2^26: no workspace holds 67 million distinct words).
 */
function pairKey(a: number, b: number): number {
  return a < b ? (b * (b + 1)) / 2 + a : (a * (a + 1)) / 2 + b;
}

/** The word numbers of Traits.words. */
function wordNumbersOf(packed: string): number[] {
  const numbers: number[] = [];
  for (let i = 0; i < packed.length; i += 2) numbers.push(packed.charCodeAt(i) * 0x10000 + packed.charCodeAt(i + 1));
  return numbers;
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
  let common = 0;
  for (let i = 0; i < b.length; i += 2) common += marks[b.charCodeAt(i) * 0x10000 + b.charCodeAt(i + 1)]!;
  return jaccard(size, b.length / 2, common);
}

/** The Jaccard index of two sets of `size` and `count` members, `common` of them shared (0 when one is empty). */
function jaccard(size: number, count: number, common: number): number {
  if (!size || !count) return 0;
  return common / (size + count - common);
}

/** The numbers of words (numbered as first met, in `wordNumbers`). */
function wordNumbers(words: Iterable<string>, numbering: Map<string, number>): number[] {
  const numbers: number[] = [];
  for (const word of words) {
    let n = numbering.get(word);
    if (n === undefined) numbering.set(word, (n = numbering.size));
    numbers.push(n);
  }
  return numbers;
}

/** Word numbers as Traits.words holds them: two code units each. */
function packed(numbers: readonly number[]): string {
  const codes: number[] = [];
  for (const n of numbers) codes.push(Math.floor(n / 0x10000), n % 0x10000);
  return String.fromCharCode(...codes);
}
