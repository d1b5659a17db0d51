import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'metric-target',
    description: 'Metric without a baseline or a target',
    defaultSeverity: 'warning',
    fixable: 'suggestion',
    docsUrl: docsUrl('metric-target'),
  },
  check() {},
};
