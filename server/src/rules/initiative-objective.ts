import { fix } from '../fix/edits.js';
import type { Entity } from '../model/entity.js';
import { isActiveObjective } from '../model/semantics.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { docsUrl, type Rule } from './rule.js';
import { capitalise, fieldExample, hasImplicitLink, linkedEntities, setLinkEdit } from './linkSupport.js';
import { describe, entitiesOf, missingSpan, requiredFieldState } from './support.js';

const MAX_CANDIDATES = 5;

/**
 * Every initiative must serve an objective: work that no objective asks for is effort the strategy
 * cannot account for. Fires only when the link is absent or a placeholder (§10.1); a nested
 * initiative links to its enclosing objective implicitly.
 */
export const rule: Rule = {
  meta: {
    id: 'initiative-objective',
    description: 'Initiative linked to no objective',
    defaultSeverity: 'error',
    fixable: 'suggestion',
    docsUrl: docsUrl('initiative-objective'),
  },
  check({ file, index, report }) {
    for (const initiative of entitiesOf(file.entities, 'initiative')) {
      if (hasImplicitLink(initiative, 'objective')) continue;
      const state = requiredFieldState(initiative, 'objective');
      if (state.state === 'present') continue;
      const fixes = objectiveCandidates(initiative, index).map((objective) =>
        fix(`Link to objective '${objective.id}'`, false, setLinkEdit(initiative, state, 'objective', objective.id)),
      );
      report({
        span: missingSpan(initiative, state),
        message: `${capitalise(describe(initiative))} is linked to no objective: nothing says which goal it serves. Add ${fieldExample(initiative, 'objective', '<objective id>')}.`,
        fixes,
      });
    }
  },
};

/**
 * Objectives to offer, best first: those already measured by the metrics the initiative moves,
 * then objectives of the same file, then the rest; active objectives before achieved or dropped ones.
 */
function objectiveCandidates(initiative: Entity, index: WorkspaceIndex): Entity[] {
  const viaMetrics = linkedEntities(initiative, 'metrics', 'metric', index).flatMap((metric) => linkedEntities(metric, 'objective', 'objective', index));
  const all = [...index.entitiesOfKind('objective')].filter((o) => o.id);
  const rank = (o: Entity): number => (viaMetrics.includes(o) ? 0 : o.file === initiative.file ? 1 : 2) * 2 + (isActiveObjective(o) ? 0 : 1);
  const ordered = all.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  const seen = new Set<string>();
  // A duplicated id is one candidate: the edit writes the id, not the declaration.
  return ordered.filter((o) => !seen.has(o.id) && seen.add(o.id)).slice(0, MAX_CANDIDATES);
}
