import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'schedule',
    description: 'Dates that contradict each other or the calendar',
    defaultSeverity: 'warning',
    fixable: 'safe',
    docsUrl: docsUrl('schedule'),
  },
  check() {},
};
