import { strict as assert } from 'node:assert';
import { MAX_NESTING, tooDeeplyNested } from '../../server/src/parse/nesting.js';
import { parseFile } from '../../server/src/parse/parseFile.js';
import { lintWorkspace } from '../helpers/workspace.js';

const HEADING = '## Initiative: Deep\n- id: INIT-deep\n\n';
const indentedList = (depth: number) => Array.from({ length: depth }, (_, i) => `${' '.repeat(2 * i)}- level ${i}`).join('\n');

/**
 * remark-parse takes time that grows with the square of the nesting depth on every line: a list
 * nested 1,000 deep under an entity heading took over 30 s. The guard must keep such a file from
 * reaching remark (these tests would otherwise run into mocha's timeout), and say so in a finding.
 */
describe('Markdown nested too deeply to analyse', () => {
  it('a list nested 1,000 deep gets a syntax finding at the first line past the limit, and the rest of the workspace is linted', () => {
    const files = {
      'deep.md': `${HEADING}${indentedList(1000)}\n`,
      'plan.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    title: A\n',
    };
    const found = lintWorkspace(files);
    const deep = found.filter((f) => f.file === 'deep.md');
    assert.deepEqual(deep.map((f) => [f.ruleId, f.line, f.severity]), [['syntax', 4 + MAX_NESTING, 'error']]);
    assert.match(deep[0]!.message, /^Markdown nested too deeply to analyse: lists or block quotes about \d+ levels deep here \(the limit is 50\)\./);
    assert.ok(found.some((f) => f.file === 'plan.strategy.yaml' && f.ruleId === 'initiative-owner'), 'the other file is still linted');
  });

  for (const [name, body] of [
    ['nested on one line (`- - - … x`)', `${'- '.repeat(1000)}x`],
    ['block quotes (`>>>…`)', `${'>'.repeat(2000)} x`],
    ['quotes and lists mixed (`> - > - …`)', `${'> - '.repeat(500)}x`],
    ['an ordered list indented 3 columns a level', Array.from({ length: 1000 }, (_, i) => `${' '.repeat(3 * i)}1. x`).join('\n')],
  ] as const) {
    it(`is detected for ${name}`, () => {
      const parsed = parseFile('/ws/deep.md', `${HEADING}${body}\n`);
      assert.deepEqual(parsed.notes.map((n) => n.ruleId), ['syntax']);
      assert.equal(parsed.participates, true);
    });
  }

  it('leaves ordinary nesting, long front matter lines and deeply indented fenced code alone', () => {
    const frontMatter = `---\nkind: objective\ndescription: ${'long words '.repeat(40)}\n---\n`;
    const fenced = `\`\`\`\n${' '.repeat(200)}deeply indented code\n\`\`\`\n`;
    const text = `${frontMatter}# Grow\n\n${HEADING}${indentedList(12)}\n\n${fenced}`;
    assert.equal(tooDeeplyNested(text), undefined);
    const parsed = parseFile('/ws/ok.md', text);
    assert.deepEqual(parsed.notes, []);
    assert.deepEqual(parsed.entities.map((e) => e.id), ['ok', 'INIT-deep']);
  });

  it('finds the limit exactly: MAX_NESTING levels pass, one more does not', () => {
    assert.equal(tooDeeplyNested(`${'>'.repeat(MAX_NESTING)} x`), undefined);
    assert.equal(tooDeeplyNested(`${'>'.repeat(MAX_NESTING + 1)} x`)?.depth, MAX_NESTING + 1);
  });
});
