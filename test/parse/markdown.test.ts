import { strict as assert } from 'node:assert';
import { parseFile } from '../../server/src/parse/parseFile.js';
import type { Entity } from '../../server/src/model/entity.js';

const parse = (text: string, path = '/ws/docs/plan.md') => parseFile(path, text);
const slice = (text: string, span: { start: number; end: number }) => text.replace(/^\uFEFF/, '').slice(span.start, span.end);
const field = (e: Entity, key: string) => e.fields.find((f) => f.key === key);

describe('Markdown authoring forms', () => {
  it('declares nothing for plain notes, and leaves them out of the workspace', () => {
    const file = parse('# Notes\n\nObjective of the day: alignment.\n\n- Owner: nobody\n');
    assert.equal(file.participates, false);
    assert.deepEqual(file.entities, []);
  });

  it('reads entity headings of every kind word and alias, case-insensitively', () => {
    const text = '# Plan\n## Objective: Grow\n### key result: KR one\n### KR: KR two\n### Metric: M three\n### Initiative: I four\n### PROJECT: P five\n## PRD: not an entity\n## Owner: nobody\n';
    const file = parse(text);
    assert.deepEqual(file.entities.map((e) => [e.kind, e.title]), [
      ['objective', 'Grow'],
      ['metric', 'KR one'],
      ['metric', 'KR two'],
      ['metric', 'M three'],
      ['initiative', 'I four'],
      ['initiative', 'P five'],
    ]);
  });

  it('takes fields from the first list under the heading and from **Key:** lines, with exact value ranges', () => {
    const text = '## Initiative: One-click onboarding\n- Owner: @sam\n- Key Results: KR-a, KR-b\n\n**Status:** in-progress\n**Due**: 2027-03-31\n\n- Note: second list is not fields\n';
    const [entity] = parse(text).entities;
    assert.equal(slice(text, field(entity!, 'owner')!.value.span), '@sam');
    assert.equal(field(entity!, 'key-results')!.keyText, 'Key Results');
    assert.equal(slice(text, field(entity!, 'status')!.value.span), 'in-progress');
    assert.equal(slice(text, field(entity!, 'due')!.value.span), '2027-03-31');
    assert.equal(field(entity!, 'note'), undefined);
  });

  it('reads fields around GitHub tables and task lists, which declare nothing themselves', () => {
    const text = '## Initiative: A\n\n| Risk | Owner: nobody |\n| --- | --- |\n| x | y |\n\n**Owner:** @sam\n\n- [ ] Objective: not a field list\n';
    const [entity] = parse(text).entities;
    assert.deepEqual(entity!.fields.map((f) => [f.key, slice(text, f.value.span)]), [['owner', '@sam']]);
  });

  it('derives the id from the slug of the title, or takes an explicit id', () => {
    const file = parse('## Objective: Expand to Brazil!\n\n## Initiative: Pix\n- id: INIT-pix\n');
    assert.deepEqual(file.entities.map((e) => [e.id, e.headingSlug]), [['expand-to-brazil', 'objective-expand-to-brazil'], ['INIT-pix', 'initiative-pix']]);
    assert.equal(file.entities[0]!.idSpan, undefined);
  });

  it('links entities nested under an objective heading, through plain headings, until a heading of the same level', () => {
    const text = '# Objective: Grow\n- id: OBJ-grow\n## Initiatives\n### Initiative: A\n### Key Result: K\n# Initiative: Outside\n';
    const file = parse(text);
    const [, a, k, outside] = file.entities;
    assert.equal(a!.enclosing?.id, 'OBJ-grow');
    assert.deepEqual(a!.refs.map((r) => [r.field, r.form, r.id]), [['objective', 'implicit', 'OBJ-grow']]);
    assert.equal(k!.refs[0]!.id, 'OBJ-grow');
    assert.equal(outside!.enclosing, undefined);
  });

  it('does not link a nested entity that names its own objective', () => {
    const [, initiative] = parse('## Objective: Grow\n### Initiative: A\n- Objective: OBJ-other\n').entities;
    assert.deepEqual(initiative!.refs.map((r) => [r.form, r.id]), [['id', 'OBJ-other']]);
  });

  it('ignores entity headings and fields inside code blocks, HTML and block quotes', () => {
    const text = '# Doc\n\n```md\n## Initiative: In code\n- Owner: x\n```\n\n> ## Initiative: Quoted\n\n<div>\n\n## Initiative: Real\n</div>\n\n    ## Initiative: Indented code\n';
    const titles = parse(text).entities.map((e) => e.title);
    assert.deepEqual(titles, ['Real']);
  });

  it('reads front matter with kind: id from the file name, title from the first H1', () => {
    const text = '---\nkind: prd\ninitiative: INIT-a\nowner: "@sam"\n---\n\nIntro.\n\n# One-click onboarding\n';
    const [prd] = parse(text, '/ws/prds/one-click.md').entities;
    assert.equal(prd!.kind, 'prd');
    assert.equal(prd!.form, 'front-matter');
    assert.equal(prd!.id, 'one-click');
    assert.equal(prd!.title, 'One-click onboarding');
    assert.equal(slice(text, prd!.anchor), 'prd');
  });

  it('accepts front matter closed by `...` and a document that also declares headings', () => {
    const text = '---\nkind: objective\nid: OBJ-a\ntitle: A\n...\n## Initiative: B\n';
    const file = parse(text);
    assert.deepEqual(file.entities.map((e) => [e.kind, e.id]), [['objective', 'OBJ-a'], ['initiative', 'b']]);
  });

  it('does not treat front matter keys as entity headings, and leaves front matter without kind alone', () => {
    const file = parse('---\ntitle: Blog post\ninitiative: nope\n---\n# Post\n');
    assert.equal(file.participates, false);
  });

  it('reports an unclosed front matter with kind as a syntax note', () => {
    const file = parse('---\nkind: prd\ninitiative: INIT-a\n# Title\n');
    assert.deepEqual(file.notes.map((n) => n.ruleId), ['syntax']);
    assert.equal(file.participates, true);
  });

  it('keeps offsets exact with a BOM and CRLF line endings', () => {
    const text = '\uFEFF## Initiative: A\r\n- Owner: @sam\r\n- Metrics: KR-a\r\n';
    const file = parse(text);
    assert.equal(file.hasBom, true);
    assert.equal(file.eol, '\r\n');
    const [entity] = file.entities;
    assert.equal(slice(text, field(entity!, 'owner')!.value.span), '@sam');
    assert.equal(slice(text, entity!.refs.find((r) => r.field === 'metrics')!.span), 'KR-a');
    assert.deepEqual(file.lineMap.positionAt(field(entity!, 'owner')!.value.span.start), { line: 1, character: 9 });
  });
});

describe('suppression comments', () => {
  it('reads rule ids up to an ESLint-style ` -- reason`', () => {
    const text = '<!-- strategy-lint-disable-next-line owner-load, dropped-link -- agreed in the Q1 review -->\n## Initiative: A\n';
    const [comment] = parseFile('/ws/a.md', text).suppressions;
    assert.deepEqual(comment!.rules.map((r) => [r.id, text.slice(r.span.start, r.span.end)]), [['owner-load', 'owner-load'], ['dropped-link', 'dropped-link']]);
    assert.equal(comment!.targetLine, 1);
  });

  it('reads YAML comments and skips comment-only lines to find the next line', () => {
    const text = 'initiatives:\n  # strategy-lint-disable-next-line initiative-owner\n  # why: owner hired in March\n  - id: A\n';
    const [comment] = parseFile('/ws/a.strategy.yaml', text).suppressions;
    assert.equal(comment!.kind, 'next-line');
    assert.equal(comment!.targetLine, 3);
  });
});
