import { strict as assert } from 'node:assert';
import { parseFile } from '../../server/src/parse/parseFile.js';

describe('reference forms', () => {
  const refsOf = (line: string, path = '/ws/docs/a.md') => {
    const text = `## Initiative: A\n- ${line}\n`;
    const [entity] = parseFile(path, text).entities;
    return entity!.refs.filter((r) => r.form !== 'implicit').map((r) => ({ form: r.form, id: r.id, path: r.path, anchor: r.anchor, text: text.slice(r.span.start, r.span.end) }));
  };

  it('reads a plain id and a comma-separated list with the range of each item', () => {
    assert.deepEqual(refsOf('Metrics: KR-a,  KR-b').map((r) => [r.id, r.text]), [['KR-a', 'KR-a'], ['KR-b', 'KR-b']]);
  });

  it('reads wiki links', () => {
    assert.deepEqual(refsOf('Objective: [[OBJ-smb]]').map((r) => [r.form, r.id, r.text]), [['wiki', 'OBJ-smb', '[[OBJ-smb]]']]);
  });

  it('reads Markdown links to a document, to a document anchor and to a same-file anchor', () => {
    assert.deepEqual(refsOf('Objective: [plan](../strategy/plan.md)'), [{ form: 'link', id: undefined, path: '/ws/strategy/plan.md', anchor: undefined, text: '[plan](../strategy/plan.md)' }]);
    assert.deepEqual(refsOf('Objective: [plan](plan.md#OBJ-smb)')[0]!.anchor, 'OBJ-smb');
    assert.deepEqual(refsOf('Objective: [here](#objective-grow)').map((r) => [r.path, r.anchor]), [['/ws/docs/a.md', 'objective-grow']]);
  });

  it('does not split a list on commas inside link text', () => {
    assert.deepEqual(refsOf('Metrics: [KR a, b](x.md#kr-a), KR-c').map((r) => r.text), ['[KR a, b](x.md#kr-a)', 'KR-c']);
  });

  it('strips the @ of owners and reads [[handle]]', () => {
    assert.deepEqual(refsOf('Owner: @maria').map((r) => r.id), ['maria']);
    assert.deepEqual(refsOf('Owner: [[maria]]').map((r) => r.id), ['maria']);
    assert.deepEqual(refsOf('Owner: @org/payments').map((r) => r.id), ['org/payments']);
  });

  it('treats placeholders as no value at all', () => {
    for (const p of ['TBD', 'tbc', 'TODO', '?', 'N/A', 'none', '-', '']) assert.deepEqual(refsOf(`Owner: ${p}`), [], p);
  });

  it('marks external links as such', () => {
    assert.deepEqual(refsOf('Objective: [okr](https://example.com/okr)').map((r) => r.form), ['link']);
  });
});
