import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'metric-balance',
    description: 'Objective measured only by lagging (or only by leading) metrics',
    defaultSeverity: 'info',
    fixable: false,
    docsUrl: docsUrl('metric-balance'),
  },
  check() {},
};
