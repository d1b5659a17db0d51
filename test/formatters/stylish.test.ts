import { strict as assert } from 'node:assert';
import { stylish } from '../../server/src/cli/formatters/stylish.js';
import { fileResult, formatContext } from '../helpers/results.js';
import { CLEAN_YAML, sampleResults } from './sample.js';

const ANSI = /\u001b\[\d+m/g;

describe('formatter stylish', () => {
  it('groups findings by file with aligned columns and a summary', () => {
    const expected = [
      '',
      'docs/plan.md',
      "  3:1   error  Initiative 'checkout' is linked to no objective   initiative-objective",
      "  4:10  error  Initiative 'checkout' has no owner                initiative-owner",
      "  5:11  error  Unknown status 'planed': did you mean 'planned'?  invalid-value",
      '',
      'strategy/plan.strategy.yaml',
      "   2:9  info     Objective 'OBJ-a' is measured only by lagging metrics  metric-balance",
      "  12:5  warning  Unknown field 'ownr': did you mean 'owner'?            unknown-field",
      '',
      '\u2716 5 problems (3 errors, 1 warning, 1 info)',
      '  1 error and 1 warning potentially fixable with the --fix option.',
      '',
    ].join('\n');
    assert.equal(stylish(sampleResults(), formatContext()), expected);
  });

  it('shows control characters and ANSI escapes from file values as \\u escapes, never raw', () => {
    const text = 'owner: TBD\n';
    const result = fileResult('evil\u001b]0;x\u0007.md', text, [{ ruleId: 'unknown-owner', severity: 'warning', message: "Owner '\u001b[31mroot\u001b[0m\u0008\u202e' is not declared", at: 'TBD' }]);
    const output = stylish([result], formatContext());
    assert.doesNotMatch(output, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    assert.match(output, /Owner '\\u001b\[31mroot\\u001b\[0m\\u0008\\u202e' is not declared/);
    assert.match(output, /evil\\u001b\]0;x\\u0007\.md/);
  });

  it('says how many files were checked when none of them declares anything', () => {
    assert.equal(stylish([], { ...formatContext(), filesChecked: 12 }), '0 problems: 12 files checked, none declares an objective, key result, initiative, owner or PRD\n'
      + '  Documents in a shape of your own (KEPs, RFCs, ADRs, PRDs)? `strategy-lint init` finds known layouts and writes a config with presets and templates.\n');
  });

  it('prints nothing when no file has findings', () => {
    assert.equal(stylish([fileResult('strategy/clean.strategy.yaml', CLEAN_YAML)], formatContext()), '');
    assert.equal(stylish([], formatContext()), '');
  });

  it('uses singular words and leaves out the info count and fixable line when there are none', () => {
    const text = '- Owner: TBD\n';
    const output = stylish([fileResult('a.md', text, [{ ruleId: 'initiative-owner', severity: 'warning', message: 'No owner.', at: 'TBD' }])], formatContext());
    assert.equal(output, '\na.md\n  1:10  warning  No owner  initiative-owner\n\n\u2716 1 problem (0 errors, 1 warning)\n');
  });

  it('colours severities, dims positions and rule ids, underlines the path, and keeps the alignment', () => {
    const coloured = stylish(sampleResults(), formatContext({ color: true }));
    assert.ok(coloured.includes('\u001b[31merror\u001b[39m'), 'errors are red');
    assert.ok(coloured.includes('\u001b[33mwarning\u001b[39m'), 'warnings are yellow');
    assert.ok(coloured.includes('\u001b[4mdocs/plan.md\u001b[24m'), 'the path is underlined');
    assert.ok(coloured.includes('\u001b[2m3:1\u001b[22m'), 'the position is dim');
    assert.ok(coloured.includes('\u001b[31m\u001b[1m\u2716 5 problems'), 'the summary is bold red when there are errors');
    assert.equal(coloured.replace(ANSI, ''), stylish(sampleResults(), formatContext()));
  });

  it('never emits escape codes without colour', () => {
    assert.doesNotMatch(stylish(sampleResults(), formatContext()), ANSI);
  });
});
