import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'unknown-field',
    description: 'Field the schema does not know',
    defaultSeverity: 'warning',
    fixable: 'safe',
    docsUrl: docsUrl('unknown-field'),
  },
  check() {},
};
