import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { EntityKind } from '../model/entity.js';
import { isValidDate } from '../model/semantics.js';
import { buildStrategySchema, STRATEGY_SCHEMA_ID } from './strategySchema.js';

/**
 * Validation of single values against the strategy JSON Schema. The schema is compiled once, on
 * first use (most lint runs of clean files never need more than a few of its definitions), and
 * each definition's validator is cached by ajv.
 */
let ajv: Ajv | undefined;

function instance(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ allowUnionTypes: true, strictTypes: false, allErrors: true });
    // §3 dates are real calendar days: the pattern alone would accept 2027-02-30.
    ajv.addFormat('date', { type: 'string', validate: isValidDate });
    ajv.addSchema(buildStrategySchema());
  }
  return ajv;
}

function validator(pointer: string): ValidateFunction {
  const validate = instance().getSchema(pointer ? `${STRATEGY_SCHEMA_ID}#${pointer}` : STRATEGY_SCHEMA_ID);
  if (!validate) throw new Error(`strategy schema has no definition at ${pointer}`);
  return validate;
}

/** Whether `value` (plain YAML data, or a Markdown string) is allowed for `field` of `kind`. */
export function isValidFieldValue(kind: EntityKind, field: string, value: unknown): boolean {
  return validator(`/$defs/${kind}/properties/${field}`)(value) as boolean;
}

/** Whether `value` is allowed for `key` (title, due, done) of a milestone. */
export function isValidMilestoneValue(key: string, value: unknown): boolean {
  return validator(`/$defs/milestone/properties/${key}`)(value) as boolean;
}

/** Validates a whole parsed `*.strategy.yaml` document; returns ajv's errors (empty when valid). */
export function validateStrategyDocument(document: unknown): ErrorObject[] {
  const validate = validator('');
  return validate(document) ? [] : [...(validate.errors ?? [])];
}
