import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'parent-cycle',
    description: 'Cycle in objective `parent` or initiative `depends-on` links',
    defaultSeverity: 'error',
    fixable: false,
    docsUrl: docsUrl('parent-cycle'),
  },
  check() {},
};
