// Types of the generated module (see scripts/write-strategy-validators.ts).
interface GeneratedValidator {
  (value: unknown): boolean;
  errors?: { instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }[] | null;
}
declare const validators: Record<string, GeneratedValidator>;
export = validators;
