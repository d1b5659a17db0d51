import type { LintEngine } from '../engine/engine.js';
import type { Entity } from '../model/entity.js';
import { enumValue, fieldText } from '../model/semantics.js';
import { focusPeriod } from '../rules/focus-limit.js';
import { priorityRank } from '../rules/allocation.js';
import { behindOption, cadenceOf, isSteered, keyResultsOf, paceOfMetric, receivedBy, staleCheckIn } from '../rules/healthFacts.js';
import { childObjectives } from '../rules/workspaceFacts.js';
import type { EffortByPriority, HealthReport, HealthState, KeyResultPace, ObjectiveHealth, SourceLocation, StaleCheckInReport } from './model.js';
import { paceHealth } from './text.js';

/** Worst first when rolling up: a missed key result outweighs an off-track label, which outweighs at risk. */
const SEVERITY: Record<HealthState, number> = { unknown: -1, 'on-track': 0, 'at-risk': 1, 'off-track': 2, missed: 3 };
const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;

/**
 * The report's Health section, judged by the execution-health rules' own arithmetic (healthFacts,
 * model/progress) so the report and the findings agree: each active objective's health rolled up
 * through its key results and child objectives, with the reasons; stale check-ins; effort by
 * priority per period. Settings (`today`, cadences, `behind`, effort unit) are the lint's.
 */
export function buildHealth(engine: LintEngine, objectives: readonly Entity[], metrics: readonly Entity[], where: (e: Entity) => SourceLocation): { health: HealthReport; paceOf: Map<Entity, KeyResultPace>; stateOf: Map<Entity, HealthState> } {
  const { index, settings, config } = engine;
  const behind = behindOption(config.rules['metric-pace']?.options);
  const paceOf = new Map<Entity, KeyResultPace>();
  for (const metric of metrics) {
    const pace = paceOfMetric(index, metric, settings, behind);
    if (!pace) continue;
    paceOf.set(metric, {
      state: pace.state,
      ...(pace.progress !== undefined ? { progress: Math.round(pace.progress * 100) } : {}),
      ...(pace.elapsed !== undefined ? { elapsed: Math.round(pace.elapsed * 100) } : {}),
      windowEnd: pace.window.end,
    });
  }

  const judged = new Map<Entity, { state: HealthState; reasons: string[] }>();
  const judge = (objective: Entity, visiting: Set<Entity>): { state: HealthState; reasons: string[] } => {
    const known = judged.get(objective);
    if (known) return known;
    visiting.add(objective);
    let state: HealthState = 'unknown';
    const reasons: string[] = [];
    const consider = (candidate: HealthState, reason: string) => {
      if (SEVERITY[candidate] > SEVERITY[state]) state = candidate;
      if (candidate !== 'on-track') reasons.push(reason);
    };
    const declared = fieldText(objective, 'health') ? enumValue(objective, 'health') : undefined;
    if (declared) consider(declared as HealthState, `health: ${declared} (its last check-in${fieldText(objective, 'updated') ? `, ${fieldText(objective, 'updated')}` : ''})`);
    for (const kr of keyResultsOf(index, objective)) {
      const pace = paceOf.get(kr);
      if (pace) consider(paceHealth(pace), paceReason(kr, pace));
      const stated = fieldText(kr, 'health') ? enumValue(kr, 'health') : undefined;
      if (stated && stated !== 'on-track') consider(stated as HealthState, `key result ${kr.id} says health: ${stated}`);
    }
    for (const child of childObjectives(index, objective)) {
      if (visiting.has(child) || enumValue(child, 'status') === 'dropped') continue;
      const sub = judge(child, visiting);
      if (sub.state !== 'unknown') consider(sub.state, `child objective ${child.id} is ${words(sub.state)}`);
    }
    visiting.delete(objective);
    const result = { state, reasons };
    judged.set(objective, result);
    return result;
  };

  const healthObjectives: ObjectiveHealth[] = [];
  const stateOf = new Map<Entity, HealthState>();
  for (const objective of objectives) {
    if (!isSteered(index, objective)) continue;
    const { state, reasons } = judge(objective, new Set());
    stateOf.set(objective, state);
    healthObjectives.push({
      id: objective.id,
      ...(objective.title ? { title: objective.title } : {}),
      ...(fieldText(objective, 'period') ? { period: fieldText(objective, 'period') } : {}),
      ...(priorityRank(objective) !== undefined ? { priority: PRIORITIES[priorityRank(objective)!] } : {}),
      state,
      reasons,
      location: where(objective),
    });
  }

  const stale: StaleCheckInReport[] = [];
  const staleOptions = config.rules['stale-update']?.options;
  for (const entity of [...objectives, ...metrics]) {
    if (!isSteered(index, entity)) continue;
    const found = staleCheckIn(entity, settings.today, cadenceOf(entity.kind as 'objective' | 'metric', staleOptions));
    if (found) stale.push({ id: entity.id, kind: entity.kind === 'objective' ? 'objective' : 'key result', updated: found.date, days: found.age, cadence: found.cadence, location: where(entity) });
  }

  return { health: { effortUnit: settings.effortUnit, objectives: healthObjectives, staleCheckIns: stale, effort: effortByPriority(engine, objectives) }, paceOf, stateOf };
}

/** Per period (of top-level active objectives, as focus-limit groups them), the effort each priority receives. */
function effortByPriority(engine: LintEngine, objectives: readonly Entity[]): EffortByPriority[] {
  const byPeriod = new Map<string, Map<string, { effort: number; objectives: string[] }>>();
  for (const objective of objectives) {
    const period = focusPeriod(objective, engine.settings.fiscalYearStart);
    if (period === undefined) continue;
    const rank = priorityRank(objective);
    const priority = rank === undefined ? 'none' : PRIORITIES[rank];
    let groups = byPeriod.get(period);
    if (!groups) byPeriod.set(period, (groups = new Map()));
    const group = groups.get(priority) ?? { effort: 0, objectives: [] };
    group.effort += receivedBy(engine.index, objective).effort;
    group.objectives.push(objective.id);
    groups.set(priority, group);
  }
  const order = [...PRIORITIES, 'none'];
  return [...byPeriod]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([period, groups]) => ({
      period,
      priorities: [...groups]
        .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
        .map(([priority, g]) => ({ priority, effort: Math.round(g.effort * 10) / 10, objectives: g.objectives })),
    }));
}

function paceReason(kr: Entity, pace: KeyResultPace): string {
  const how = pace.progress !== undefined ? `${pace.progress}% of the way${pace.elapsed !== undefined && pace.state === 'at-risk' ? ` with ${pace.elapsed}% of its window gone` : ''}` : '';
  if (pace.state === 'missed') return `key result ${kr.id} missed its target${how ? ` (${how}, window ended ${pace.windowEnd})` : ` (window ended ${pace.windowEnd})`}`;
  return `key result ${kr.id} is ${words(paceHealth(pace))}${how ? ` (${how})` : ''}`;
}

/** `at-risk` → `at risk`. */
export function words(state: HealthState | KeyResultPace['state']): string {
  return state.replace(/-/g, ' ');
}

