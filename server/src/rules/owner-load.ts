import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'owner-load',
    description: 'Owner of more active initiatives than their capacity',
    defaultSeverity: 'warning',
    fixable: false,
    docsUrl: docsUrl('owner-load'),
  },
  check() {},
};
