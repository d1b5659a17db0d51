import { strict as assert } from 'node:assert';
import { github } from '../../server/src/cli/formatters/github.js';
import { fileResult, formatContext } from '../helpers/results.js';
import { sampleResults } from './sample.js';

describe('formatter github', () => {
  it('prints one workflow command per finding, info as a notice', () => {
    assert.equal(
      github(sampleResults(), formatContext()),
      [
        "::error file=docs/plan.md,line=3,col=1,endLine=3,endColumn=24,title=strategy-lint (initiative-objective)::Initiative 'checkout' is linked to no objective.",
        "::error file=docs/plan.md,line=4,col=10,endLine=4,endColumn=13,title=strategy-lint (initiative-owner)::Initiative 'checkout' has no owner.",
        "::error file=docs/plan.md,line=5,col=11,endLine=5,endColumn=17,title=strategy-lint (invalid-value)::Unknown status 'planed': did you mean 'planned'?",
        "::notice file=strategy/plan.strategy.yaml,line=2,col=9,endLine=2,endColumn=14,title=strategy-lint (metric-balance)::Objective 'OBJ-a' is measured only by lagging metrics.",
        "::warning file=strategy/plan.strategy.yaml,line=12,col=5,endLine=12,endColumn=9,title=strategy-lint (unknown-field)::Unknown field 'ownr': did you mean 'owner'?",
        '',
      ].join('\n'),
    );
  });

  it('escapes %, CR and LF in the message, and also , and : in properties', () => {
    const text = 'owner: TBD\n';
    const result = fileResult('a, b: c%.md', text, [{ ruleId: 'initiative-owner', severity: 'error', message: '100% missing:\r\nadd one, please', at: 'TBD' }]);
    assert.equal(
      github([result], formatContext()),
      '::error file=a%2C b%3A c%25.md,line=1,col=8,endLine=1,endColumn=11,title=strategy-lint (initiative-owner)::100%25 missing:%0D%0Aadd one, please\n',
    );
  });

  it('shows control characters and ANSI escapes from file values as \\u escapes, so a value cannot inject a workflow command or colour', () => {
    const text = 'owner: TBD\n';
    const result = fileResult('plan.md', text, [{ ruleId: 'unknown-owner', severity: 'warning', message: "Owner '\u001b[2K\u001b[1A::error::fake' is not declared", at: 'TBD' }]);
    const output = github([result], formatContext());
    assert.doesNotMatch(output, /\u001b/);
    assert.match(output, /::Owner '\\u001b\[2K\\u001b\[1A::error::fake' is not declared\n$/);
  });

  it('marks a range over several lines by its lines only, as GitHub takes columns on one line only', () => {
    const text = '## Objective: A\n- id: A\n';
    const result = fileResult('a.md', text, [{ ruleId: 'objective-metric', severity: 'warning', message: 'Unmeasured.', at: '## Objective: A\n- id' }]);
    assert.equal(github([result], formatContext()), '::warning file=a.md,line=1,endLine=2,title=strategy-lint (objective-metric)::Unmeasured.\n');
  });

  it('prints nothing for clean files', () => {
    assert.equal(github([fileResult('a.md', '# A\n')], formatContext()), '');
  });
});
