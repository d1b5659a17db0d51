import { docsUrl, type Rule } from './rule.js';
import { templateSchemaProblemsIn } from './values/templateSchema.js';

/**
 * What a template's JSON Schema requires beyond single values (docs/templates.md): required
 * fields, list sizes, status-dependent requirements (`if`/`then`), alternatives (`anyOf`). Values
 * outside an enum, of the wrong type or format are `invalid-value`'s, with its fixes.
 */
export const rule: Rule = {
  meta: {
    id: 'template-schema',
    description: "Templated document that breaks its template's JSON Schema (a required field missing, a condition not met)",
    defaultSeverity: 'error',
    fixable: false,
    docsUrl: docsUrl('template-schema'),
  },
  check({ file, index, report }) {
    for (const problem of templateSchemaProblemsIn(file, index)) if (problem.ruleId === 'template-schema') report({ span: problem.span, message: problem.message });
  },
};
