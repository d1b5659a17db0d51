import { closest } from '../rules/support.js';

/**
 * ` (did you mean "x"?)` for a near miss: within 2 edits, or a candidate the value begins
 * (`warn` → `warning`); empty when nothing is close.
 */
export function didYouMean(value: string, candidates: Iterable<string>): string {
  const list = [...candidates];
  const lower = value.toLowerCase();
  const near = closest(value, list)[0] ?? (lower.length >= 3 ? list.find((c) => c.toLowerCase().startsWith(lower)) : undefined);
  return near ? ` (did you mean "${near}"?)` : '';
}
