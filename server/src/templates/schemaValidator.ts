import { Ajv, type Options, type ValidateFunction } from 'ajv';
import { formatLimitDefinition } from 'ajv-formats/dist/limit.js';
import templateValidators from '../schema/generated/templateValidators.cjs';
import { templateFormats } from './templateFormats.js';

let ajv: Ajv | undefined;

/** The options templates' schemas are compiled with, at run time or ahead of time (instance()). */
export const TEMPLATE_AJV_OPTIONS: Options = { $data: true, allErrors: true, validateSchema: false, verbose: true, strictSchema: true, strictTypes: false, strictTuples: false, strictRequired: false, logger: false, keywords: ['message', 'markdownDescription'] };

/**
 * The ajv instance templates' schemas are compiled with: all errors (one finding per problem),
 * strict about keywords and formats (a typo in a schema is a config error, not a check that
 * silently never runs), loose about types. Formats: templateFormats(), with their comparisons
 * (`formatMinimum`, …) and `$data`, so that one field may be compared with another (`last-updated`
 * not before `creation-date`). `message` is ours: the text to show when that subschema fails.
 * A schema is checked against the JSON Schema meta-schema by `schemaProblem` (the config check
 * does it for every schema a config writes), not again when compiled: compiling the meta-schema
 * took a tenth of a `--preset kep` run, for the presets' schemas, which their tests compile.
 * The presets' schemas are compiled ahead of time (scripts/write-template-validators.ts): creating
 * this instance and compiling the kep preset's schema took ~12 ms of every `--preset kep` run.
 */
function instance(): Ajv {
  return (ajv ??= withTemplateFormats(new Ajv(TEMPLATE_AJV_OPTIONS)));
}

/** Registers templateFormats() and ajv-formats' comparison keywords (`formatMinimum`, …) on an ajv instance. */
export function withTemplateFormats(a: Ajv): Ajv {
  for (const [name, format] of Object.entries(templateFormats())) a.addFormat(name, format);
  a.addKeyword(formatLimitDefinition);
  return a;
}

const compiled = new Map<string, ValidateFunction>();

/** Compiles a template's schema once per distinct schema; throws with ajv's message when it is not a valid schema. */
export function compileTemplateSchema(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = aheadOfTime().get(key) ?? instance().compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

let generated: Map<string, ValidateFunction> | undefined;

/** The presets' validators compiled ahead of time, by their schema's JSON (compileTemplateSchema's key). */
function aheadOfTime(): Map<string, ValidateFunction> {
  if (!generated) {
    const { byKey } = templateValidators(templateFormats());
    generated = new Map(Object.entries(byKey) as [string, ValidateFunction][]);
  }
  return generated;
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
