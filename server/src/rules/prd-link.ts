import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'prd-link',
    description: 'PRD that links to no initiative or objective',
    defaultSeverity: 'error',
    fixable: 'suggestion',
    docsUrl: docsUrl('prd-link'),
  },
  check() {},
};
