import type { HealthState, InitiativeGap, KeyResultPace, MetricReport, ObjectiveGap, Ratio, ReportModel, SourceLocation } from './model.js';

/** Wording shared by the Markdown and HTML renderers, so both say the same thing. */

export const COVERAGE_ROWS: [keyof ReportModel['coverage'], string][] = [
  ['initiativesWithOwner', 'Initiatives with an owner'],
  ['initiativesWithObjective', 'Initiatives with an objective'],
  ['initiativesWithMetric', 'Initiatives with a metric'],
  ['initiativesFullyLinked', 'Initiatives with owner, objective and metric'],
  ['activeObjectivesWithInitiatives', 'Active objectives with initiatives'],
  ['activeObjectivesWithMetrics', 'Active objectives with metrics'],
  ['ownersWithinCapacity', 'Owners within capacity'],
];

const GAP: Record<InitiativeGap | ObjectiveGap, string> = {
  owner: 'no owner',
  objective: 'no objective',
  metric: 'no metric',
  initiatives: 'no initiatives',
  metrics: 'no metrics',
};

export function gaps(missing: readonly (InitiativeGap | ObjectiveGap)[]): string {
  return missing.map((g) => GAP[g]).join(', ');
}

export function percent(r: Ratio): string {
  return r.percent === null ? '—' : `${r.percent}%`;
}

export function where(location: SourceLocation): string {
  return `${location.file}:${location.line}`;
}

export function displayId(id: string): string {
  return id || '(no id)';
}

/** `22 → 28 → 35 %`: baseline → current → target, a dash for what is not set. */
export function metricValues(metric: MetricReport): string {
  const values = [metric.baseline, metric.current, metric.target].map((v) => (v === undefined ? '–' : String(v))).join(' → ');
  return metric.unit ? `${values} ${metric.unit}` : values;
}

export function summaryLine(model: ReportModel): string {
  const { counts } = model;
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return [
    n(counts.objectives, 'objective', 'objectives'),
    n(counts.metrics, 'key result', 'key results'),
    n(counts.initiatives, 'initiative', 'initiatives'),
    n(counts.owners, 'owner', 'owners'),
    n(counts.files, 'file', 'files'),
  ].join(' · ');
}

export function orphanCount(model: ReportModel): number {
  return model.orphans.initiatives.length + model.orphans.objectives.length;
}

export const NO_ORPHANS = 'No orphans: every initiative has an owner, an objective and a metric, and every active objective has initiatives and metrics.';

/**
 * The reports an objective's id list names. A duplicated id (a `duplicate-id` error) names every
 * declaration of it that links to this objective, so none is hidden and none is shown twice.
 */
export function namedUnder<T extends { id: string; objectives: string[] }>(ids: readonly string[], all: readonly T[], objectiveId: string): (T | string)[] {
  const result: (T | string)[] = [];
  for (const id of new Set(ids)) {
    const matches = all.filter((r) => r.id === id);
    const linked = matches.filter((r) => r.objectives.includes(objectiveId));
    const shown = linked.length ? linked : matches.slice(0, 1);
    result.push(...(shown.length ? shown : [id]));
  }
  return result;
}

/** How a health state reads in the report. */
export const HEALTH_WORDS: Record<HealthState, string> = { 'on-track': 'on track', 'at-risk': 'at risk', 'off-track': 'off track', missed: 'missed', unknown: 'not judged' };

/** A key result's pace as a health state: a target already reached is on track. */
export function paceHealth(pace: KeyResultPace): Exclude<HealthState, 'unknown'> {
  return pace.state === 'achieved' ? 'on-track' : pace.state;
}

/** `23% of the way, 50% of the window gone: at risk`. */
export function paceText(pace: KeyResultPace): string {
  const parts = [pace.progress !== undefined ? `${pace.progress}% of the way` : undefined, pace.elapsed !== undefined ? `${pace.elapsed}% of the window gone` : undefined].filter(Boolean);
  const state = pace.state === 'achieved' ? 'achieved' : HEALTH_WORDS[pace.state];
  return parts.length ? `${parts.join(', ')}: ${state}` : state;
}

/** `P0 12 · P1 6 · none 0 person-weeks`. */
export function effortLine(priorities: ReportModel['health']['effort'][number]['priorities'], unit: string): string {
  return priorities.map((p) => `${p.priority} ${p.effort}`).join(' · ') + ` ${unit}`;
}

export const HEALTH_INTRO =
  'Each active objective judged at today: the worst of its stated health, its key results\' pace (metric-pace) and its child objectives. Not judged: no key result with numbers and a window, and no stated health.';

/** Text for HTML and SVG, in content and in quoted attributes. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
