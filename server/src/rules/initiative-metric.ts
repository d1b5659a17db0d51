import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'initiative-metric',
    description: 'Initiative with no metric',
    defaultSeverity: 'error',
    fixable: 'suggestion',
    docsUrl: docsUrl('initiative-metric'),
  },
  check() {},
};
