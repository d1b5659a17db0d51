import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parsePeriod } from '../model/semantics.js';

let ajv: Ajv | undefined;

/**
 * The ajv instance templates' schemas are compiled with: all errors (one finding per problem),
 * strict about keywords and formats (a typo in a schema is a config error, not a check that
 * silently never runs), loose about types. Formats: ajv-formats' (`date` is a real calendar day,
 * `email`, `uri`, …) plus the model's `period` and `id`; with their comparisons (`formatMinimum`,
 * …) and `$data`, so that one field may be compared with another (`last-updated` not before
 * `creation-date`). `message` is ours: the text to show when that subschema fails.
 * A schema is checked against the JSON Schema meta-schema by `schemaProblem` (the config check
 * does it for every schema a config writes), not again when compiled: compiling the meta-schema
 * took a tenth of a `--preset kep` run, for the presets' schemas, which their tests compile.
 */
function instance(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({ $data: true, allErrors: true, validateSchema: false, verbose: true, strictSchema: true, strictTypes: false, strictTuples: false, strictRequired: false, logger: false, keywords: ['message', 'markdownDescription'] });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  comparedOnlyWhenValid(ajv, 'date');
  ajv.addFormat('period', { type: 'string', validate: (s: string) => parsePeriod(s, 1) !== undefined });
  ajv.addFormat('id', /^[A-Za-z][A-Za-z0-9_.-]*$/);
  return ajv;
}

/**
 * ajv-formats compares dates as text even when one is not a real day (`2023-14-05`): that value is
 * already reported by its `format`, so the comparison stays silent instead of saying it twice.
 */
function comparedOnlyWhenValid(a: Ajv, name: string): void {
  const format = a.formats[name] as { validate: (s: string) => boolean; compare: (x: string, y: string) => number | undefined } | undefined;
  if (!format || typeof format !== 'object' || typeof format.compare !== 'function') return;
  const { validate, compare } = format;
  a.addFormat(name, { type: 'string', validate, compare: (x: string, y: string) => (validate(x) && validate(y) ? compare(x, y) : undefined) } as never);
}

const compiled = new Map<string, ValidateFunction>();

/** Compiles a template's schema once per distinct schema; throws with ajv's message when it is not a valid schema. */
export function compileTemplateSchema(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = instance().compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

/** Why `schema` is not a usable JSON Schema: where inside it (pointer segments) and what; undefined when it is fine. */
export function schemaProblem(schema: unknown): { segments: string[]; message: string } | undefined {
  const a = instance();
  if (!a.validateSchema(schema as Record<string, unknown>)) {
    const error = a.errors?.[0];
    const segments = error?.instancePath ? error.instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : [];
    return { segments, message: `${error?.message ?? 'is invalid'}${error?.params && 'allowedValues' in error.params ? ` (${(error.params.allowedValues as unknown[]).join(', ')})` : ''}` };
  }
  try {
    compileTemplateSchema(schema as Record<string, unknown>);
    return undefined;
  } catch (error) {
    const message = (error as Error).message.replace(/^strict mode: /, '');
    const at = /at path "#([^"]*)"/.exec(message);
    const segments = at?.[1] ? at[1].slice(1).split('/') : [];
    return { segments, message: message.replace(/ ignored in schema at path "#[^"]*"/, '').replace(/ \(strictTypes\)$/, '') };
  }
}
