import { strict as assert } from 'node:assert';
import { ConfigError } from '../../server/src/config/problems.js';
import { CliError, describeFailure } from '../../server/src/cli/errors.js';

describe('strategy-lint failure messages', () => {
  it('prints an internal error as one message with a hint to report it, and no stack', () => {
    const text = describeFailure(new TypeError('x is undefined'), {}, '/ws');
    assert.equal(text.split('\n')[0], 'strategy-lint: internal error: x is undefined');
    assert.match(text, /please report it at https:\/\/github\.com\/.+\/issues \(run with DEBUG=strategy-lint for details\)/);
    assert.doesNotMatch(text, /\n\s+at /, 'no stack frames');
  });

  it('adds the stack when DEBUG names strategy-lint (alone, in a list, or *)', () => {
    for (const DEBUG of ['strategy-lint', 'express,strategy-lint', '*']) {
      assert.match(describeFailure(new Error('boom'), { DEBUG }, '/ws'), /\n\s+at /, DEBUG);
    }
    assert.doesNotMatch(describeFailure(new Error('boom'), { DEBUG: 'express' }, '/ws'), /\n\s+at /);
  });

  it('prints expected failures without "internal error"', () => {
    assert.equal(describeFailure(new CliError('no such file or directory: a.md'), {}, '/ws'), 'strategy-lint: no such file or directory: a.md');
  });

  it('prints every config problem as file:line:column relative to the current folder', () => {
    const error = new ConfigError('/ws/sub/.strategylint.yaml', [
      { message: 'first', start: 0, end: 1, line: 1, column: 1 },
      { message: 'second', start: 5, end: 6, line: 2, column: 3 },
    ]);
    assert.equal(describeFailure(error, {}, '/ws'), 'strategy-lint: sub/.strategylint.yaml:1:1: first\nstrategy-lint: sub/.strategylint.yaml:2:3: second');
  });

  it('describes non-Error throws too', () => {
    assert.match(describeFailure('plain string', {}, '/ws'), /^strategy-lint: internal error: plain string\n/);
  });
});
