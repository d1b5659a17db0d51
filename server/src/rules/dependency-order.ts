import type { Entity } from '../model/entity.js';
import { onOneCycle } from './parent-cycle.js';
import { enumValue, fieldText, isActiveInitiative, isValidDate } from '../model/semantics.js';
import { docsUrl, type Rule } from './rule.js';
import { describe, entitiesOf } from './support.js';
import { capitalise } from '../text/capitalise.js';

/**
 * Initiatives sequenced by their dependencies: work that `depends-on` another cannot start before
 * that one is due. Reported at the `depends-on` value: a dependency due after the dependent starts
 * (or, with no `start`, after it is due), and a dependency that was dropped while the dependent is
 * still active. Finished dependencies are history and never reported; dependencies on a cycle are parent-cycle's.
 */
export const rule: Rule = {
  meta: {
    id: 'dependency-order',
    description: 'Depends on an initiative due after the dependent starts (or is due), or dropped while it is active',
    defaultSeverity: 'warning',
    fixable: false,
    docsUrl: docsUrl('dependency-order'),
  },
  check({ file, index, report }) {
    for (const dependent of entitiesOf(file.entities, 'initiative')) {
      if (!isActiveInitiative(dependent) && enumValue(dependent, 'status') !== 'proposed') continue;
      const start = date(dependent, 'start');
      const due = date(dependent, 'due');
      for (const ref of dependent.refs) {
        if (ref.field !== 'depends-on') continue;
        for (const dependency of index.resolve(ref)) {
          if (dependency.kind !== 'initiative' || dependency === dependent || onOneCycle(index, dependency, dependent)) continue;
          const status = enumValue(dependency, 'status');
          if (status === 'done') continue;
          if (status === 'dropped') {
            if (!isActiveInitiative(dependent)) continue;
            report({
              span: ref.span,
              message:
                `${capitalise(describe(dependent))} is ${enumValue(dependent, 'status')} but depends on '${dependency.id}', which was dropped: what it waits for will never come. ` +
                `Remove the dependency, plan the work some other way, or revisit this initiative.`,
              related: [{ file: dependency.file, span: dependency.anchor, message: `'${dependency.id}' is dropped` }],
            });
            continue;
          }
          const dependencyDue = date(dependency, 'due');
          if (!dependencyDue) continue;
          const [when, mine] = start ? ['starts', start] : ['is due', due];
          if (!mine || dependencyDue <= mine) continue;
          report({
            span: ref.span,
            message:
              `${capitalise(describe(dependent))} ${when} ${mine}, but '${dependency.id}', which it depends on, is only due ${dependencyDue}. ` +
              `Start later, bring the dependency forward, or drop the dependency if the work can overlap.`,
            related: [{ file: dependency.file, span: dependency.anchor, message: `'${dependency.id}' is due ${dependencyDue}` }],
          });
        }
      }
    }
  },
};

function date(entity: Entity, field: string): string | undefined {
  const text = fieldText(entity, field);
  return text && isValidDate(text) ? text : undefined;
}
