import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'objective-initiatives',
    description: 'Active objective with no initiative, itself or through its child objectives',
    defaultSeverity: 'warning',
    fixable: false,
    docsUrl: docsUrl('objective-initiatives'),
  },
  check() {},
};
