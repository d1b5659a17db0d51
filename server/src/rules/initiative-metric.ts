import { fix } from '../fix/edits.js';
import type { Entity } from '../model/entity.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { docsUrl, type Rule } from './rule.js';
import { capitalise, fieldExample, linkedEntities, setLinkEdit } from './linkSupport.js';
import { describe, entitiesOf, missingSpan, requiredFieldState } from './support.js';

const MAX_CANDIDATES = 5;

/**
 * Every initiative must name the metric it moves: without one nobody can tell whether it worked.
 * Fires only when `metrics` is absent, empty or a placeholder (§10.1).
 */
export const rule: Rule = {
  meta: {
    id: 'initiative-metric',
    description: 'Initiative with no metric',
    defaultSeverity: 'error',
    fixable: 'suggestion',
    docsUrl: docsUrl('initiative-metric'),
  },
  check({ file, index, report }) {
    for (const initiative of entitiesOf(file.entities, 'initiative')) {
      const state = requiredFieldState(initiative, 'metrics');
      if (state.state === 'present') continue;
      const fixes = metricCandidates(initiative, index).map((metric) =>
        fix(`Link metric '${metric.id}'`, false, setLinkEdit(initiative, state, 'metrics', metric.id, true)),
      );
      report({
        span: missingSpan(initiative, state),
        message: `${capitalise(describe(initiative))} has no metric: nobody can tell whether it worked. Add ${fieldExample(initiative, 'metrics', initiative.form === 'heading' ? '<metric id>' : '[<metric id>]')} naming the key result it moves.`,
        fixes,
      });
    }
  },
};

/** Metrics to offer, best first: those measuring the initiative's objective, then the rest. */
function metricCandidates(initiative: Entity, index: WorkspaceIndex): Entity[] {
  const objectives = linkedEntities(initiative, 'objective', 'objective', index);
  const measuresObjective = (metric: Entity) => linkedEntities(metric, 'objective', 'objective', index).some((o) => objectives.includes(o));
  const ranked = [...index.entitiesOfKind('metric')]
    .filter((m) => m.id)
    .map((metric) => ({ metric, rank: measuresObjective(metric) ? 0 : metric.file === initiative.file ? 1 : 2 }))
    .sort((a, b) => a.rank - b.rank || a.metric.id.localeCompare(b.metric.id));
  const seen = new Set<string>();
  return ranked.map((r) => r.metric).filter((m) => !seen.has(m.id) && seen.add(m.id)).slice(0, MAX_CANDIDATES);
}
