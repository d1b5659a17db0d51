import type { Entity, Field, ScalarValue } from './entity.js';
import { ACTIVE_INITIATIVE_STATUSES, FIELD_SPECS, fieldFor, isPlaceholderText } from './kinds.js';
import { scalarItems } from '../parse/entityRefs.js';

/** The first scalar written for a field (aliases included), or undefined. */
export function fieldScalar(entity: Entity, field: string): ScalarValue | undefined {
  // An entity restored from the lint cache answers for the fields it holds at hand without decoding the others (cache/restoredEntity.ts).
  const fields = (entity as { fieldsAtHand?: (field: string) => readonly Field[] | undefined }).fieldsAtHand?.(field) ?? entity.fields;
  for (const f of fields) {
    if (fieldFor(entity.kind, f.key) !== field) continue;
    // scalarItems(f.value)[0], without an array for the commonest case: workspace-wide facts ask this of every entity.
    const value = f.value;
    return value.type === 'scalar' ? value : scalarItems(value)[0];
  }
  return undefined;
}

/** A field's value as text, or undefined when absent, empty or a placeholder (§3). */
export function fieldText(entity: Entity, field: string): string | undefined {
  const scalar = fieldScalar(entity, field);
  if (!scalar || scalar.value === null) return undefined;
  const text = String(scalar.value).trim();
  return isPlaceholderText(text) ? undefined : text;
}

/** An enum field's value, falling back to the kind's default when absent or not allowed (§10.3). */
export function enumValue(entity: Entity, field: string): string | undefined {
  const spec = FIELD_SPECS[entity.kind][field];
  const text = fieldText(entity, field)?.toLowerCase();
  // Values compare without case (`p0` is priority `P0`); the canonical spelling is returned.
  const value = text ? spec?.values?.find((v) => v.toLowerCase() === text) : undefined;
  return value ?? spec?.default;
}

export function isActiveInitiative(entity: Entity): boolean {
  if (entity.template) return entity.kind === 'initiative' && templatedActive(entity);
  return entity.kind === 'initiative' && ACTIVE_INITIATIVE_STATUSES.has(enumValue(entity, 'status') ?? 'planned');
}

export function isActiveObjective(entity: Entity): boolean {
  if (entity.template) return entity.kind === 'objective' && templatedActive(entity);
  return entity.kind === 'objective' && enumValue(entity, 'status') === 'active';
}

/** A templated entity is active only when its template names its status among the `active` ones (docs/templates.md). */
function templatedActive(entity: Entity): boolean {
  const status = entity.fields.find((f) => f.key === 'status');
  const value = status ? scalarItems(status.value)[0]?.value : undefined;
  return value !== undefined && value !== null && entity.template!.active.has(String(value).trim().toLowerCase());
}

export function isNumeric(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value.trim());
}

/** `YYYY-MM-DD` that names a real calendar day. */
export function isValidDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * As `new Date(Date.UTC(year, month, 0)).getUTCDate()` gives it, without making a Date: rules ask
 * for every date of every file they check (an owners file or portfolio on each keystroke). Like
 * Date.UTC, years 0–99 are read as 1900–1999.
 */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1]!;
  const y = year >= 0 && year <= 99 ? 1900 + year : year;
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
}

export interface Period {
  /** Normalised name used for grouping (§10.4): `2027`, `2027-H1`, `2027-Q3`, `FY2027`, `FY2027-Q3`. */
  key: string;
  /** First day, `YYYY-MM-DD`, honouring the fiscal year start for FY periods. */
  firstDay: string;
  /** Last day, `YYYY-MM-DD`, honouring the fiscal year start for FY periods. */
  lastDay: string;
}

/** Parses a period of §3: `YYYY`, `YYYY-H1`, `YYYY-Q3`, `FY2027`, `FY27`, `FY2027-H1`, `FY27-Q3`. */
export function parsePeriod(value: unknown, fiscalYearStart: number): Period | undefined {
  const text = String(value ?? '').trim().toUpperCase();
  const m = /^(FY)?(\d{4}|\d{2})(?:-(H[12]|Q[1-4]))?$/.exec(text);
  if (!m) return undefined;
  const fiscal = m[1] === 'FY';
  if (!fiscal && m[2]!.length !== 4) return undefined;
  const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  const part = m[3];
  const key = `${fiscal ? 'FY' : ''}${year}${part ? `-${part}` : ''}`;
  // Months counted from the start of the (fiscal) year, 1-based: the period ends after `endMonth` months.
  const endMonth = !part ? 12 : part[0] === 'H' ? Number(part[1]) * 6 : Number(part[1]) * 3;
  const months = !part ? 12 : part[0] === 'H' ? 6 : 3;
  const startMonth = fiscal ? fiscalYearStart : 1;
  // FY N is named after the calendar year in which it ends: it starts in year N-1 unless it starts in January.
  const startYear = fiscal && startMonth > 1 ? year - 1 : year;
  const firstIndex = startMonth - 1 + endMonth - months; // 0-based month the period starts in, since January of startYear
  const firstDay = `${String(startYear + Math.floor(firstIndex / 12)).padStart(4, '0')}-${pad((firstIndex % 12) + 1)}-01`;
  const monthIndex = startMonth - 1 + endMonth - 1; // 0-based months since January of startYear
  const endYear = startYear + Math.floor(monthIndex / 12);
  const endMonthOfYear = (monthIndex % 12) + 1;
  // FY1000 starting after January ends in year 999: keep YYYY four digits so it stays a valid date.
  const lastDay = `${String(endYear).padStart(4, '0')}-${pad(endMonthOfYear)}-${pad(daysInMonth(endYear, endMonthOfYear))}`;
  return { key, firstDay, lastDay };
}

/** Whole days from one `YYYY-MM-DD` to another (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
