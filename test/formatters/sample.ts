import { fileResult, replaceFix } from '../helpers/results.js';

/** Three linted files shared by the formatter tests: findings of every severity, safe and unsafe fixes, a clean file. */
export const PLAN_MD = '# Plan\n\n## Initiative: Checkout\n- Owner: TBD\n- Status: planed\n';

export const STRATEGY_YAML = [
  'objectives:',
  '  - id: OBJ-a',
  '    title: A',
  '    key-results:',
  '      - id: KR-a',
  '        title: KR',
  '        type: lagging',
  '        baseline: 1',
  '        target: 2',
  '    initiatives: []',
  '  - id: OBJ-b',
  '    ownr: "@sam"',
  '',
].join('\n');

export const CLEAN_YAML = 'owners:\n  - id: "@sam"\n';

export function sampleResults() {
  return [
    fileResult('docs/plan.md', PLAN_MD, [
      { ruleId: 'initiative-objective', severity: 'error', message: "Initiative 'checkout' is linked to no objective.", at: '## Initiative: Checkout' },
      {
        ruleId: 'initiative-owner',
        severity: 'error',
        message: "Initiative 'checkout' has no owner.",
        at: 'TBD',
        fixes: [replaceFix('Set owner to @sam', false, 'docs/plan.md', PLAN_MD, 'TBD', '@sam')],
      },
      {
        ruleId: 'invalid-value',
        severity: 'error',
        message: "Unknown status 'planed': did you mean 'planned'?",
        at: 'planed',
        fixes: [replaceFix("Replace 'planed' with 'planned'", true, 'docs/plan.md', PLAN_MD, 'planed', 'planned')],
      },
    ]),
    fileResult('strategy/plan.strategy.yaml', STRATEGY_YAML, [
      { ruleId: 'metric-balance', severity: 'info', message: "Objective 'OBJ-a' is measured only by lagging metrics.", at: 'OBJ-a' },
      {
        ruleId: 'unknown-field',
        severity: 'warning',
        message: "Unknown field 'ownr': did you mean 'owner'?",
        at: 'ownr',
        fixes: [replaceFix("Rename 'ownr' to 'owner'", true, 'strategy/plan.strategy.yaml', STRATEGY_YAML, 'ownr', 'owner')],
      },
    ]),
    fileResult('strategy/clean.strategy.yaml', CLEAN_YAML),
  ];
}
