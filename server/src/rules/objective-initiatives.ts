import type { Entity } from '../model/entity.js';
import { enumValue, isActiveObjective } from '../model/semantics.js';
import { docsUrl, type Rule } from './rule.js';
import { coveredThroughChildren, linkedFrom } from './workspaceFacts.js';
import { describe, entitiesOf } from './support.js';

/**
 * An active objective that no initiative serves, directly or through its child objectives, is
 * strategy that will never be executed. Initiatives of any status but `dropped` count (§10.3).
 */
export const rule: Rule = {
  meta: {
    id: 'objective-initiatives',
    description: 'Active objective with no initiative, itself or through its child objectives',
    defaultSeverity: 'warning',
    fixable: false,
    docsUrl: docsUrl('objective-initiatives'),
  },
  check({ file, index, report }) {
    const objectives = entitiesOf(file.entities, 'objective').filter(isActiveObjective);
    if (!objectives.length) return;
    const served = (o: Entity) => linkedFrom(index, o, 'initiative', 'objective').some((i) => enumValue(i, 'status') !== 'dropped');
    for (const objective of objectives) {
      if (coveredThroughChildren(index, objective, 'objective-initiatives:executed', served)) continue;
      const id = objective.id || '<id>';
      report({
        span: objective.anchor,
        message:
          `Active ${describe(objective)} has no initiative, itself or through its child objectives: nothing executes it. ` +
          `Link an initiative to it with \`objective: ${id}\`, or set \`status: dropped\` on the objective.`,
      });
    }
  },
};
