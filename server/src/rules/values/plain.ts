import type { FieldValue, ScalarValue } from '../../model/entity.js';
import { isPlaceholderText } from '../../model/kinds.js';
import type { Span } from '../../model/span.js';

/** A field value as plain data (what YAML would load), for validation against the JSON Schema. */
export function plainValue(value: FieldValue): unknown {
  if (value.type === 'scalar') return value.value;
  if (value.type === 'list') return value.items.map(plainValue);
  return Object.fromEntries(value.fields.map((f) => [f.keyText, plainValue(f.value)]));
}

/** §3: an empty value or a placeholder (`TBD`, `?`, `N/A`, `~`, …) is not a value. */
export function isPlaceholderScalar(value: FieldValue): boolean {
  return value.type === 'scalar' && (value.value === null || isPlaceholderText(String(value.value)));
}

/** Where to point at a value: the value itself, or the key when the value is empty (a zero-width range is hard to see). */
export function valueOrKeySpan(value: FieldValue, keySpan: Span): Span {
  return value.span.end > value.span.start ? value.span : keySpan;
}

/** How a blank value reads in a message: `'TBD'` (without YAML quotes), or "empty" (also for `~`/`null`). */
export function shown(value: ScalarValue): string {
  const text = value.value === null ? '' : String(value.value).trim();
  return text === '' ? 'empty' : `'${text}'`;
}
