import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'duplicate-id',
    description: 'Id declared more than once',
    defaultSeverity: 'error',
    fixable: false,
    docsUrl: docsUrl('duplicate-id'),
  },
  check() {},
};
