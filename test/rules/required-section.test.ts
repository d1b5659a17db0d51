import { strict as assert } from 'node:assert';
import { findingsOf } from '../helpers/workspace.js';
import type { TemplateSpec } from '../../server/src/templates/spec.js';

const RULE = 'required-section';
const PRD: TemplateSpec = { name: 'team-prd', files: 'prds/*.md', kind: 'prd', 'required-sections': ['Problem|Why', 'Goals', 'Success metrics'] };
const templates = [PRD];

describe('rule required-section', () => {
  it('reports a missing section at the title and an empty one at its heading', () => {
    const text = '# Smart invoicing\n\n## Problem\n\n<!-- What hurts, for whom? -->\n\n## Goals\n\nOne click.\n';
    const found = findingsOf(RULE, { 'prds/invoicing.md': text }, { templates });
    assert.deepEqual(found.map((f) => [f.line, f.text]), [[1, '# Smart invoicing'], [3, '## Problem']]);
    assert.match(found[0]!.message, /The team-prd template requires a section 'Success metrics', and invoicing\.md has none: add `## Success metrics`/);
    assert.match(found[1]!.message, /Section 'Problem' is empty/);
    assert.equal(found[0]!.severity, 'error');
  });

  it('matches headings at any level, ignoring case, numbering and punctuation, with alternatives', () => {
    const text = '# X\n\n### 1. why?\n\nBecause.\n\n## GOALS:\n\n- a\n\n## Success Metrics\n\n| metric | target |\n';
    assert.deepEqual(findingsOf(RULE, { 'prds/x.md': text }, { templates }), []);
  });

  it('counts text in sub-sections, but not sub-headings alone nor code-fenced headings', () => {
    const filled = '# X\n\n## Why\n\n### Detail\n\nText.\n\n## Goals\nG\n## Success metrics\nM\n';
    assert.deepEqual(findingsOf(RULE, { 'prds/x.md': filled }, { templates }), []);
    const hollow = '# X\n\n## Why\n\n### Detail\n\n## Goals\nG\n```\n## Success metrics\n```\n';
    assert.deepEqual(findingsOf(RULE, { 'prds/x.md': hollow }, { templates }).map((f) => f.text), ['# X', '## Why']);
  });

  it('reports at the first line of a document with no heading, and is quiet on files no template reads', () => {
    assert.deepEqual(findingsOf(RULE, { 'prds/x.md': 'Just text.\n' }, { templates }).map((f) => [f.line, f.text]), [[1, 'Just text.'], [1, 'Just text.'], [1, 'Just text.']]);
    assert.deepEqual(findingsOf(RULE, { 'docs/x.md': '# X\n' }, { templates }), []);
  });
});
