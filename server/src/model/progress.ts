import type { Entity } from './entity.js';
import { daysBetween, enumValue, fieldText, isNumeric, isValidDate } from './semantics.js';

/**
 * The arithmetic of a key result's progress against time (SPEC §6, execution health), in one
 * place: metric-pace judges it, stale-update compares a stated `health` with it, the report and
 * the hover show it. docs/rules/metric-pace.md states it with a worked example.
 */

export type Direction = 'increase' | 'decrease';

/** What a key result's numbers say, read once. */
export interface KeyResultNumbers {
  baseline?: number;
  target?: number;
  current?: number;
  /** `direction:` as written (when valid). */
  stated?: Direction;
  /** The direction that counts: stated, else read from baseline → target (undefined when they are equal and none is stated). */
  direction?: Direction;
  /** `value-type: binary`: done or not, no numbers needed (exempt from the numeric rules). */
  binary: boolean;
  /** For a binary key result: whether `current` says it is done (1, true, yes, done). */
  done: boolean;
}

export function isBinary(metric: Entity): boolean {
  return enumValue(metric, 'value-type') === 'binary';
}

export function keyResultNumbers(metric: Entity): KeyResultNumbers {
  const number = (field: string) => {
    const text = fieldText(metric, field);
    return text !== undefined && isNumeric(text) ? Number(text) : undefined;
  };
  const baseline = number('baseline');
  const target = number('target');
  const current = number('current');
  const stated = enumValue(metric, 'direction') as Direction | undefined;
  const implied: Direction | undefined = baseline === undefined || target === undefined || baseline === target ? undefined : target > baseline ? 'increase' : 'decrease';
  const binary = isBinary(metric);
  const doneText = fieldText(metric, 'current')?.toLowerCase();
  const done = binary && (doneText === 'true' || doneText === 'yes' || doneText === 'done' || (current !== undefined && current >= 1));
  return { baseline, target, current, stated, direction: stated ?? implied, binary, done };
}

/** A stated direction the target contradicts: `direction: increase` with a target below the baseline. */
export function wrongSide(numbers: KeyResultNumbers): boolean {
  const { baseline, target, stated } = numbers;
  if (baseline === undefined || target === undefined || !stated) return false;
  return stated === 'increase' ? target < baseline : target > baseline;
}

/**
 * Share of the way from baseline to target that `current` has come: 0 at the baseline, 1 at the
 * target, below 0 when it moved the wrong way, above 1 past the target. A target equal to the
 * baseline is met (1) when current is on the target or beyond it in the stated direction, else 0.
 */
export function progressShare(numbers: KeyResultNumbers): number | undefined {
  const { baseline, target, current, direction } = numbers;
  if (baseline === undefined || target === undefined || current === undefined) return undefined;
  if (target === baseline) {
    const met = direction === 'increase' ? current >= target : direction === 'decrease' ? current <= target : current === target;
    return met ? 1 : 0;
  }
  return (current - baseline) / (target - baseline);
}

/** The days a key result is judged over: its period's first day to `due` (or the period's last day). */
export interface Window {
  /** First day, when known (a period gives it; a `due` alone does not). */
  start?: string;
  /** Last day: the day is still inside the window. */
  end: string;
  /** Where the end comes from, for messages: `due 2027-03-15` or `period 2027-Q1`. */
  endSource: string;
}

/**
 * Share of the window elapsed before `today`: (today − start) / (end − start + 1) days, 0 on the
 * first day, just under 1 on the last, 1 after it. Undefined without a start or when end < start.
 */
export function elapsedShare(window: Window, today: string): number | undefined {
  if (!window.start || !isValidDate(today)) return undefined;
  const length = daysBetween(window.start, window.end) + 1;
  if (length <= 0) return undefined;
  return Math.min(1, Math.max(0, daysBetween(window.start, today) / length));
}

export type PaceState = 'achieved' | 'on-track' | 'at-risk' | 'missed';

export interface Pace {
  state: PaceState;
  /** progressShare, when numbers allow. */
  progress?: number;
  /** elapsedShare, when the window has a start. */
  elapsed?: number;
  window: Window;
}

/** Default of metric-pace's `behind` option: at risk when progress trails elapsed time by more than 20 points. */
export const DEFAULT_BEHIND = 0.2;

/**
 * The pace verdict: achieved (target reached, or a binary key result done); missed (past the
 * window's last day short of target); at risk (elapsed − progress > behind); else on track.
 * Undefined when the numbers cannot say (no baseline, target or current; a stated direction the
 * target contradicts). A binary key result is achieved or, past its end, missed; nothing between.
 */
export function paceOf(numbers: KeyResultNumbers, window: Window, today: string, behind = DEFAULT_BEHIND): Pace | undefined {
  const past = isValidDate(today) && today > window.end;
  if (numbers.binary) {
    if (numbers.done) return { state: 'achieved', window };
    return past ? { state: 'missed', window } : undefined;
  }
  if (wrongSide(numbers)) return undefined;
  const progress = progressShare(numbers);
  if (progress === undefined) return undefined;
  const elapsed = elapsedShare(window, today);
  const base = { progress, window, ...(elapsed !== undefined ? { elapsed } : {}) };
  if (progress >= 1) return { state: 'achieved', ...base };
  if (past) return { state: 'missed', ...base };
  if (elapsed !== undefined && elapsed - progress > behind) return { state: 'at-risk', ...base };
  return { state: 'on-track', ...base };
}

/** `42%` for a share. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
