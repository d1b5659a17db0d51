import { fix } from '../fix/edits.js';
import type { Entity, EntityKind } from '../model/entity.js';
import type { Fix } from '../model/finding.js';
import { fieldText } from '../model/semantics.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { docsUrl, type Rule } from './rule.js';
import { setLinkEdit } from './linkSupport.js';
import { entitiesOf, missingSpan, requiredFieldState, type RequiredState } from './support.js';

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
    for (const prd of entitiesOf(file.entities, 'prd')) {
      const initiative = requiredFieldState(prd, 'initiative');
      const objective = requiredFieldState(prd, 'objective');
      if (initiative.state === 'present' || objective.state === 'present') continue;
      // Report at the placeholder the author left, if any; else at the PRD's anchor.
      const placeholder = initiative.state === 'placeholder' ? initiative : objective;
      report({
        span: missingSpan(prd, placeholder),
        message: `PRD '${prd.id || prd.title || '(no id)'}' links to no initiative or objective: nothing says why it is being built. Add \`initiative: <initiative id>\` (or \`objective: <objective id>\`).`,
        fixes: linkFixes(prd, initiative, objective, index),
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

function candidateFixes(prd: Entity, kind: EntityKind, state: RequiredState, candidates: Entity[]): Fix[] {
  return candidates.map((candidate) => fix(`Link to ${kind} '${candidate.id}'`, false, setLinkEdit(prd, state, kind, candidate.id)));
}

/**
 * Candidates of one kind, best first: a title like the PRD's (a PRD is often named after its
 * initiative), then the same owner, then the same folder, then alphabetical.
 */
function rankCandidates(prd: Entity, kind: EntityKind, index: WorkspaceIndex): Entity[] {
  const prdWords = words(prd.title ?? prd.id);
  const prdOwner = fieldText(prd, 'owner')?.replace(/^@/, '');
  const folder = (path: string) => path.slice(0, path.lastIndexOf('/'));
  const scored = [...index.entitiesOfKind(kind)]
    .filter((e) => e.id)
    .map((entity) => ({
      entity,
      score:
        similarity(prdWords, words(entity.title ?? entity.id)) * 4 +
        (prdOwner && fieldText(entity, 'owner')?.replace(/^@/, '') === prdOwner ? 2 : 0) +
        (folder(entity.file) === folder(prd.file) ? 1 : 0),
    }))
    .sort((a, b) => b.score - a.score || a.entity.id.localeCompare(b.entity.id));
  const seen = new Set<string>();
  return scored.map((s) => s.entity).filter((e) => !seen.has(e.id) && seen.add(e.id));
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 1));
}

/** Share of words two titles have in common (Jaccard index), 0..1. */
function similarity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / (a.size + b.size - common);
}
