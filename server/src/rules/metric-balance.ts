import type { Entity } from '../model/entity.js';
import type { RelatedLocation } from '../model/finding.js';
import { enumValue } from '../model/semantics.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { docsUrl, type Rule } from './rule.js';
import { byIdThenPlace, referencedObjectives } from './workspaceFacts.js';
import { describe, entitiesOf } from './support.js';

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
    const typed = index.derive('metric-balance:typed', () => typedMetricsByObjective(index));
    for (const objective of objectives) {
      const metrics = typed.get(objective);
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

/** Each objective's own metrics with a valid `type`, grouped by type. */
function typedMetricsByObjective(index: WorkspaceIndex): Map<Entity, TypedMetrics> {
  const byObjective = new Map<Entity, TypedMetrics>();
  for (const metric of index.entitiesOfKind('metric')) {
    const type = enumValue(metric, 'type');
    if (type !== 'leading' && type !== 'lagging') continue;
    for (const objective of referencedObjectives(metric, 'objective', index)) {
      let entry = byObjective.get(objective);
      if (!entry) byObjective.set(objective, (entry = { leading: [], lagging: [] }));
      entry[type].push(metric);
    }
  }
  return byObjective;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
