import { strict as assert } from 'node:assert';
import { json } from '../../server/src/cli/formatters/json.js';
import { CWD, fileResult, formatContext, replaceFix, spanOf } from '../helpers/results.js';
import { PLAN_MD, sampleResults } from './sample.js';

type Json = any;

function format(results = sampleResults()): Json[] {
  const output = json(results, formatContext());
  assert.ok(output.endsWith('\n'));
  return JSON.parse(output);
}

describe('formatter json', () => {
  it('lists every file, clean ones included, with absolute paths and ESLint counts', () => {
    const [plan, strategy, clean] = format();
    assert.deepEqual(
      [plan, strategy, clean].map((r: Json) => [r.filePath, r.errorCount, r.warningCount, r.fixableErrorCount, r.fixableWarningCount, r.infoCount]),
      [
        [`${CWD}/docs/plan.md`, 3, 0, 1, 0, 0],
        [`${CWD}/strategy/plan.strategy.yaml`, 0, 1, 0, 1, 1],
        [`${CWD}/strategy/clean.strategy.yaml`, 0, 0, 0, 0, 0],
      ],
    );
    assert.deepEqual(clean.messages, []);
    assert.equal(plan.fatalErrorCount, 0);
    assert.deepEqual(plan.suppressedMessages, []);
  });

  it('counts syntax errors as fatalErrorCount, and gives the fixed text as output when a fix changed the file (as ESLint)', () => {
    const text = 'owner: @sam\n';
    const broken = fileResult('broken.strategy.yaml', text, [{ ruleId: 'syntax', severity: 'error', message: 'YAML syntax error', at: '@sam' }]);
    const fixed = { ...fileResult('fixed.md', PLAN_MD), output: PLAN_MD.replace('planed', 'planned') };
    const [b, f, plain] = format([broken, fixed, fileResult('plain.md', PLAN_MD)]);
    assert.equal(b.fatalErrorCount, 1);
    assert.equal(f.output, PLAN_MD.replace('planed', 'planned'));
    assert.equal('output' in plain, false, 'no output when nothing was fixed');
  });

  it('gives 1-based lines and columns with an exclusive end, and ESLint severities (2 error, 1 warning, 0 info)', () => {
    const [plan, strategy] = format();
    const { ruleId, severity, message, line, column, endLine, endColumn } = plan.messages[1];
    assert.deepEqual(
      { ruleId, severity, message, line, column, endLine, endColumn },
      { ruleId: 'initiative-owner', severity: 2, message: "Initiative 'checkout' has no owner.", line: 4, column: 10, endLine: 4, endColumn: 13 },
    );
    assert.deepEqual(
      strategy.messages.map((m: Json) => [m.ruleId, m.severity]),
      [
        ['metric-balance', 0],
        ['unknown-field', 1],
      ],
    );
  });

  it('counts columns in UTF-16 code units, as editors and ESLint do', () => {
    const text = '- Note: 🚀\n- Status: 🚀planed\n';
    const [result] = format([fileResult('a.md', text, [{ ruleId: 'invalid-value', severity: 'error', message: 'Bad.', at: 'planed' }])]);
    assert.deepEqual([result.messages[0].line, result.messages[0].column, result.messages[0].endColumn], [2, 13, 19]);
  });

  it('gives the safe fix as an ESLint fix and the other fixes as suggestions', () => {
    const [plan] = format();
    const planed = spanOf(PLAN_MD, 'planed');
    assert.deepEqual(plan.messages[2].fix, { range: [planed.start, planed.end], text: 'planned' });
    assert.equal(plan.messages[2].suggestions, undefined);
    const tbd = spanOf(PLAN_MD, 'TBD');
    assert.equal(plan.messages[1].fix, undefined, 'a suggestion is never applied by --fix');
    assert.deepEqual(plan.messages[1].suggestions, [{ desc: 'Set owner to @sam', fix: { range: [tbd.start, tbd.end], text: '@sam' } }]);
    assert.equal(plan.messages[0].fix, undefined);
  });

  it('leaves out a fix ESLint cannot express (several edits) but still counts the finding as fixable', () => {
    const text = 'start: 2027-05-01\ndue: 2027-01-01\n';
    const swap = replaceFix('Swap start and due', true, 'a.yaml', text, '2027-05-01', '2027-01-01');
    swap.edits.push({ ...replaceFix('', true, 'a.yaml', text, '2027-01-01', '2027-05-01').edits[0]! });
    const [result] = format([fileResult('a.yaml', text, [{ ruleId: 'schedule', severity: 'warning', message: 'Due before start.', at: '2027-01-01', fixes: [swap] }])]);
    assert.equal(result.messages[0].fix, undefined);
    assert.equal(result.fixableWarningCount, 1);
  });
});
