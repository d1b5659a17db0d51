import { strict as assert } from 'node:assert';
import { buildReport, renderReport, REPORT_FORMATS, runReport } from '../../server/src/report/index.js';
import { ROOT, workspace } from '../helpers/workspace.js';
import { childrenNamed, parseXml, type XmlElement } from '../helpers/xml.js';
import { FILES, lineOf, PLAN_YAML } from './fixture.js';

const model = () => buildReport(workspace(FILES), { cwd: ROOT });

/** Splits a GFM table row on its unescaped pipes. */
function cells(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

function descendants(node: XmlElement, name: string): XmlElement[] {
  return node.children.flatMap((c) => [...(c.name === name ? [c] : []), ...descendants(c, name)]);
}

function textOf(node: XmlElement): string {
  return node.text + node.children.map(textOf).join('');
}

describe('report rendering', () => {
  describe('markdown', () => {
    const markdown = () => renderReport(model(), 'markdown');

    it('starts with coverage as a table', () => {
      const lines = markdown().split('\n');
      assert.equal(lines[0], '# Strategy alignment report');
      assert.ok(lines.includes('| Initiatives with an owner | 3 | 4 | 75% |'));
      assert.ok(lines.includes('| Active objectives with metrics | 2 | 3 | 67% |'));
    });

    it('lists orphans with what they lack and where they are', () => {
      const line = lineOf(PLAN_YAML, 'INIT-orphan');
      assert.ok(markdown().includes(`- ⚠ **INIT-orphan** Orphan work: no owner, no objective, no metric (\`strategy/plan.strategy.yaml:${line}\`)`));
      assert.match(markdown(), /^- Objective \*\*OBJ-lonely\*\* Nobody works on this — active ⚠ \*\*orphan: no initiatives, no metrics\*\*$/m);
    });

    it('nests the objective tree: objective → child objective → key results and initiatives', () => {
      const lines = markdown().split('\n');
      const root = lines.indexOf('- Objective **OBJ-root** Grow the business — active · 2027-H1 · financial · @maria · on track');
      assert.ok(root >= 0);
      assert.deepEqual(lines.slice(root + 2, root + 6), [
        '  - Objective **OBJ-child** Activate new accounts — active · on track',
        '    - Key result **KR-a** Activation rate — lagging · 20 → 25 → 30 % · 50% of the way, 17% of the window gone: on track',
        '    - Initiative **INIT-a** Onboarding — planned · @maria · due 2027-01-15 (overdue)',
        '    - Initiative **INIT-b** Checklist — in-progress · @maria',
      ]);
    });

    it('escapes titles so a pipe or angle bracket cannot break a table', () => {
      const lines = markdown().split('\n');
      const header = lines.find((l) => l.startsWith('| Initiative |'))!;
      const row = lines.find((l) => l.startsWith('| **INIT-md** |'))!;
      assert.equal(cells(row).length, cells(header).length);
      assert.equal(cells(row)[1], 'Checkout \\| \\<fast\\> & "safe"');
    });

    it('marks overloaded owners and undeclared ones', () => {
      const lines = markdown().split('\n');
      assert.equal(cells(lines.find((l) => l.startsWith('| **@maria** |'))!)[3], '2 / 1 ⚠ over capacity');
      assert.equal(cells(lines.find((l) => l.startsWith('| **@ghost** |'))!)[6], 'not declared');
    });

    it('says so when nothing is orphaned', () => {
      const clean = { 'a.strategy.yaml': 'objectives:\n  - id: O\n    title: O\n    key-results:\n      - id: K\n        title: K\n    initiatives:\n      - id: I\n        title: I\n        owner: "@x"\n        metrics: [K]\n' };
      assert.match(renderReport(buildReport(workspace(clean), { cwd: ROOT }), 'markdown'), /## Orphans \(0\)\n\nNo orphans:/);
    });
  });

  describe('mermaid', () => {
    const mermaid = () => renderReport(model(), 'mermaid');
    /** Node name → label, from `name["label"]`-style definitions of any shape. */
    const nodes = (text: string) => new Map([...text.matchAll(/^ {2}(\w+)[[({]+"([^"]*)"[\])}]+$/gm)].map((m) => [m[1]!, m[2]!]));
    const nameOf = (text: string, id: string) => [...nodes(text)].find(([, label]) => label.split('<br/>')[0] === id)?.[0];

    it('is a top-down flowchart whose every line is a node, an edge, a class definition or a class assignment', () => {
      const [first, ...rest] = mermaid().trimEnd().split('\n');
      assert.equal(first, 'graph TD');
      for (const line of rest) assert.match(line, /^ {2}(\w+[[({]+"[^"]*"[\])}]+|\w+ (-->|-\.->) \w+|classDef \w+ [^\n]+|class [\w,]+ \w+)$/, line);
      const defined = nodes(mermaid());
      for (const [, from, , to] of mermaid().matchAll(/^ {2}(\w+) (-->|-\.->) (\w+)$/gm)) assert.ok(defined.has(from!) && defined.has(to!), `${from} -> ${to}`);
    });

    it('draws objective → child and key result, initiative → objective, owner → initiative', () => {
      const text = mermaid();
      const [root, child, kr, init, owner] = ['OBJ-root', 'OBJ-child', 'KR-a', 'INIT-a', '@maria'].map((id) => nameOf(text, id));
      for (const edge of [`${root} --> ${child}`, `${child} --> ${kr}`, `${init} --> ${child}`, `${init} -.-> ${kr}`, `${owner} --> ${init}`]) assert.ok(text.includes(`  ${edge}\n`), edge);
    });

    it('styles orphans with their own class', () => {
      const text = mermaid();
      assert.match(text, /^ {2}classDef orphan /m);
      const orphanLine = text.split('\n').find((l) => / orphan$/.test(l) && l.startsWith('  class '))!;
      assert.deepEqual(orphanLine.slice('  class '.length, -' orphan'.length).split(',').sort(), [nameOf(text, 'OBJ-lonely'), nameOf(text, 'INIT-orphan')].sort());
    });

    it('escapes quotes and markup in labels', () => {
      assert.equal(nodes(mermaid()).get(nameOf(mermaid(), 'INIT-md')!), 'INIT-md<br/>Checkout | #lt;fast#gt; #amp; #quot;safe#quot;');
    });
  });

  describe('html', () => {
    const html = () => renderReport(model(), 'html');

    it('is one self-contained page, well-formed, with no scripts or fetched resources', () => {
      const page = parseXml(html());
      assert.equal(page.name, 'html');
      assert.equal(descendants(page, 'script').length, 0);
      assert.doesNotMatch(html(), /\b(src|href)=/);
      assert.equal(textOf(childrenNamed(childrenNamed(page, 'head')[0]!, 'title')[0]!), 'Strategy alignment report');
    });

    it('escapes every value', () => {
      assert.ok(html().includes('Checkout | &lt;fast&gt; &amp; &quot;safe&quot;'));
      assert.ok(!html().includes('<fast>'));
    });

    it('marks orphans in the tree and the initiatives table', () => {
      const page = parseXml(html());
      const orphanItems = descendants(page, 'li').filter((li) => li.attributes.class?.split(' ').includes('orphan'));
      assert.deepEqual(orphanItems.map((li) => childrenNamed(li, 'b')[0] && textOf(childrenNamed(li, 'b')[0]!)), ['OBJ-lonely']);
      const orphanRows = descendants(page, 'tr').filter((tr) => tr.attributes.class === 'orphan');
      assert.deepEqual(
        orphanRows.map((tr) => textOf(descendants(tr, 'b')[0]!)),
        ['INIT-orphan', '@maria'],
        'the orphan initiative, and the overloaded owner',
      );
    });
  });

  describe('json and runReport', () => {
    it('prints the model as JSON', () => {
      assert.deepEqual(JSON.parse(renderReport(model(), 'json')), JSON.parse(JSON.stringify(model())));
    });

    it('runs a report for every documented format and refuses others', () => {
      assert.deepEqual([...REPORT_FORMATS], ['markdown', 'mermaid', 'html', 'json']);
      for (const format of REPORT_FORMATS) assert.ok(runReport({ engine: workspace(FILES), format, cwd: ROOT }).endsWith('\n'), format);
      assert.throws(() => runReport({ engine: workspace(FILES), format: 'pdf', cwd: ROOT }), /Unknown report format 'pdf'/);
    });

    it('shows paths relative to the given working directory', () => {
      const text = runReport({ engine: workspace(FILES), format: 'json', cwd: `${ROOT}/docs` });
      const md = JSON.parse(text).initiatives.find((i: { id: string }) => i.id === 'INIT-md');
      assert.equal(md.location.file, 'plan.md');
    });
  });
});
