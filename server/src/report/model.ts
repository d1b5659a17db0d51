/**
 * The alignment report (SPEC §8 `strategy-lint report`) as data: what `--format json` prints and
 * what the Markdown, Mermaid and HTML renderers draw. Ids link the parts; owners are written `@handle`.
 */

/** Where an entity is declared: path relative to the working directory, 1-based line. */
export interface SourceLocation {
  file: string;
  line: number;
}

export type ObjectiveGap = 'initiatives' | 'metrics';
export type InitiativeGap = 'owner' | 'objective' | 'metric';

export interface ObjectiveReport {
  id: string;
  title?: string;
  status: string;
  active: boolean;
  owner?: string;
  period?: string;
  perspective?: string;
  location: SourceLocation;
  /** Metrics whose `objective` is this one (written or by nesting). */
  metrics: string[];
  /** Initiatives whose `objective` is this one, of any status. */
  initiatives: string[];
  /** Child objectives (their `parent` is this one). */
  children: ObjectiveReport[];
  /** For an active objective: what it lacks, itself and through its children (as `objective-initiatives`/`objective-metric`). */
  missing: ObjectiveGap[];
  priority?: string;
  /** For an active objective: its health rolled up (see HealthReport). */
  health?: HealthState;
}

/**
 * Execution health: `unknown` when nothing can be judged (no key result with numbers and a window,
 * no stated `health`); else the worst of the objective's stated `health`, its key results' pace
 * (metric-pace's arithmetic) and stated health, and its child objectives' health.
 */
export type HealthState = 'on-track' | 'at-risk' | 'off-track' | 'missed' | 'unknown';

/** A key result's pace at `today` (metric-pace's arithmetic); percentages rounded. */
export interface KeyResultPace {
  state: 'achieved' | 'on-track' | 'at-risk' | 'missed';
  progress?: number;
  /** Share of its window elapsed, in percent (absent when the window has no start). */
  elapsed?: number;
  windowEnd: string;
}

export interface ObjectiveHealth {
  id: string;
  title?: string;
  period?: string;
  priority?: string;
  state: HealthState;
  /** Why it is not on track, one line each (empty when on track or unknown). */
  reasons: string[];
  location: SourceLocation;
}

export interface StaleCheckInReport {
  id: string;
  kind: 'objective' | 'key result';
  updated: string;
  /** Days since `updated`. */
  days: number;
  /** The cadence it exceeds (stale-update's). */
  cadence: number;
  location: SourceLocation;
}

export interface EffortByPriority {
  /** Normalised period (focus-limit's grouping of active top-level objectives). */
  period: string;
  /** P0 … P3, then `none` for objectives without a priority; effort in HealthReport.effortUnit. */
  priorities: { priority: string; effort: number; objectives: string[] }[];
}

export interface HealthReport {
  effortUnit: string;
  /** Every active objective, in document order. */
  objectives: ObjectiveHealth[];
  staleCheckIns: StaleCheckInReport[];
  effort: EffortByPriority[];
}

export interface MetricReport {
  id: string;
  title?: string;
  type?: string;
  unit?: string;
  baseline?: number;
  current?: number;
  target?: number;
  /** Share of the way from baseline to target that `current` has covered, in percent. */
  progress?: number;
  valueType?: string;
  /** Its pace at `today`, when its numbers and window allow judging it. */
  pace?: KeyResultPace;
  due?: string;
  owner?: string;
  objectives: string[];
  /** Initiatives that name this metric. */
  initiatives: string[];
  location: SourceLocation;
}

export interface InitiativeReport {
  id: string;
  title?: string;
  status: string;
  active: boolean;
  owner?: string;
  start?: string;
  due?: string;
  /** Active and past its `due` date. */
  overdue: boolean;
  objectives: string[];
  metrics: string[];
  /** The links it lacks: an initiative missing any of them is an orphan (SPEC §1). */
  missing: InitiativeGap[];
  location: SourceLocation;
}

export interface OwnerReport {
  id: string;
  name?: string;
  team?: string;
  /** False for a handle that initiatives name but no file declares. */
  declared: boolean;
  capacity: number;
  /** Initiatives of any status this owner carries. */
  initiatives: string[];
  /** Planned, in-progress or blocked initiatives: what counts against capacity. */
  activeInitiatives: number;
  overloaded: boolean;
  /** Objectives this owner owns. */
  objectives: string[];
  location?: SourceLocation;
}

export interface Ratio {
  count: number;
  total: number;
  /** Rounded percentage; null when there is nothing to count. */
  percent: number | null;
}

export interface Coverage {
  initiativesWithOwner: Ratio;
  initiativesWithObjective: Ratio;
  initiativesWithMetric: Ratio;
  initiativesFullyLinked: Ratio;
  activeObjectivesWithInitiatives: Ratio;
  activeObjectivesWithMetrics: Ratio;
  ownersWithinCapacity: Ratio;
}

export interface Orphan<Gap extends string> {
  id: string;
  title?: string;
  missing: Gap[];
  location: SourceLocation;
}

export interface ReportModel {
  reportVersion: 1;
  /** The date time-based figures (overdue) are computed against. */
  today: string;
  counts: { files: number; objectives: number; metrics: number; initiatives: number; owners: number };
  coverage: Coverage;
  orphans: { initiatives: Orphan<InitiativeGap>[]; objectives: Orphan<ObjectiveGap>[] };
  /** Root objectives, each with its children. */
  objectives: ObjectiveReport[];
  metrics: MetricReport[];
  initiatives: InitiativeReport[];
  owners: OwnerReport[];
  health: HealthReport;
}

export function ratio(count: number, total: number): Ratio {
  return { count, total, percent: total ? Math.round((count / total) * 100) : null };
}
