import { strict as assert } from 'node:assert';
import { buildReport } from '../../server/src/report/index.js';
import { renderHtmlBody } from '../../server/src/report/html.js';
import { renderMapSvg } from '../../server/src/report/svg.js';
import { ROOT, workspace } from '../helpers/workspace.js';
import { parseXml, type XmlElement } from '../helpers/xml.js';
import { FILES, lineOf, PLAN_YAML } from './fixture.js';

const model = () => buildReport(workspace(FILES), { cwd: ROOT });

function descendants(node: XmlElement, test: (e: XmlElement) => boolean): XmlElement[] {
  return node.children.flatMap((c) => [...(test(c) ? [c] : []), ...descendants(c, test)]);
}
const textOf = (node: XmlElement): string => node.text + node.children.map(textOf).join('');
const classes = (e: XmlElement) => (e.attributes.class ?? '').split(' ');
/** The map's nodes as `kind:id` (orphans marked `!`). */
const nodes = (svg: XmlElement) =>
  descendants(svg, (e) => e.attributes.class !== undefined && ['owner', 'initiative', 'objective', 'keyResult'].includes(classes(e)[0]!)).map((e) => {
    const id = descendants(e, (t) => t.name === 'text' && classes(t).includes('id'))[0]!;
    return `${classes(e)[0]}:${textOf(id)}${classes(e).includes('orphan') ? '!' : ''}`;
  });

describe('report: the strategy map as SVG', () => {
  it('draws one node per declaration, in columns owners → initiatives → objectives → key results, orphans marked', () => {
    const svg = parseXml(renderMapSvg(model()));
    assert.equal(svg.name, 'svg');
    assert.deepEqual(nodes(svg).sort(), [
      'initiative:INIT-a',
      'initiative:INIT-b',
      'initiative:INIT-md',
      'initiative:INIT-orphan!',
      'keyResult:KR-a',
      'objective:OBJ-child',
      'objective:OBJ-lonely!',
      'objective:OBJ-old',
      'objective:OBJ-root',
      'owner:@ghost',
      'owner:@maria!',
      'owner:@sam',
    ]);
    const columns = descendants(svg, (e) => classes(e).includes('column')).map(textOf);
    assert.deepEqual(columns, ['Owners', 'Initiatives', 'Objectives', 'Key results']);
  });

  it('draws the links the Mermaid chart has: owner → initiative → objective → key result, initiative ⇢ key result dotted', () => {
    const svg = parseXml(renderMapSvg(model()));
    const paths = descendants(svg, (e) => e.name === 'path' && e.attributes['marker-end'] !== undefined);
    // @maria → INIT-a, INIT-b; @ghost → INIT-md; INIT-a, INIT-b → OBJ-child; INIT-md → OBJ-root;
    // OBJ-root → OBJ-child; OBJ-child → KR-a; INIT-a, INIT-b, INIT-md ⇢ KR-a.
    assert.equal(paths.length, 11);
    assert.equal(paths.filter((p) => p.attributes.class === 'dotted').length, 3);
  });

  it('links each node to its declaration only when asked, and escapes titles', () => {
    assert.doesNotMatch(renderMapSvg(model()), /<a /);
    const svg = parseXml(renderMapSvg(model(), { links: true }));
    const orphan = descendants(svg, (e) => e.name === 'a').find((a) => textOf(a).includes('INIT-orphan'))!;
    assert.equal(orphan.attributes['data-file'], 'strategy/plan.strategy.yaml');
    assert.equal(orphan.attributes['data-line'], String(lineOf(PLAN_YAML, 'INIT-orphan')));
    assert.ok(descendants(svg, (e) => e.name === 'title').some((t) => textOf(t).includes('Checkout | <fast> & "safe"')));
  });

  it('says so when nothing is declared', () => {
    const empty = buildReport(workspace({ 'README.md': '# Nothing here\n' }), { cwd: ROOT });
    assert.match(renderMapSvg(empty), /Nothing declared yet\./);
  });

  it('is part of the HTML body, whose declarations become links for the editor', () => {
    const body = parseXml(`<div>${renderHtmlBody(model(), { links: true })}</div>`);
    const links = descendants(body, (e) => e.name === 'a' && e.attributes['data-file'] !== undefined);
    assert.ok(links.some((a) => a.attributes['data-line'] === String(lineOf(PLAN_YAML, 'INIT-orphan')) && textOf(a).includes('plan.strategy.yaml')));
    assert.equal(descendants(body, (e) => e.attributes.style !== undefined).length, 0, 'no style attribute: a strict CSP would refuse it');
    assert.equal(descendants(body, (e) => e.attributes.id === 'map').length, 1);
  });
});
