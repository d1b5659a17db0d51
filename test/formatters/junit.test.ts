import { strict as assert } from 'node:assert';
import { junit } from '../../server/src/cli/formatters/junit.js';
import { fileResult, formatContext } from '../helpers/results.js';
import { childrenNamed, parseXml } from '../helpers/xml.js';
import { sampleResults } from './sample.js';

describe('formatter junit', () => {
  it('is well-formed XML with one suite per file and one case per finding, failing for errors and warnings', () => {
    const root = parseXml(junit(sampleResults(), formatContext()));
    assert.equal(root.name, 'testsuites');
    assert.deepEqual([root.attributes.tests, root.attributes.failures], ['6', '4']);
    const suites = childrenNamed(root, 'testsuite');
    assert.deepEqual(
      suites.map((s) => [s.attributes.name, s.attributes.tests, s.attributes.failures]),
      [
        ['docs/plan.md', '3', '3'],
        ['strategy/plan.strategy.yaml', '2', '1'],
        ['strategy/clean.strategy.yaml', '1', '0'],
      ],
    );
    const [first] = childrenNamed(suites[0]!, 'testcase');
    assert.equal(first!.attributes.name, 'initiative-objective (3:1)');
    assert.equal(first!.attributes.classname, 'docs/plan.md');
    const [failure] = childrenNamed(first!, 'failure');
    assert.equal(failure!.attributes.message, "Initiative 'checkout' is linked to no objective.");
    assert.equal(failure!.attributes.type, 'error');
    assert.equal(failure!.text, "docs/plan.md:3:1: error: Initiative 'checkout' is linked to no objective. (initiative-objective)");
  });

  it('counts info findings as passing test cases (with their message), never as failures', () => {
    const suite = childrenNamed(parseXml(junit(sampleResults(), formatContext())), 'testsuite')[1]!;
    const [info, warning] = childrenNamed(suite, 'testcase');
    assert.equal(info!.attributes.name, 'metric-balance (2:9)');
    assert.deepEqual(childrenNamed(info!, 'failure'), []);
    assert.match(childrenNamed(info!, 'system-out')[0]!.text, /info: Objective 'OBJ-a' is measured only by lagging metrics/);
    assert.equal(childrenNamed(warning!, 'failure').length, 1);
  });

  it('gives a clean file one passing test case', () => {
    const suite = childrenNamed(parseXml(junit(sampleResults(), formatContext())), 'testsuite')[2]!;
    const cases = childrenNamed(suite, 'testcase');
    assert.equal(cases.length, 1);
    assert.deepEqual(cases[0]!.children, []);
  });

  it('escapes markup, quotes and line breaks, and drops characters XML cannot hold', () => {
    const message = 'Use <b> & "quotes" \'here\'\nthen\u0007 stop';
    const result = fileResult('a&b <c>.md', 'owner: TBD\n', [{ ruleId: 'initiative-owner', severity: 'warning', message, at: 'TBD' }]);
    const output = junit([result], formatContext());
    const suite = childrenNamed(parseXml(output), 'testsuite')[0]!;
    assert.equal(suite.attributes.name, 'a&b <c>.md');
    const failure = childrenNamed(childrenNamed(suite, 'testcase')[0]!, 'failure')[0]!;
    assert.equal(failure.attributes.message, 'Use <b> & "quotes" \'here\'\nthen stop');
    assert.equal(failure.attributes.type, 'warning');
    assert.match(failure.text, /Use <b> & "quotes" 'here'\nthen stop \(initiative-owner\)$/);
    assert.doesNotMatch(output, /\u0007/);
  });

  it('the test parser rejects malformed XML, so the checks above mean something', () => {
    assert.throws(() => parseXml('<a><b></a></b>'));
    assert.throws(() => parseXml('<a x="1 & 2"/>'));
    assert.throws(() => parseXml('<a x=1/>'));
    assert.throws(() => parseXml('<a>1 < 2</a>'));
    assert.throws(() => parseXml('<a/><b/>'));
  });
});
