import type { EntityKind } from '../model/entity.js';
import { FIELD_SPECS, isPlaceholderText } from '../model/kinds.js';
import { isValidDate } from '../model/semantics.js';
import validators from './generated/strategyValidators.cjs';
import { fieldValidatorName, milestoneValidatorName } from './validatorNames.js';

/**
 * Validation of values against the strategy JSON Schema, through validators that ajv compiled
 * ahead of time (scripts/write-strategy-validators.ts): a cold run pays nothing to compile them.
 * The one check JSON Schema leaves to a `format` — that a date is a real calendar day — is made here.
 */
function validatorNamed(name: string): (value: unknown) => boolean {
  const validator = validators[name];
  if (!validator) throw new Error(`the generated strategy validators have no '${name}' (run npm run build)`);
  return validator;
}

function validate(name: string, value: unknown): boolean {
  return validatorNamed(name)(value);
}

/** Validators by kind and field: building a validator's name for every value of every field cost more than validating. */
const FIELD_VALIDATORS = new Map<EntityKind, Map<string, (value: unknown) => boolean>>();

function fieldValidator(kind: EntityKind, field: string): (value: unknown) => boolean {
  let byField = FIELD_VALIDATORS.get(kind);
  if (!byField) FIELD_VALIDATORS.set(kind, (byField = new Map()));
  let validator = byField.get(field);
  if (!validator) byField.set(field, (validator = validatorNamed(fieldValidatorName(kind, field))));
  return validator;
}

function realDate(value: unknown): boolean {
  return typeof value !== 'string' || isPlaceholderText(value) || isValidDate(value.trim());
}

/** Whether `value` (plain YAML data, or a Markdown string) is allowed for `field` of `kind`. */
export function isValidFieldValue(kind: EntityKind, field: string, value: unknown): boolean {
  if (!fieldValidator(kind, field)(value)) return false;
  return FIELD_SPECS[kind][field]?.type !== 'date' || realDate(value);
}

/** Whether `value` is allowed for `key` (title, due, done) of a milestone. */
export function isValidMilestoneValue(key: string, value: unknown): boolean {
  return validate(milestoneValidatorName(key), value) && (key !== 'due' || realDate(value));
}
