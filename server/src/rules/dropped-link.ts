import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'dropped-link',
    description: 'Active initiative linked to a dropped or achieved objective',
    defaultSeverity: 'warning',
    fixable: false,
    docsUrl: docsUrl('dropped-link'),
  },
  check() {},
};
