import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'initiative-objective',
    description: 'Initiative linked to no objective',
    defaultSeverity: 'error',
    fixable: 'suggestion',
    docsUrl: docsUrl('initiative-objective'),
  },
  check() {},
};
