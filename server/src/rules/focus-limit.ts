import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'focus-limit',
    description: 'More active top-level objectives in one period than the limit',
    defaultSeverity: 'warning',
    fixable: false,
    docsUrl: docsUrl('focus-limit'),
  },
  check() {},
};
