import type { ObjectiveReport, ReportModel } from './model.js';
import type { HealthState } from './model.js';
import { displayId, gaps, HEALTH_WORDS, paceHealth, paceText } from './text.js';

const HEALTH_CLASS: Record<Exclude<HealthState, 'unknown'>, NodeClass> = { 'on-track': 'onTrack', 'at-risk': 'atRisk', 'off-track': 'offTrack', missed: 'missed' };

const TITLE_MAX = 40;
type NodeClass = 'objective' | 'keyResult' | 'initiative' | 'owner' | 'onTrack' | 'atRisk' | 'offTrack' | 'missed' | 'orphan';

/**
 * The report as a Mermaid flowchart: objective → child objective and key result, initiative →
 * objective (and, dotted, → the key results it moves), owner → initiative. Objectives and key results
 * are coloured by health (green on track, orange at risk, red off track, dark red missed); orphans are
 * drawn red and dashed. Paste it into a ```mermaid block on GitHub, or into any Mermaid viewer.
 */
export function renderMermaid(model: ReportModel): string {
  const nodes: string[] = [];
  const edges: string[] = [];
  const classes: Record<NodeClass, string[]> = { objective: [], keyResult: [], initiative: [], owner: [], onTrack: [], atRisk: [], offTrack: [], missed: [], orphan: [] };
  // Every declaration gets its own node with a generated name (obj1, kr1, …): ids may hold characters
  // Mermaid reads as syntax. A link by id goes to the id's first declaration.
  const firstById = { obj: new Map<string, string>(), kr: new Map<string, string>(), owner: new Map<string, string>() };
  const counters = { obj: 0, kr: 0, init: 0, owner: 0 };
  const node = (prefix: keyof typeof counters, shape: [string, string], label: string, cls: NodeClass, orphan: boolean, id?: string): string => {
    const name = `${prefix}${++counters[prefix]}`;
    if (id !== undefined && prefix !== 'init' && !firstById[prefix].has(id)) firstById[prefix].set(id, name);
    nodes.push(`  ${name}${shape[0]}"${escape(label)}"${shape[1]}`);
    classes[cls].push(name);
    if (orphan) classes.orphan.push(name);
    return name;
  };
  const edge = (from: string | undefined, arrow: string, to: string | undefined) => {
    const line = from && to ? `  ${from} ${arrow} ${to}` : undefined;
    if (line && !edges.includes(line)) edges.push(line);
  };

  const objectiveNames = new Map<ObjectiveReport, string>();
  const walk = (o: ObjectiveReport, parent?: string) => {
    const healthNote = o.health && o.health !== 'unknown' ? HEALTH_WORDS[o.health] : undefined;
    const note = [o.missing.length ? `⚠ ${gaps(o.missing)}` : undefined, healthNote].filter(Boolean).join(' · ') || undefined;
    const name = node('obj', ['[', ']'], labelOf(o.id, o.title, note), 'objective', o.missing.length > 0, o.id);
    if (o.health && o.health !== 'unknown') classes[HEALTH_CLASS[o.health]].push(name);
    objectiveNames.set(o, name);
    edge(parent, '-->', name);
    for (const child of o.children) walk(child, name);
  };
  model.objectives.forEach((o) => walk(o));
  for (const w of model.owners) node('owner', ['{{', '}}'], w.declared ? w.id : `${w.id} (not declared)`, 'owner', false, w.id);
  for (const m of model.metrics) {
    const name = node('kr', ['([', '])'], labelOf(m.id, m.title, m.pace ? paceText(m.pace) : undefined), 'keyResult', false, m.id);
    if (m.pace) classes[HEALTH_CLASS[paceHealth(m.pace)]].push(name);
    for (const id of m.objectives) edge(firstById.obj.get(id), '-->', name);
  }
  for (const i of model.initiatives) {
    const name = node('init', ['(', ')'], labelOf(i.id, i.title, i.missing.length ? `⚠ ${gaps(i.missing)}` : undefined), 'initiative', i.missing.length > 0);
    for (const id of i.objectives) edge(name, '-->', firstById.obj.get(id));
    for (const id of i.metrics) edge(name, '-.->', firstById.kr.get(id));
    if (i.owner) edge(firstById.owner.get(i.owner), '-->', name);
  }

  const lines = ['graph TD', ...nodes, ...edges];
  lines.push(
    '  classDef objective fill:#dbeafe,stroke:#1d4ed8,color:#0b1f44',
    '  classDef keyResult fill:#dcfce7,stroke:#15803d,color:#052e16',
    '  classDef initiative fill:#fef3c7,stroke:#b45309,color:#3b2300',
    '  classDef owner fill:#ede9fe,stroke:#6d28d9,color:#1e1048',
    '  classDef onTrack fill:#bbf7d0,stroke:#15803d,stroke-width:2px,color:#052e16',
    '  classDef atRisk fill:#fed7aa,stroke:#c2410c,stroke-width:2px,color:#431407',
    '  classDef offTrack fill:#fecaca,stroke:#b91c1c,stroke-width:2px,color:#450a0a',
    '  classDef missed fill:#7f1d1d,stroke:#450a0a,stroke-width:2px,color:#ffffff',
    '  classDef orphan fill:#fee2e2,stroke:#b91c1c,stroke-width:3px,stroke-dasharray:6 3,color:#450a0a',
  );
  // Health classes come after the kinds' so their colours win; `orphan` is assigned last so its style wins over all.
  for (const [cls, members] of Object.entries(classes)) if (members.length) lines.push(`  class ${members.join(',')} ${cls}`);
  return lines.join('\n') + '\n';
}

function labelOf(id: string, title: string | undefined, note?: string): string {
  const short = title && title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1).trimEnd()}…` : title;
  return [displayId(id), short, note].filter(Boolean).join('\n');
}

/** Mermaid labels take entity codes (`#quot;`); line breaks become `<br/>`. */
function escape(label: string): string {
  return label
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/&/g, '#amp;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\r?\n/g, '<br/>');
}
