import type { HealthState, ObjectiveReport, ReportModel, SourceLocation } from './model.js';
import { displayId, esc, gaps, HEALTH_WORDS, paceHealth, paceText } from './text.js';

/**
 * The strategy map (the Mermaid flowchart's graph) drawn as SVG from the report model, so a page
 * can show it with nothing fetched and no script: the HTML report and the editor's report webview
 * (whose Content-Security-Policy allows no renderer). Columns, left to right, follow the Mermaid
 * chart's direction: owners → initiatives → objectives (children indented) → key results.
 * Initiative → key result links are dotted; orphans are red and dashed, and objectives and key
 * results are coloured by health (class `health-<state>`), as in the Mermaid chart.
 */
export interface MapOptions {
  /** Wrap each node in a link carrying its declaration (`data-file`, `data-line`) for a host page to open. */
  links?: boolean;
}

type Kind = 'owner' | 'initiative' | 'objective' | 'keyResult';
interface MapNode {
  kind: Kind;
  lines: [string, string?, string?];
  tooltip: string;
  orphan: boolean;
  /** The third line says the health, not what is missing (drawn in a neutral colour). */
  stateLine?: boolean;
  /** Objectives' rolled-up health, key results' pace; none where nothing can be judged. */
  health?: Exclude<HealthState, 'unknown'>;
  location?: SourceLocation;
  /** Order inside its column. */
  rank: number;
  x: number;
  y: number;
}

const NODE_W = 210;
const NODE_H = 52;
const GAP_Y = 10;
const COLUMN_GAP = 90;
const INDENT = 16;
const PAD = 12;
const HEADER = 28;
const LINE_CHARS = 28;
const COLUMNS: [Kind, string][] = [
  ['owner', 'Owners'],
  ['initiative', 'Initiatives'],
  ['objective', 'Objectives'],
  ['keyResult', 'Key results'],
];

export function renderMapSvg(model: ReportModel, options: MapOptions = {}): string {
  const columns = new Map<Kind, MapNode[]>(COLUMNS.map(([kind]) => [kind, []]));
  const edges: { from: MapNode; to: MapNode; dotted: boolean }[] = [];
  const add = (kind: Kind, node: Omit<MapNode, 'kind' | 'rank' | 'x' | 'y'>, rank: number): MapNode => {
    const made = { ...node, kind, rank, x: 0, y: 0 };
    columns.get(kind)!.push(made);
    return made;
  };
  const link = (from: MapNode | undefined, to: MapNode | undefined, dotted = false) => {
    if (from && to && !edges.some((e) => e.from === from && e.to === to)) edges.push({ from, to, dotted });
  };

  // Objectives in tree order, children indented; a link by id goes to the id's first declaration.
  const objectiveById = new Map<string, MapNode>();
  const depth = new Map<MapNode, number>();
  const walk = (o: ObjectiveReport, level: number, parent?: MapNode) => {
    const health = o.health && o.health !== 'unknown' ? o.health : undefined;
    const node = add('objective', withHealth(entityNode(o.id, o.title, o.missing.length ? gaps(o.missing) : undefined, o.location), health, health && HEALTH_WORDS[health]), columns.get('objective')!.length);
    depth.set(node, level);
    if (!objectiveById.has(o.id)) objectiveById.set(o.id, node);
    link(parent, node);
    o.children.forEach((c) => walk(c, level + 1, node));
  };
  model.objectives.forEach((o) => walk(o, 0));

  // Other columns ordered by the mean row of what they link to, so that lines mostly run straight.
  const meanRank = (linked: (MapNode | undefined)[], fallback: number) => {
    const ranks = linked.filter((n): n is MapNode => n !== undefined).map((n) => n.rank);
    return ranks.length ? ranks.reduce((a, b) => a + b, 0) / ranks.length : 1e6 + fallback;
  };
  const keyResultById = new Map<string, MapNode>();
  model.metrics.forEach((m, i) => {
    const objectives = m.objectives.map((id) => objectiveById.get(id));
    const node = add('keyResult', withHealth(entityNode(m.id, m.title, undefined, m.location), m.pace && paceHealth(m.pace), m.pace && paceText(m.pace)), meanRank(objectives, i));
    if (!keyResultById.has(m.id)) keyResultById.set(m.id, node);
    objectives.forEach((o) => link(o, node));
  });
  sortColumn(columns.get('keyResult')!);

  const initiatives = model.initiatives.map((i, n) => {
    const objectives = i.objectives.map((id) => objectiveById.get(id));
    const node = add('initiative', entityNode(i.id, i.title, i.missing.length ? gaps(i.missing) : undefined, i.location), meanRank(objectives, n));
    objectives.forEach((o) => link(node, o));
    i.metrics.forEach((id) => link(node, keyResultById.get(id), true));
    return { node, owner: i.owner };
  });
  sortColumn(columns.get('initiative')!);

  model.owners.forEach((w, n) => {
    const carried = initiatives.filter((i) => i.owner === w.id).map((i) => i.node);
    const note = w.overloaded ? `over capacity (${w.activeInitiatives} / ${w.capacity})` : w.declared ? undefined : 'not declared';
    const node = add('owner', { lines: [w.id, w.name, note], tooltip: [w.id, w.name, note].filter(Boolean).join(' — '), orphan: w.overloaded, ...(w.location ? { location: w.location } : {}) }, meanRank(carried, n));
    carried.forEach((i) => link(node, i));
  });
  sortColumn(columns.get('owner')!);

  // Place the columns; an indented objective column is wider by its deepest indent.
  const maxDepth = Math.max(0, ...depth.values());
  let x = PAD;
  let height = 0;
  const headers: string[] = [];
  for (const [kind, title] of COLUMNS) {
    const nodes = columns.get(kind)!;
    if (!nodes.length) continue;
    headers.push(`<text class="column" x="${x}" y="${PAD + 14}">${esc(title)}</text>`);
    nodes.forEach((node, i) => {
      node.x = x + (depth.get(node) ?? 0) * INDENT;
      node.y = PAD + HEADER + i * (NODE_H + GAP_Y);
    });
    height = Math.max(height, PAD + HEADER + nodes.length * (NODE_H + GAP_Y));
    x += NODE_W + (kind === 'objective' ? maxDepth * INDENT : 0) + COLUMN_GAP;
  }
  const width = Math.max(x - COLUMN_GAP + PAD, 2 * PAD + NODE_W);
  height = Math.max(height + PAD, 2 * PAD + HEADER);

  const paths = edges.map(({ from, to, dotted }) => edgePath(from, to, dotted));
  const nodes = [...columns.values()].flat().map((n) => nodeSvg(n, options));
  const empty = nodes.length ? '' : `<text class="empty" x="${PAD}" y="${PAD + HEADER + 14}">Nothing declared yet.</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="strategy-map" role="img" aria-label="Strategy map" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<defs><marker id="map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="arrow"/></marker></defs>` +
    headers.join('') +
    `<g class="edges">${paths.join('')}</g>` +
    `<g class="nodes">${nodes.join('')}</g>${empty}</svg>`
  );
}

/** Styles for the map's classes (the HTML report and the webview include them). */
export const MAP_STYLE = `
.strategy-map{font:12px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:none}
.strategy-map .column{font-weight:600;fill:var(--muted,#59636e)}
.strategy-map .edges path{fill:none;stroke:var(--muted,#59636e);stroke-width:1.2;opacity:.7}
.strategy-map .edges path.dotted{stroke-dasharray:3 3;opacity:.5}
.strategy-map .arrow{fill:var(--muted,#59636e)}
.strategy-map rect{stroke-width:1.5}
.strategy-map .objective rect{fill:#dbeafe;stroke:#1d4ed8}.strategy-map .keyResult rect{fill:#dcfce7;stroke:#15803d}
.strategy-map .initiative rect{fill:#fef3c7;stroke:#b45309}.strategy-map .owner rect{fill:#ede9fe;stroke:#6d28d9}
.strategy-map .health-on-track rect{fill:#bbf7d0;stroke:#15803d;stroke-width:2}.strategy-map .health-at-risk rect{fill:#fed7aa;stroke:#c2410c;stroke-width:2}
.strategy-map .health-off-track rect{fill:#fecaca;stroke:#b91c1c;stroke-width:2}.strategy-map .health-missed rect{fill:#7f1d1d;stroke:#450a0a;stroke-width:2}
.strategy-map .health-missed text{fill:#fff}.strategy-map .state{fill:#59636e}.strategy-map .health-missed .state{fill:#fecaca}
.strategy-map .orphan rect{fill:#fee2e2;stroke:#b91c1c;stroke-width:2.5;stroke-dasharray:6 3}
.strategy-map text{fill:#1f2328}.strategy-map .id{font-weight:600}.strategy-map .note{fill:#b91c1c}
.strategy-map a:hover rect,.strategy-map a:focus rect{stroke-width:3}
.strategy-map a{cursor:pointer}
`;

function entityNode(id: string, title: string | undefined, note: string | undefined, location: SourceLocation): Omit<MapNode, 'kind' | 'rank' | 'x' | 'y'> {
  return {
    lines: [displayId(id), title, note && `⚠ ${note}`],
    tooltip: [displayId(id), title, note && `orphan: ${note}`].filter(Boolean).join(' — '),
    orphan: note !== undefined,
    location,
  };
}

/**
 * Colours a node by health; where it has no warning line of its own, the health words (or the key
 * result's pace) take the third line. The orphan style is declared after the health ones, so it wins.
 */
function withHealth(node: Omit<MapNode, 'kind' | 'rank' | 'x' | 'y'>, health: MapNode['health'], words: string | undefined): Omit<MapNode, 'kind' | 'rank' | 'x' | 'y'> {
  if (!health) return node;
  const [id, title, note] = node.lines;
  return { ...node, health, lines: [id, title, note ?? words], tooltip: [node.tooltip, words].filter(Boolean).join(' — '), stateLine: note === undefined };
}

function sortColumn(nodes: MapNode[]): void {
  nodes.sort((a, b) => a.rank - b.rank);
  nodes.forEach((n, i) => (n.rank = i));
}

function nodeSvg(node: MapNode, options: MapOptions): string {
  const [id, title, note] = node.lines;
  const text = [
    `<text class="id" x="${node.x + 8}" y="${node.y + 16}">${esc(clip(id))}</text>`,
    title ? `<text x="${node.x + 8}" y="${node.y + 31}">${esc(clip(title))}</text>` : '',
    note ? `<text class="${node.stateLine ? 'state' : 'note'}" x="${node.x + 8}" y="${node.y + 46}">${esc(clip(note))}</text>` : '',
  ].join('');
  const shape = `<rect x="${node.x}" y="${node.y}" width="${NODE_W}" height="${NODE_H}" rx="${node.kind === 'initiative' ? 14 : 4}"/>`;
  const inner = `<title>${esc(node.tooltip)}</title>${shape}${text}`;
  const cls = `${node.kind}${node.health ? ` health-${node.health}` : ''}${node.orphan ? ' orphan' : ''}`;
  if (options.links && node.location) {
    return `<a class="${cls} entity" href="#" data-file="${esc(node.location.file)}" data-line="${node.location.line}">${inner}</a>`;
  }
  return `<g class="${cls}">${inner}</g>`;
}

/** A curve from the right edge of `from` to the left edge of `to` (or between bottoms within a column). */
function edgePath(from: MapNode, to: MapNode, dotted: boolean): string {
  const cls = dotted ? ' class="dotted"' : '';
  if (from.kind === to.kind) {
    // Parent objective → child objective: down the left side.
    const [x1, y1, x2, y2] = [from.x + 6, from.y + NODE_H, to.x, to.y + NODE_H / 2];
    return `<path${cls} d="M${x1} ${y1}V${y2}H${x2}" marker-end="url(#map-arrow)"/>`;
  }
  const [x1, y1, x2, y2] = [from.x + NODE_W, from.y + NODE_H / 2, to.x, to.y + NODE_H / 2];
  const bend = Math.max(30, (x2 - x1) / 2);
  return `<path${cls} d="M${x1} ${y1}C${x1 + bend} ${y1} ${x2 - bend} ${y2} ${x2} ${y2}" marker-end="url(#map-arrow)"/>`;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > LINE_CHARS ? `${flat.slice(0, LINE_CHARS - 1).trimEnd()}…` : flat;
}
