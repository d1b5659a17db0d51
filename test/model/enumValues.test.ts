import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { FIELD_SPECS } from '../../server/src/model/kinds.js';
import { enumValue } from '../../server/src/model/semantics.js';
import { LintEngine } from '../../server/src/engine/engine.js';
import { configFor } from '../helpers/workspace.js';

/** §10.3: an enum field's value is read without case and given back in its canonical spelling; anything else is the kind's default. */
describe('enum values', () => {
  const engine = new LintEngine(configFor());
  const statusOf = (written: string) => {
    const parsed = engine.load('/w/plan.strategy.yaml', `initiatives:\n  - id: INIT-a\n    title: A\n    status: ${JSON.stringify(written)}\n    priority: x\n`);
    return enumValue(parsed.entities[0]!, 'status');
  };
  const priorityOf = (written: string) => {
    const parsed = engine.load('/w/goals.strategy.yaml', `objectives:\n  - id: OBJ-a\n    title: A\n    priority: ${JSON.stringify(written)}\n`);
    return enumValue(parsed.entities[0]!, 'priority');
  };
  const randomCase = (text: string, upper: boolean[]) => [...text].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c.toLowerCase())).join('');

  it('are read in any case and given back as the schema spells them', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELD_SPECS.initiative.status!.values!), fc.constantFrom(...FIELD_SPECS.objective.priority!.values!), fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }), (status, priority, upper) => {
        assert.equal(statusOf(randomCase(status, upper)), status);
        assert.equal(priorityOf(randomCase(priority, upper)), priority);
      }),
      { numRuns: 100 },
    );
  });

  it('fall back to the default for anything else: a near miss, a placeholder, a value of another field', () => {
    for (const written of ['in progress', 'inprogress', 'TBD', 'achieved', 'P0']) assert.equal(statusOf(written), 'planned', written);
    for (const written of ['P4', 'p 0', '0', 'high']) assert.equal(priorityOf(written), undefined, written);
  });
});
