import { strict as assert } from 'node:assert';
import { lintWorkspace, workspace, ROOT } from '../helpers/workspace.js';

const rust = { presets: ['rust-rfc'] };
const header = (lines: string[]) => `${lines.join('\n')}\n\n## Summary\n\nOne paragraph.\n`;
const RFC = ['- Feature Name: `loop_labels`', '- Start Date: 2021-04-09', '- RFC PR: [rust-lang/rfcs#101](https://github.com/rust-lang/rfcs/pull/101)', '- Rust Issue: [rust-lang/rust#88001](https://github.com/rust-lang/rust/issues/88001)'];
const lint = (files: Record<string, string>) => lintWorkspace(files, rust).map((f) => [f.file, f.ruleId, f.text, f.line]);

describe('preset rust-rfc', () => {
  it('reads text/NNNN-name.md with a list header as a PRD named by its file', () => {
    const engine = workspace({ 'text/0101-loop-labels.md': header(RFC) }, rust);
    const [entity] = engine.getFile(`${ROOT}/text/0101-loop-labels.md`)!.entities;
    assert.deepEqual([entity!.kind, entity!.id], ['prd', '0101-loop-labels']);
    assert.deepEqual(lint({ 'text/0101-loop-labels.md': header(RFC) }), []);
  });

  it('reports a start date that is not a real YYYY-MM-DD day, at the value', () => {
    for (const bad of ['2014-19-19', '23-07-2014', '(2016-06-17)', '2023-10-3', "(fill me in with today's date, YYYY-MM-DD)"]) {
      const found = lint({ 'text/0101-x.md': header(RFC.map((l) => l.replace('2021-04-09', bad))) });
      assert.deepEqual(found, [['text/0101-x.md', 'invalid-value', bad, 2]], bad);
    }
  });

  it('reports an RFC with no RFC PR line, and accepts the older `RFC PR #:` and `eRFC PR:` spellings', () => {
    assert.deepEqual(lint({ 'text/0105-x.md': header(RFC.filter((l) => !l.startsWith('- RFC PR'))) }).map((f) => f[1]), ['template-schema']);
    assert.deepEqual(lint({ 'text/0101-x.md': header(RFC.map((l) => l.replace('- RFC PR:', '- RFC PR #:').replace('- Rust Issue:', '- Rust Issue #:'))) }), []);
    assert.deepEqual(lint({ 'text/0101-y.md': header(RFC.map((l) => l.replace('- RFC PR:', '- eRFC PR:'))) }), []);
  });

  it('reports an RFC PR line that names another pull request than the file\'s number, once, at the number', () => {
    // The link's text and target both name #3505 in text/3673-…: reported at the first number.
    const both = header(RFC.map((l) => l.replace(/rfcs#101\]\(.*\/pull\/101/, 'rfcs#3505](https://github.com/rust-lang/rfcs/pull/3505')));
    assert.deepEqual(lint({ 'text/3673-x.md': both }), [['text/3673-x.md', 'invalid-value', '3505', 3]]);
    const found = lintWorkspace({ 'text/3673-x.md': both }, rust);
    assert.equal(found[0]!.column, 27);
    assert.match(found[0]!.message, /RFC files are numbered after their pull request/);
    // Only the link's text is wrong (`[#3803](…/pull/3808)` in text/3808-…).
    const text = header(RFC.map((l) => l.replace(/\[rust-lang\/rfcs#101\]\(.*\/pull\/101/, '[#3803](https://github.com/rust-lang/rfcs/pull/3808')));
    assert.deepEqual(lint({ 'text/3808-x.md': text }), [['text/3808-x.md', 'invalid-value', '3803', 3]]);
    // The same number however it is written: a bare URL, a plain `[101](…)` link, a padded file number, several pull requests.
    const forms = ['- RFC PR: https://github.com/rust-lang/rfcs/pull/101', '- RFC PR: [101](https://github.com/rust-lang/rfcs/pull/101)', '- RFC PR: [rust-lang/rfcs#101](https://github.com/rust-lang/rfcs/pull/101), [rust-lang/rfcs#127](https://github.com/rust-lang/rfcs/pull/127)'];
    for (const line of forms) assert.deepEqual(lint({ 'text/0101-x.md': header(RFC.map((l) => (l.startsWith('- RFC PR') ? line : l))) }), [], line);
    // An RFC PR line that names no number is not this check's to judge.
    assert.deepEqual(lint({ 'text/0101-x.md': header(RFC.map((l) => (l.startsWith('- RFC PR') ? '- RFC PR: (leave this empty)' : l))) }), []);
  });

  it('accepts N/A for the feature name and the tracking issue (process RFCs have neither)', () => {
    assert.deepEqual(lint({ 'text/0101-x.md': header(RFC.map((l) => l.replace(/Feature Name: .*/, 'Feature Name: N/A').replace(/Rust Issue: .*/, 'Rust Issue: N/A'))) }), []);
  });

  it('leaves alone numbered files with no header (a "Moved to" stub) and the RFC template', () => {
    assert.deepEqual(lint({ 'text/0107-moved.md': 'Moved to [0101](0101-x.md).\n', '0000-template.md': header(RFC.map((l) => l.replace('2021-04-09', 'YYYY-MM-DD'))) }), []);
  });
});
