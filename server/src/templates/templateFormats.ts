import type { Format } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { parsePeriod } from '../model/semantics.js';

let formats: Record<string, Format> | undefined;

/**
 * The formats a template's schema may name: ajv-formats' (`date` is a real calendar day, `email`,
 * `uri`, …) plus the model's `period` and `id`. One object for the whole run: the ajv instance that
 * compiles schemas at run time registers these, and the validators compiled ahead of time for the
 * presets (schema/generated/templateValidators.cjs) call them, so both check a value alike.
 */
export function templateFormats(): Record<string, Format> {
  formats ??= {
    ...(fullFormats as Record<string, Format>),
    date: comparedOnlyWhenValid(fullFormats.date),
    period: { type: 'string', validate: (s: string) => parsePeriod(s, 1) !== undefined },
    id: /^[A-Za-z][A-Za-z0-9_.-]*$/,
  };
  return formats;
}

/**
 * ajv-formats compares dates as text even when one is not a real day (`2023-14-05`): that value is
 * already reported by its `format`, so the comparison stays silent instead of saying it twice.
 */
function comparedOnlyWhenValid(format: Format): Format {
  if (!format || typeof format !== 'object' || format instanceof RegExp || typeof (format as { compare?: unknown }).compare !== 'function') return format;
  const { validate, compare } = format as { validate: (s: string) => boolean; compare: (x: string, y: string) => number | undefined };
  return { type: 'string', validate, compare: (x: string, y: string) => (validate(x) && validate(y) ? compare(x, y) : undefined) } as never;
}
