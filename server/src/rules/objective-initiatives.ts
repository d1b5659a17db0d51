import { enumValue, isActiveObjective } from '../model/semantics.js';
import { docsUrl, type Rule } from './rule.js';
import { coveredThroughChildren, objectivesLinkedFrom } from './workspaceFacts.js';
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
    const executed = index.derive('objective-initiatives:executed', () =>
      coveredThroughChildren(objectivesLinkedFrom(index, 'initiative', (i) => enumValue(i, 'status') !== 'dropped'), index),
    );
    for (const objective of objectives) {
      if (executed.has(objective)) continue;
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
