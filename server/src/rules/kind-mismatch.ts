import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'kind-mismatch',
    description: 'Reference that resolves to an entity of the wrong kind',
    defaultSeverity: 'error',
    fixable: 'suggestion',
    docsUrl: docsUrl('kind-mismatch'),
  },
  check() {},
};
