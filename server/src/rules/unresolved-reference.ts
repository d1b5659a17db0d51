import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'unresolved-reference',
    description: 'Reference to an id that nothing declares',
    defaultSeverity: 'error',
    fixable: 'safe',
    docsUrl: docsUrl('unresolved-reference'),
  },
  check() {},
};
