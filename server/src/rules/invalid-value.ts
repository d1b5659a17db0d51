import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'invalid-value',
    description: 'Value of the wrong type, bad date or period, unknown enum value, missing id/title/kind',
    defaultSeverity: 'error',
    fixable: 'safe',
    docsUrl: docsUrl('invalid-value'),
  },
  check() {},
};
