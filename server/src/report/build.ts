import type { LintEngine } from '../engine/engine.js';
import type { Entity } from '../model/entity.js';
import { enumValue, fieldText, isActiveInitiative, isActiveObjective, isNumeric, isValidDate } from '../model/semantics.js';
import { relativeToCwd } from '../cli/formatters/shared.js';
import { buildHealth } from './health.js';
import { byPlace, coveredUpwards, linked, ownerHandle, ownersOf, type OwnerKey } from './links.js';
import {
  ratio,
  type InitiativeGap,
  type InitiativeReport,
  type MetricReport,
  type ObjectiveGap,
  type ObjectiveReport,
  type OwnerReport,
  type ReportModel,
  type SourceLocation,
} from './model.js';

const DEFAULT_CAPACITY = 3;

export interface BuildOptions {
  /** Paths in the report are relative to it; default: the configuration root. */
  cwd?: string;
}

/** Builds the alignment report from everything the engine has loaded. */
export function buildReport(engine: LintEngine, options: BuildOptions = {}): ReportModel {
  const index = engine.index;
  const cwd = options.cwd ?? engine.config.root;
  const all = (kind: Parameters<typeof index.entitiesOfKind>[0]) => [...index.entitiesOfKind(kind)].sort(byPlace);
  const [objectives, metrics, initiatives, declaredOwners] = [all('objective'), all('metric'), all('initiative'), all('owner')];

  const where = (e: Entity): SourceLocation => {
    const lineMap = engine.getFile(e.file)?.lineMap;
    return { file: relativeToCwd(e.file, cwd) ?? e.file, line: (lineMap?.positionAt(e.anchor.start).line ?? 0) + 1 };
  };
  const parents = new Map(objectives.map((o) => [o, linked(o, 'parent', 'objective', index)]));
  const objectivesOf = new Map([...metrics, ...initiatives].map((e) => [e, linked(e, 'objective', 'objective', index)]));
  const metricsOf = new Map(initiatives.map((i) => [i, linked(i, 'metrics', 'metric', index)]));
  const ownerKeys = new Map([...objectives, ...metrics, ...initiatives].map((e) => [e, ownersOf(e, index)]));
  const ids = (entities: readonly Entity[]) => [...new Set(entities.map((e) => e.id))];

  // Objectives served / measured, themselves or through their children (as the objective rules count).
  const parentsOf = (o: Entity) => parents.get(o) ?? [];
  const executed = coveredUpwards(initiatives.filter((i) => enumValue(i, 'status') !== 'dropped').flatMap((i) => objectivesOf.get(i)!), parentsOf);
  const measured = coveredUpwards(metrics.flatMap((m) => objectivesOf.get(m)!), parentsOf);

  const objectiveGaps = (o: Entity): ObjectiveGap[] => {
    if (!isActiveObjective(o)) return [];
    return [...(executed.has(o) ? [] : ['initiatives' as const]), ...(measured.has(o) ? [] : ['metrics' as const])];
  };
  const initiativeGaps = (i: Entity): InitiativeGap[] => [
    ...(ownerKeys.get(i)!.length ? [] : ['owner' as const]),
    ...(objectivesOf.get(i)!.length ? [] : ['objective' as const]),
    ...(metricsOf.get(i)!.length ? [] : ['metric' as const]),
  ];

  const { health, paceOf, stateOf } = buildHealth(engine, objectives, metrics, where);

  const objectiveNode = (o: Entity, children: ObjectiveReport[]): ObjectiveReport => ({
    id: o.id,
    ...optional('title', o.title),
    status: enumValue(o, 'status') ?? 'active',
    active: isActiveObjective(o),
    ...optional('owner', firstOwner(ownerKeys.get(o)!)),
    ...optional('period', fieldText(o, 'period')),
    ...optional('perspective', fieldText(o, 'perspective')),
    location: where(o),
    metrics: ids(metrics.filter((m) => objectivesOf.get(m)!.includes(o))),
    initiatives: ids(initiatives.filter((i) => objectivesOf.get(i)!.includes(o))),
    children,
    missing: objectiveGaps(o),
    ...optional('priority', fieldText(o, 'priority') ? enumValue(o, 'priority') : undefined),
    ...optional('health', stateOf.get(o)),
  });

  const metricReports = metrics.map((m): MetricReport => {
    const [baseline, current, target] = [numberField(m, 'baseline'), numberField(m, 'current'), numberField(m, 'target')];
    return {
      id: m.id,
      ...optional('title', m.title),
      ...optional('type', enumValue(m, 'type')),
      ...optional('unit', fieldText(m, 'unit')),
      ...optional('baseline', baseline),
      ...optional('current', current),
      ...optional('target', target),
      ...optional('progress', progress(baseline, current, target)),
      ...optional('valueType', fieldText(m, 'value-type') ? enumValue(m, 'value-type') : undefined),
      ...optional('pace', paceOf.get(m)),
      ...optional('due', fieldText(m, 'due')),
      ...optional('owner', firstOwner(ownerKeys.get(m)!)),
      objectives: ids(objectivesOf.get(m)!),
      initiatives: ids(initiatives.filter((i) => metricsOf.get(i)!.includes(m))),
      location: where(m),
    };
  });

  const today = engine.config.today;
  const initiativeReports = initiatives.map((i): InitiativeReport => {
    const due = fieldText(i, 'due');
    return {
      id: i.id,
      ...optional('title', i.title),
      status: enumValue(i, 'status') ?? 'planned',
      active: isActiveInitiative(i),
      ...optional('owner', firstOwner(ownerKeys.get(i)!)),
      ...optional('start', fieldText(i, 'start')),
      ...optional('due', due),
      overdue: isActiveInitiative(i) && due !== undefined && isValidDate(due) && due < today,
      objectives: ids(objectivesOf.get(i)!),
      metrics: ids(metricsOf.get(i)!),
      missing: initiativeGaps(i),
      location: where(i),
    };
  });

  const owners = ownerReports(declaredOwners, objectives, initiatives, ownerKeys, configuredCapacity(engine), where);
  const activeObjectives = objectives.filter(isActiveObjective);
  const linkedFully = initiativeReports.filter((i) => !i.missing.length).length;
  const without = (gap: InitiativeGap) => initiativeReports.filter((i) => !i.missing.includes(gap)).length;

  return {
    reportVersion: 1,
    today,
    counts: { files: [...index.allFiles()].filter((f) => f.participates).length, objectives: objectives.length, metrics: metrics.length, initiatives: initiatives.length, owners: owners.length },
    coverage: {
      initiativesWithOwner: ratio(without('owner'), initiatives.length),
      initiativesWithObjective: ratio(without('objective'), initiatives.length),
      initiativesWithMetric: ratio(without('metric'), initiatives.length),
      initiativesFullyLinked: ratio(linkedFully, initiatives.length),
      activeObjectivesWithInitiatives: ratio(activeObjectives.filter((o) => executed.has(o)).length, activeObjectives.length),
      activeObjectivesWithMetrics: ratio(activeObjectives.filter((o) => measured.has(o)).length, activeObjectives.length),
      ownersWithinCapacity: ratio(owners.filter((o) => !o.overloaded).length, owners.length),
    },
    orphans: {
      initiatives: initiativeReports.filter((i) => i.missing.length).map((i) => ({ id: i.id, ...optional('title', i.title), missing: i.missing, location: i.location })),
      objectives: objectives
        .filter((o) => objectiveGaps(o).length)
        .map((o) => ({ id: o.id, ...optional('title', o.title), missing: objectiveGaps(o), location: where(o) })),
    },
    objectives: objectiveTree(objectives, parentsOf, objectiveNode),
    metrics: metricReports,
    initiatives: initiativeReports,
    owners,
    health,
  };
}

/**
 * Nests objectives under their first parent. Objectives on a parent cycle have no root above them:
 * the first of them (in document order) becomes a root, so every objective appears exactly once.
 */
function objectiveTree(
  objectives: readonly Entity[],
  parentsOf: (o: Entity) => readonly Entity[],
  node: (o: Entity, children: ObjectiveReport[]) => ObjectiveReport,
): ObjectiveReport[] {
  const children = new Map<Entity, Entity[]>();
  for (const o of objectives) {
    const parent = parentsOf(o)[0];
    if (parent) children.set(parent, [...(children.get(parent) ?? []), o]);
  }
  const placed = new Set<Entity>();
  const build = (o: Entity): ObjectiveReport => {
    placed.add(o);
    const kids = (children.get(o) ?? []).filter((c) => !placed.has(c));
    kids.forEach((c) => placed.add(c));
    return node(o, kids.map(build));
  };
  const roots = objectives.filter((o) => !parentsOf(o).length).map(build);
  for (const o of objectives) if (!placed.has(o)) roots.push(build(o));
  return roots;
}

function ownerReports(
  declared: readonly Entity[],
  objectives: readonly Entity[],
  initiatives: readonly Entity[],
  ownerKeys: ReadonlyMap<Entity, OwnerKey[]>,
  optionCapacity: number | undefined,
  where: (e: Entity) => SourceLocation,
): OwnerReport[] {
  const reports = new Map<Entity | string, OwnerReport>();
  for (const owner of declared) {
    reports.set(owner, {
      id: `@${owner.id}`,
      ...optional('name', fieldText(owner, 'name')),
      ...optional('team', fieldText(owner, 'team')),
      declared: true,
      capacity: positiveInteger(fieldText(owner, 'capacity')) ?? optionCapacity ?? DEFAULT_CAPACITY,
      initiatives: [],
      activeInitiatives: 0,
      overloaded: false,
      objectives: [],
      location: where(owner),
    });
  }
  const undeclared: OwnerReport[] = [];
  const reportFor = (key: OwnerKey): OwnerReport => {
    const mapKey = 'declared' in key ? key.declared : key.handle;
    let report = reports.get(mapKey);
    if (!report) {
      report = { id: ownerHandle(key), declared: false, capacity: optionCapacity ?? DEFAULT_CAPACITY, initiatives: [], activeInitiatives: 0, overloaded: false, objectives: [] };
      reports.set(mapKey, report);
      undeclared.push(report);
    }
    return report;
  };
  for (const objective of objectives) for (const key of ownerKeys.get(objective) ?? []) addOnce(reportFor(key).objectives, objective.id);
  for (const initiative of initiatives) {
    for (const key of ownerKeys.get(initiative) ?? []) {
      const report = reportFor(key);
      if (report.initiatives.includes(initiative.id)) continue;
      report.initiatives.push(initiative.id);
      if (isActiveInitiative(initiative)) report.activeInitiatives++;
    }
  }
  const ordered = [...declared.map((d) => reports.get(d)!), ...undeclared.sort((a, b) => a.id.localeCompare(b.id))];
  for (const report of ordered) report.overloaded = report.activeInitiatives > report.capacity;
  return ordered;
}

/** The `owner-load` rule's `capacity` option, when the configuration sets one. */
function configuredCapacity(engine: LintEngine): number | undefined {
  return positiveInteger(engine.config.rules['owner-load']?.options?.capacity);
}

function firstOwner(keys: readonly OwnerKey[]): string | undefined {
  return keys[0] && ownerHandle(keys[0]);
}

function numberField(entity: Entity, field: string): number | undefined {
  const text = fieldText(entity, field);
  return text !== undefined && isNumeric(text) ? Number(text) : undefined;
}

function progress(baseline?: number, current?: number, target?: number): number | undefined {
  if (baseline === undefined || current === undefined || target === undefined || target === baseline) return undefined;
  return Math.round(((current - baseline) / (target - baseline)) * 100);
}

function positiveInteger(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function addOnce(list: string[], id: string): void {
  if (!list.includes(id)) list.push(id);
}

/** `{ key: value }` when the value is defined, so absent facts are absent from the JSON too. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
