// Types of the generated module (see scripts/write-template-validators.ts).
import type { Format, ValidateFunction } from 'ajv';
declare function templateValidators(templateFormats: Record<string, Format>): { byKey: Record<string, ValidateFunction> };
export = templateValidators;
