import { isActiveObjective } from '../model/semantics.js';
import { docsUrl, type Rule } from './rule.js';
import { keyResultsOf, metricsThroughChildren } from './healthFacts.js';
import { byIdThenPlace } from './workspaceFacts.js';
import { describe, entitiesOf } from './support.js';
import { capitalise } from '../text/capitalise.js';

const DEFAULT_MAX = 5;

/**
 * Key-result hygiene: an objective is judged by a few key results of its own. More than `max`
 * (default 5) and none of them matters; none of its own while its child objectives have some, and
 * nobody can say whether the objective itself was reached. (An objective with no metric anywhere
 * below it is objective-metric's.) Binary key results count like any other.
 */
export const rule: Rule = {
  meta: {
    id: 'kr-count',
    description: 'Objective with more key results of its own than the limit, or none of its own',
    defaultSeverity: 'warning',
    fixable: false,
    docsUrl: docsUrl('kr-count'),
    optionsSchema: {
      type: 'object',
      properties: { max: { type: 'integer', minimum: 1, description: 'Most key results an objective may have of its own.' } },
      additionalProperties: false,
    },
    defaultOptions: { max: DEFAULT_MAX },
  },
  check({ file, index, options, report }) {
    const max = typeof options.max === 'number' && Number.isInteger(options.max) && options.max > 0 ? options.max : DEFAULT_MAX;
    for (const objective of entitiesOf(file.entities, 'objective')) {
      if (!isActiveObjective(objective)) continue;
      const own = keyResultsOf(index, objective);
      if (own.length > max) {
        const sorted = [...own].sort(byIdThenPlace);
        report({
          span: objective.anchor,
          message:
            `${capitalise(describe(objective))} has ${own.length} key results of its own, more than the limit of ${max}: with that many, none of them steers. ` +
            `Keep the few that prove the objective, and move the rest to a child objective or drop them.`,
          related: sorted.map((m) => ({ file: m.file, span: m.anchor, message: `key result '${m.id}'` })),
        });
      } else if (!own.length && metricsThroughChildren(index, objective).length) {
        report({
          span: objective.anchor,
          message:
            `${capitalise(describe(objective))} has no key result of its own, only those of its child objectives: nobody can say whether it was reached. ` +
            `Add a key result (\`objective: ${objective.id}\`) that measures the objective itself.`,
        });
      }
    }
  },
};
