// Types of the generated module (see scripts/write-config-validator.ts).
import type { ErrorObject } from 'ajv';
interface GeneratedValidator {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}
declare const validate: GeneratedValidator;
export = validate;
