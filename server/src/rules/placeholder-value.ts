import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'placeholder-value',
    description: 'Placeholder (TBD, ?, N/A, …) where a value belongs',
    defaultSeverity: 'warning',
    fixable: false,
    docsUrl: docsUrl('placeholder-value'),
  },
  check() {},
};
