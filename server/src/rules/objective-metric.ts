import type { Entity } from '../model/entity.js';
import { isActiveObjective } from '../model/semantics.js';
import { docsUrl, type Rule } from './rule.js';
import { coveredThroughChildren, linkedFrom } from './workspaceFacts.js';
import { describe, entitiesOf } from './support.js';

/**
 * An active objective that no metric measures, directly or through its child objectives, cannot
 * tell anyone whether it is being reached. A metric measures the objective its `objective`
 * reference resolves to, written or implied by nesting (§4.1, §4.3).
 */
export const rule: Rule = {
  meta: {
    id: 'objective-metric',
    description: 'Active objective that no metric measures, itself or through its child objectives',
    defaultSeverity: 'warning',
    fixable: false,
    docsUrl: docsUrl('objective-metric'),
  },
  check({ file, index, report }) {
    const objectives = entitiesOf(file.entities, 'objective').filter(isActiveObjective);
    if (!objectives.length) return;
    const measuredDirectly = (o: Entity) => linkedFrom(index, o, 'metric', 'objective').length > 0;
    for (const objective of objectives) {
      if (coveredThroughChildren(index, objective, 'objective-metric:measured', measuredDirectly)) continue;
      const id = objective.id || '<id>';
      report({
        span: objective.anchor,
        message:
          `Active ${describe(objective)} has no metric measuring it, itself or through its child objectives: its progress cannot be tracked. ` +
          `Add a key result under it or set \`objective: ${id}\` on a metric, or set \`status: dropped\` on the objective.`,
      });
    }
  },
};
