import type { Entity } from '../model/entity.js';
import type { RelatedLocation } from '../model/finding.js';
import { enumValue } from '../model/semantics.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { docsUrl, type Rule } from './rule.js';
import { byIdThenPlace, linkedFrom } from './workspaceFacts.js';
import { describe, entitiesOf } from './support.js';
import { capitalise } from '../text/capitalise.js';

interface TypedMetrics {
  leading: Entity[];
  lagging: Entity[];
}

/**
 * An objective measured only by lagging metrics learns too late that it is off track; one measured
 * only by leading metrics never proves the outcome. Only the objective's own metrics with a valid
 * `type` count, and the rule stays silent until at least one is typed (§10.3).
 */
export const rule: Rule = {
  meta: {
    id: 'metric-balance',
    description: 'Objective measured only by lagging (or only by leading) metrics',
    defaultSeverity: 'info',
    fixable: false,
    docsUrl: docsUrl('metric-balance'),
  },
  check({ file, index, report }) {
    // A dropped objective is no longer steered, so the balance of its metrics does not matter.
    const objectives = entitiesOf(file.entities, 'objective').filter((o) => enumValue(o, 'status') !== 'dropped');
    if (!objectives.length) return;
    for (const objective of objectives) {
      const metrics = typedMetrics(index, objective);
      if (!metrics || (metrics.leading.length && metrics.lagging.length)) continue;
      const only = metrics.lagging.length ? 'lagging' : 'leading';
      const missing = only === 'lagging' ? 'leading' : 'lagging';
      const listed = [...metrics[only]].sort(byIdThenPlace);
      const hint =
        missing === 'leading'
          ? 'Add a leading metric (`type: leading`) that moves before the outcome does, so you can steer in time.'
          : 'Add a lagging metric (`type: lagging`) that proves the outcome itself.';
      report({
        span: objective.anchor,
        message: `${capitalise(describe(objective))} is measured only by ${only} metrics (${listed.map((m) => m.id).join(', ')}). ${hint}`,
        related: listed.map((m): RelatedLocation => ({ file: m.file, span: m.anchor, message: `${only} metric '${m.id}'` })),
      });
    }
  },
};

/** The objective's own metrics with a valid `type`, grouped by type; undefined when none is typed. */
function typedMetrics(index: WorkspaceIndex, objective: Entity): TypedMetrics | undefined {
  let typed: TypedMetrics | undefined;
  for (const metric of linkedFrom(index, objective, 'metric', 'objective')) {
    const type = enumValue(metric, 'type');
    if (type !== 'leading' && type !== 'lagging') continue;
    typed ??= { leading: [], lagging: [] };
    typed[type].push(metric);
  }
  return typed;
}
