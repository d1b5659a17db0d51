import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'unknown-owner',
    description: 'Owner that the workspace does not declare',
    defaultSeverity: 'warning',
    fixable: 'suggestion',
    docsUrl: docsUrl('unknown-owner'),
  },
  check() {},
};
