import { strict as assert } from 'node:assert';
import { describeEntity } from '../../server/src/lsp/hover.js';
import { ROOT, workspace } from '../helpers/workspace.js';

const PLAN = `objectives:
  - id: OBJ
    title: Activate
    period: 2027-Q1
    priority: P0
    health: at-risk
    confidence: 0.6
    updated: 2027-02-10
    key-results:
      - id: KR
        title: Activation
        baseline: 22
        target: 35
        current: 25
    initiatives:
      - id: INIT
        title: Guided setup
        effort: 6
`;

describe('hover: execution health', () => {
  const engine = workspace({ 'plan.strategy.yaml': PLAN }, { today: '2027-02-15' });
  const entity = (id: string) => engine.index.declarations(id)[0]!;
  const hover = (id: string) => describeEntity(entity(id), engine, (f) => f.slice(ROOT.length + 1), { settings: engine.settings, behind: 0.2 });

  it('shows a key result\'s progress and pace by metric-pace\'s arithmetic', () => {
    assert.match(hover('KR'), /- Progress: 23% of the way, 50% of the window gone, window ends 2027-03-31: \*\*at risk\*\* \(at 2027-02-15\)/);
  });

  it('shows an objective\'s priority and last check-in, and an initiative\'s effort in the effort unit', () => {
    const objective = hover('OBJ');
    assert.match(objective, /- Priority: P0/);
    assert.match(objective, /- Health: at-risk, confidence 0\.6, updated 2027-02-10/);
    assert.match(hover('INIT'), /- Effort: 6 person-weeks/);
  });
});
