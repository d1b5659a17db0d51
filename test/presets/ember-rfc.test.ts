import { strict as assert } from 'node:assert';
import { lintWorkspace } from '../helpers/workspace.js';

const ember = { presets: ['ember-rfc'] };
const FRONT = {
  stage: 'accepted',
  'start-date': '2022-08-19T00:00:00.000Z',
  'release-date': '',
  'release-versions': '',
  teams: '\n  - framework\n  - learning',
  prs: '\n  accepted: https://github.com/emberjs/rfcs/pull/202',
  'project-link': '',
};
const rfc = (changes: Record<string, string | undefined> = {}) => {
  const fields = { ...FRONT, ...changes };
  const lines = Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}:${v && !v.startsWith('\n') ? ' ' : ''}${v}`);
  return `---\n${lines.join('\n')}\n---\n\n# Resource helpers\n\n## Summary\n\nHelpers that own a resource.\n`;
};
const lint = (text: string) => lintWorkspace({ 'text/0202-resource-helpers.md': text }, ember).map((f) => [f.ruleId, f.text, f.line]);

describe('preset ember-rfc', () => {
  it('accepts an RFC as the Ember template writes it, empty release fields included', () => {
    assert.deepEqual(lint(rfc()), []);
    assert.deepEqual(lint(rfc({ stage: 'released', 'release-date': '2023-01-10T00:00:00.000Z', prs: '\n  accepted: https://github.com/emberjs/rfcs/pull/202\n  released: https://github.com/emberjs/rfcs/pull/700' })), []);
  });

  it('reports an unknown stage or team at the value, with the closest name', () => {
    const found = lintWorkspace({ 'text/0202-x.md': rfc({ stage: 'acepted', teams: '\n  - framework\n  - typescrpt' }) }, ember);
    assert.deepEqual(found.map((f) => [f.ruleId, f.text]), [['invalid-value', 'acepted'], ['invalid-value', 'typescrpt']]);
    assert.match(found[0]!.message, /Did you mean 'accepted'\?/);
    assert.match(found[1]!.message, /Did you mean 'typescript'\?/);
  });

  it('reports a start date that is not a date', () => {
    assert.deepEqual(lint(rfc({ 'start-date': '2023-13-02T00:00:00.000Z' })), [['invalid-value', '2023-13-02T00:00:00.000Z', 3]]);
    assert.deepEqual(lint(rfc({ 'start-date': '2023-02-03' })), []);
  });

  it('reports a missing or malformed link to the proposal PR, and a team list that is empty', () => {
    assert.deepEqual(lint(rfc({ prs: '\n  accepted:' })).map((f) => f[0]), ['placeholder-value']);
    assert.deepEqual(lint(rfc({ prs: '\n  accepted: https://github.com/emberjs/rfcs/issues/202' })).map((f) => f[0]), ['invalid-value']);
    assert.deepEqual(lint(rfc({ teams: ' []' })).map((f) => f[0]), ['template-schema']);
  });

  it('leaves alone Markdown without a stage in its front matter', () => {
    assert.deepEqual(lint('---\ntitle: Notes\n---\n# Notes\n'), []);
  });
});
