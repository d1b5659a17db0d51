import { strict as assert } from 'node:assert';
import { buildReport, renderReport } from '../../server/src/report/index.js';
import { ROOT, workspace } from '../helpers/workspace.js';
import { parseXml, type XmlElement } from '../helpers/xml.js';

/** 2027-Q1 on 2027-02-15: half the quarter gone. */
const PLAN = `objectives:
  - id: OBJ-top
    title: Grow
    period: 2027-Q1
    priority: P0
    key-results:
      - { id: KR-top, baseline: 0, target: 100, current: 60 }
    initiatives:
      - { id: I-top, effort: 5 }
  - id: OBJ-child
    title: Activate
    parent: OBJ-top
    key-results:
      - { id: KR-child, baseline: 0, target: 100, current: 10 }
    initiatives:
      - { id: I-child, effort: 3 }
  - id: OBJ-side
    title: Brand
    period: 2027-Q1
    priority: P2
    health: off-track
    updated: 2026-12-01
    initiatives:
      - { id: I-side, effort: 4 }
  - id: OBJ-old
    title: Last quarter
    period: 2026-Q4
    key-results:
      - { id: KR-old, baseline: 10, target: 4, current: 8, updated: 2027-01-01 }
  - id: OBJ-fine
    title: Fine
    period: 2027-Q1
    key-results:
      - { id: KR-fine, baseline: 0, target: 10, current: 12 }
  - id: OBJ-blank
    title: Nothing to judge
    period: 2027-Q1
`;

describe('report: health', () => {
  const model = () => buildReport(workspace({ 'plan.strategy.yaml': PLAN }, { today: '2027-02-15' }), { cwd: ROOT });
  const state = (id: string) => model().health.objectives.find((o) => o.id === id);

  it('rolls each active objective\'s health up through its key results and child objectives, with the reasons', () => {
    assert.equal(state('OBJ-child')!.state, 'at-risk');
    assert.deepEqual(state('OBJ-child')!.reasons, ['key result KR-child is at risk (10% of the way with 50% of its window gone)']);
    assert.equal(state('OBJ-top')!.state, 'at-risk');
    assert.deepEqual(state('OBJ-top')!.reasons, ['child objective OBJ-child is at risk']);
    assert.equal(state('OBJ-side')!.state, 'off-track');
    assert.match(state('OBJ-side')!.reasons[0]!, /^health: off-track \(its last check-in, 2026-12-01\)/);
    assert.equal(state('OBJ-old')!.state, 'missed');
    assert.deepEqual(state('OBJ-old')!.reasons, ['key result KR-old missed its target (33% of the way, window ended 2026-12-31)']);
    assert.equal(state('OBJ-fine')!.state, 'on-track', 'a target already met is on track');
    assert.equal(state('OBJ-blank')!.state, 'unknown');
  });

  it('lists stale check-ins by the stale-update cadences', () => {
    assert.deepEqual(
      model().health.staleCheckIns.map((s) => [s.id, s.kind, s.days, s.cadence]),
      [['OBJ-side', 'objective', 76, 30], ['KR-old', 'key result', 45, 14]],
    );
  });

  it('sums effort by priority per period, child objectives rolled into their parent', () => {
    assert.deepEqual(model().health.effort, [
      { period: '2026-Q4', priorities: [{ priority: 'none', effort: 0, objectives: ['OBJ-old'] }] },
      {
        period: '2027-Q1',
        priorities: [
          { priority: 'P0', effort: 8, objectives: ['OBJ-top'] },
          { priority: 'P2', effort: 4, objectives: ['OBJ-side'] },
          { priority: 'none', effort: 0, objectives: ['OBJ-fine', 'OBJ-blank'] },
        ],
      },
    ]);
  });

  it('carries the same in json, with each key result\'s pace and each objective\'s health in the tree', () => {
    const json = JSON.parse(renderReport(model(), 'json'));
    assert.equal(json.health.effortUnit, 'person-weeks');
    assert.deepEqual(json.metrics.find((m: { id: string }) => m.id === 'KR-child').pace, { state: 'at-risk', progress: 10, elapsed: 50, windowEnd: '2027-03-31' });
    assert.equal(json.objectives[0].health, 'at-risk');
    assert.equal(json.objectives[0].priority, 'P0');
  });

  it('renders a Health section in Markdown and HTML', () => {
    const markdown = renderReport(model(), 'markdown');
    assert.match(markdown, /^## Health$/m);
    assert.match(markdown, /^\| \*\*OBJ-old\*\* \| 2026-Q4 \|  \| ⛔ missed \| key result KR-old missed its target/m);
    assert.match(markdown, /^- objective \*\*OBJ-side\*\*: updated 2026-12-01, 76 days ago \(cadence 30 days\)/m);
    assert.match(markdown, /^- \*\*2027-Q1\*\*: P0 8 · P2 4 · none 0 person-weeks$/m);
    const html = renderReport(model(), 'html');
    parseXml(html);
    assert.match(html, /<section id="health"><h2>Health<\/h2>/);
    assert.match(html, /<span class="health off-track">off track<\/span>/);
  });

  it('colours the strategy map\'s objectives and key results by health', () => {
    const mermaid = renderReport(model(), 'mermaid');
    const classOf = (cls: string) => mermaid.match(new RegExp(`^  class (\\S+) ${cls}$`, 'm'))?.[1]?.split(',') ?? [];
    const node = (id: string) => mermaid.match(new RegExp(`^  (\\w+)[\\[(]+"${id}[<"]`, 'm'))![1]!;
    assert.ok(classOf('atRisk').includes(node('OBJ-top')));
    assert.ok(classOf('atRisk').includes(node('KR-child')));
    assert.ok(classOf('offTrack').includes(node('OBJ-side')));
    assert.ok(classOf('missed').includes(node('OBJ-old')));
    assert.ok(classOf('onTrack').includes(node('KR-fine')));
    assert.ok(!Object.values({ a: classOf('onTrack'), b: classOf('atRisk'), c: classOf('offTrack'), d: classOf('missed') }).flat().includes(node('OBJ-blank')));
    assert.match(mermaid, /classDef atRisk fill:#fed7aa/);
  });

  it('colours the HTML report\'s SVG map the same way, saying the health in each judged node', () => {
    const html = renderReport(model(), 'html');
    const start = html.indexOf('<svg xmlns="http://www.w3.org/2000/svg" class="strategy-map"');
    const map = html.slice(start, html.indexOf('</svg>', start) + 6);
    const all = (e: XmlElement): XmlElement[] => [e, ...e.children.flatMap(all)];
    const text = (e: XmlElement): string => e.text + e.children.map(text).join('');
    const byId = new Map(all(parseXml(map)).filter((e) => e.name === 'g' && e.children.some((c) => c.name === 'rect'))
      .map((g) => [text(g.children.find((c) => (c.attributes.class ?? '') === 'id')!), g]));
    const cls = (id: string) => (byId.get(id)!.attributes.class ?? '').split(' ');
    assert.ok(cls('OBJ-top').includes('health-at-risk'));
    assert.ok(cls('KR-child').includes('health-at-risk'));
    assert.ok(cls('OBJ-side').includes('health-off-track'));
    assert.ok(cls('OBJ-old').includes('health-missed'));
    assert.ok(cls('KR-fine').includes('health-on-track'), 'a target already met is on track');
    assert.ok(!cls('OBJ-blank').some((c) => c.startsWith('health-')), 'nothing to judge: no health colour');
    assert.match(text(byId.get('OBJ-side')!), /off track/);
    assert.match(html, /\.strategy-map \.health-at-risk rect\{fill:#fed7aa/);
  });
});
