import type { Entity, Reference } from '../model/entity.js';
import { daysBetween, enumValue, fieldScalar, fieldText, isActiveObjective, isNumeric, isValidDate, parsePeriod, type Period } from '../model/semantics.js';
import { DEFAULT_BEHIND, keyResultNumbers, paceOf, type Pace, type Window } from '../model/progress.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import type { ParsedFile } from '../model/file.js';
import type { LintSettings } from './rule.js';
import { focusPeriod } from './focus-limit.js';
import { childObjectives, linkedFrom, versionMemo } from './workspaceFacts.js';

/**
 * Workspace facts of execution health (SPEC §6, v2), shared by its rules, the report and the hover
 * so they judge alike: a key result's window and pace, an objective's effort, the top-level period
 * an entity counts in, and what of an entity those facts read (the engine re-checks a period when it changes).
 */

/** The objectives an entity links to through `objective` (written or implied by nesting), each once. */
export function objectivesOf(index: WorkspaceIndex, entity: Entity): Entity[] {
  const found: Entity[] = [];
  for (const ref of entity.refs) {
    if (ref.field !== 'objective') continue;
    for (const target of index.resolve(ref)) if (target.kind === 'objective' && !found.includes(target)) found.push(target);
  }
  return found;
}

/** An objective's `period`, parsed (fiscal periods honour `fiscal-year-start`). */
export function periodOf(objective: Entity, fiscalYearStart: number): Period | undefined {
  const value = fieldScalar(objective, 'period');
  return value ? parsePeriod(value.value, fiscalYearStart) : undefined;
}

/**
 * The window a key result is judged over: the period of its objective — or, when that objective has
 * none, of the nearest objective above it through `parent` — ended early by its own `due`. (When a
 * period changes, the engine re-checks what links to the objective's descendants: see
 * dependencies.descendantKeys.)
 */
export function windowOf(index: WorkspaceIndex, metric: Entity, fiscalYearStart: number): Window | undefined {
  const objective = periodHolder(index, objectivesOf(index, metric)[0]);
  const periodValue = objective ? fieldScalar(objective, 'period') : undefined;
  const period = objective ? periodOf(objective, fiscalYearStart) : undefined;
  const due = fieldText(metric, 'due');
  if (due && isValidDate(due)) return { ...(period ? { start: period.firstDay } : {}), end: due, endSource: `due ${due}` };
  if (period) return { start: period.firstDay, end: period.lastDay, endSource: `period ${String(periodValue!.value).trim()} (ends ${period.lastDay})` };
  return undefined;
}

/** The objective itself when it has a valid period, else the nearest one above it through `parent` that does. */
function periodHolder(index: WorkspaceIndex, objective: Entity | undefined): Entity | undefined {
  const seen = new Set<Entity>();
  let at = objective;
  while (at && !seen.has(at)) {
    seen.add(at);
    // Whether a period is valid does not depend on the fiscal year's start.
    if (fieldScalar(at, 'period') && periodOf(at, 1) !== undefined) return at;
    const parent: Reference | undefined = at.refs.find((r) => r.field === 'parent');
    at = parent ? index.resolve(parent).find((e) => e.kind === 'objective') : undefined;
  }
  return undefined;
}

/** metric-pace's `behind` option, or its default, as a share (0.2 = 20 points). */
export function behindOption(options: Readonly<Record<string, unknown>> | undefined): number {
  const behind = options?.behind;
  return typeof behind === 'number' && behind >= 0 && behind <= 1 ? behind : DEFAULT_BEHIND;
}

/** A key result's pace at `today` (see model/progress.ts), or undefined when it cannot be judged. */
export function paceOfMetric(index: WorkspaceIndex, metric: Entity, settings: LintSettings, behind = DEFAULT_BEHIND): Pace | undefined {
  const window = windowOf(index, metric, settings.fiscalYearStart);
  return window ? paceOf(keyResultNumbers(metric), window, settings.today, behind) : undefined;
}

/** Key results that measure an objective directly. */
export function keyResultsOf(index: WorkspaceIndex, objective: Entity): Entity[] {
  return linkedFrom(index, objective, 'metric', 'objective');
}

/** An initiative's `effort`, or 0 when absent or not a positive number. */
export function effortOfInitiative(initiative: Entity): number {
  const text = fieldText(initiative, 'effort');
  const n = text !== undefined && isNumeric(text) ? Number(text) : 0;
  return n > 0 ? n : 0;
}

/** What an objective receives: its initiatives and those of its child objectives, transitively. */
export interface Received {
  effort: number;
  /** Initiatives counted (not dropped). */
  initiatives: Entity[];
}

/**
 * The effort of an objective's initiatives that are not dropped, directly or through child objectives
 * that are not dropped; memoised until the index next changes. Cycles count each objective once.
 */
export function receivedBy(index: WorkspaceIndex, objective: Entity): Received {
  const memo = versionMemo<Entity, Received>(index, 'health:received');
  const known = memo.get(objective);
  if (known) return known;
  const initiatives = new Set<Entity>();
  const seen = new Set<Entity>([objective]);
  const stack = [objective];
  while (stack.length) {
    const node = stack.pop()!;
    for (const initiative of linkedFrom(index, node, 'initiative', 'objective')) if (enumValue(initiative, 'status') !== 'dropped') initiatives.add(initiative);
    for (const child of childObjectives(index, node)) {
      if (seen.has(child) || enumValue(child, 'status') === 'dropped') continue;
      seen.add(child);
      stack.push(child);
    }
  }
  const list = [...initiatives];
  const received = { effort: list.reduce((sum, i) => sum + effortOfInitiative(i), 0), initiatives: list };
  memo.set(objective, received);
  return received;
}

/** The metrics of an objective and of its child objectives that are not dropped, transitively. */
export function metricsThroughChildren(index: WorkspaceIndex, objective: Entity): Entity[] {
  const metrics = new Set<Entity>();
  const seen = new Set<Entity>([objective]);
  const stack = [objective];
  while (stack.length) {
    const node = stack.pop()!;
    for (const metric of keyResultsOf(index, node)) metrics.add(metric);
    for (const child of childObjectives(index, node)) {
      if (seen.has(child) || enumValue(child, 'status') === 'dropped') continue;
      seen.add(child);
      stack.push(child);
    }
  }
  return [...metrics];
}

/**
 * The top-level period an entity counts in: an objective's own (focus-limit's: active, top-level),
 * or that of the top-level objective it rolls up to through `parent`; a metric or an initiative,
 * that of its objective. Undefined when there is none.
 */
export function topLevelPeriodOf(index: WorkspaceIndex, entity: Entity, fiscalYearStart: number): string | undefined {
  let objective: Entity | undefined = entity.kind === 'objective' ? entity : objectivesOf(index, entity)[0];
  const seen = new Set<Entity>();
  while (objective && !seen.has(objective)) {
    seen.add(objective);
    const parent: Reference | undefined = objective.refs.find((r) => r.field === 'parent');
    if (!parent) return focusPeriod(objective, fiscalYearStart);
    objective = index.resolve(parent).find((e) => e.kind === 'objective');
  }
  return undefined;
}

/** stale-update's default cadences, in days. */
export const CHECK_IN_DAYS = { objective: 30, metric: 14 } as const;

/** The cadence (days) for an objective or a key result, from stale-update's options or its defaults. */
export function cadenceOf(kind: 'objective' | 'metric', options: Readonly<Record<string, unknown>> | undefined): number {
  const value = options?.[kind === 'objective' ? 'objectives' : 'key-results'];
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : CHECK_IN_DAYS[kind];
}

/** Whether check-ins are expected: an active objective; a key result whose objectives are all active (or that has none). */
export function isSteered(index: WorkspaceIndex, entity: Entity): boolean {
  if (entity.kind === 'objective') return isActiveObjective(entity);
  return entity.kind === 'metric' && objectivesOf(index, entity).every(isActiveObjective);
}

/** A written `updated` more than `cadence` days before `today`: its date and age. */
export interface StaleCheckIn {
  date: string;
  age: number;
  cadence: number;
}

export function staleCheckIn(entity: Entity, today: string, cadence: number): StaleCheckIn | undefined {
  const updated = fieldScalar(entity, 'updated');
  const date = typeof updated?.value === 'string' ? updated.value.trim() : '';
  if (!isValidDate(date) || !isValidDate(today)) return undefined;
  const age = daysBetween(date, today);
  return age > cadence ? { date, age, cadence } : undefined;
}

/**
 * Entities of a file whose fields that allocation and perspective-coverage read about others of
 * their period (priority, effort, perspective, metric type, status, links) differ from the other
 * side of an edit. Compared by kind, id and position, so a title edit changes nothing here.
 */
export function healthChanges(before: ParsedFile | undefined, after: ParsedFile | undefined): { before: Entity[]; after: Entity[] } {
  const signatures = (file: ParsedFile | undefined) => {
    const map = new Map<string, { entity: Entity; signature: string }>();
    file?.entities.forEach((entity, i) => {
      const signature = healthSignature(entity);
      if (signature !== undefined) map.set(`${entity.kind} ${entity.id} ${i}`, { entity, signature });
    });
    return map;
  };
  const old = signatures(before);
  const now = signatures(after);
  const changed = { before: [] as Entity[], after: [] as Entity[] };
  for (const [key, value] of old) if (now.get(key)?.signature !== value.signature) changed.before.push(value.entity);
  for (const [key, value] of now) if (old.get(key)?.signature !== value.signature) changed.after.push(value.entity);
  return changed;
}

/**
 * A count of the file changes that altered some entity's health signature, kept current file by
 * file: facts computed from those fields alone (an objective's effort) stay valid while it holds.
 */
export function healthEpoch(index: WorkspaceIndex): number {
  const epoch = index.maintain(
    'health:epoch',
    () => ({ count: ++epochs, removed: new Map<string, ParsedFile>() }),
    (value, { before, after }) => {
      // The index journals a replaced file as its removal, then its addition: compare the two.
      if (before && !after) {
        value.removed.set(before.path, before);
        return;
      }
      const old = after ? value.removed.get(after.path) : undefined;
      if (after) value.removed.delete(after.path);
      const changed = healthChanges(old, after);
      if (changed.before.length || changed.after.length) value.count = ++epochs;
    },
  );
  // A removal not followed by its file's addition is a deleted file.
  if (epoch.removed.size) {
    for (const removed of epoch.removed.values()) if (healthChanges(removed, undefined).before.length) epoch.count = ++epochs;
    epoch.removed.clear();
  }
  return epoch.count;
}

const sinceHealthEpoch = new WeakMap<WorkspaceIndex, Map<string, { epoch: number; value: unknown }>>();

/**
 * A value computed only from the fields healthSignature lists (a period's allocation summary or
 * perspective coverage), kept per index and `key` until healthEpoch moves: typing in a title or
 * an owner does not walk the period again. It must hold places (see findDeclared), not entities,
 * whose spans go stale with edits that keep the epoch.
 */
export function untilHealthChanges<T>(index: WorkspaceIndex, key: string, compute: () => T): T {
  let byKey = sinceHealthEpoch.get(index);
  if (!byKey) sinceHealthEpoch.set(index, (byKey = new Map()));
  const epoch = healthEpoch(index);
  const known = byKey.get(key);
  if (known?.epoch === epoch) return known.value as T;
  const value = compute();
  byKey.set(key, { epoch, value });
  return value;
}

/** The entity of `kind` declaring `id` in `file` as the index holds it now (the first, if several). */
export function findDeclared(index: WorkspaceIndex, kind: Entity['kind'], id: string, file: string): Entity | undefined {
  return index.declarations(id).find((e) => e.kind === kind && e.file === file);
}

/**
 * The links an entity has by where it is written (a key result under an objective's heading): moving
 * it under another heading changes what it counts towards without changing any field.
 */
function nesting(entity: Entity): string {
  let out = '';
  for (const ref of entity.refs) if (ref.form === 'implicit') out += `${ref.field}=${ref.implicitTarget?.id ?? ref.id}/${ref.implicitTarget?.kind ?? ''};`;
  return out;
}

/** Epochs are numbered across rebuilds, so a rebuilt epoch never equals one handed out before. */
let epochs = 0;

/** The fields of an entity that allocation and perspective-coverage read about other entities of its period. */
export function healthSignature(entity: Entity): string | undefined {
  const text = (field: string) => fieldText(entity, field) ?? '';
  switch (entity.kind) {
    case 'objective':
      return [text('period'), text('priority'), text('status'), text('parent'), text('perspective'), nesting(entity)].join('|');
    case 'initiative':
      return [text('objective'), text('effort'), text('status'), nesting(entity)].join('|');
    case 'metric':
      return [text('objective'), text('type'), nesting(entity)].join('|');
    default:
      return undefined;
  }
}
