import { FIELD_SPECS, MILESTONE_FIELDS } from '../model/kinds.js';

/** Export name of the generated validator for one field of one kind (`objective__owner`). */
export function fieldValidatorName(kind: string, field: string): string {
  return `${kind}__${field}`.replace(/-/g, '_');
}

export function milestoneValidatorName(key: string): string {
  return `milestone__${key}`;
}

/** Every validator the generated module exports, by name → JSON pointer into the schema. */
export function validatorExports(schemaId: string): Record<string, string> {
  const refs: Record<string, string> = {};
  for (const [kind, fields] of Object.entries(FIELD_SPECS)) {
    for (const field of Object.keys(fields)) refs[fieldValidatorName(kind, field)] = `${schemaId}#/$defs/${kind}/properties/${field}`;
  }
  for (const key of MILESTONE_FIELDS) refs[milestoneValidatorName(key)] = `${schemaId}#/$defs/milestone/properties/${key}`;
  return refs;
}
