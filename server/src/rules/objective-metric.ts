import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'objective-metric',
    description: 'Active objective that no metric measures, itself or through its child objectives',
    defaultSeverity: 'warning',
    fixable: false,
    docsUrl: docsUrl('objective-metric'),
  },
  check() {},
};
