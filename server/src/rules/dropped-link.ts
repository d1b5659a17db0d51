import type { Entity } from '../model/entity.js';
import { enumValue, fieldScalar, isActiveInitiative } from '../model/semantics.js';
import { docsUrl, type Rule } from './rule.js';
import { capitalise, declarationSpan } from './linkSupport.js';
import { describe, entitiesOf } from './support.js';

/**
 * Work still planned or under way for an objective that was dropped or already achieved is effort
 * the strategy no longer asks for. Reported at the objective reference (for a nested initiative,
 * whose link is implicit, at the initiative's anchor).
 */
export const rule: Rule = {
  meta: {
    id: 'dropped-link',
    description: 'Active initiative linked to a dropped or achieved objective',
    defaultSeverity: 'warning',
    fixable: false,
    docsUrl: docsUrl('dropped-link'),
  },
  check({ file, index, report }) {
    for (const initiative of entitiesOf(file.entities, 'initiative')) {
      if (!isActiveInitiative(initiative)) continue;
      for (const ref of initiative.refs) {
        if (ref.field !== 'objective') continue;
        const closed = index.resolve(ref).find((e) => e.kind === 'objective' && isClosed(e));
        if (!closed) continue;
        const status = enumValue(closed, 'status')!;
        const statusValue = fieldScalar(closed, 'status');
        report({
          span: ref.span,
          message: `${capitalise(describe(initiative))} is ${enumValue(initiative, 'status')} but its objective '${closed.id}' is ${status}: ${
            status === 'dropped' ? 'the strategy no longer pursues it' : 'its goal is already reached'
          }. Link it to an active objective, or set the initiative's status to \`dropped\` or \`done\`.`,
          related: [{ file: closed.file, span: statusValue?.span ?? declarationSpan(closed), message: `Objective '${closed.id}' is ${status} here.` }],
        });
      }
    }
  },
};

function isClosed(objective: Entity): boolean {
  const status = enumValue(objective, 'status');
  return status === 'dropped' || status === 'achieved';
}
