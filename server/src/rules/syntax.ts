import { docsUrl, type Rule } from './rule.js';

// PLACEHOLDER: check not written yet (being implemented).
export const rule: Rule = {
  meta: {
    id: 'syntax',
    description: 'YAML or front matter that does not parse',
    defaultSeverity: 'error',
    fixable: 'safe',
    docsUrl: docsUrl('syntax'),
  },
  check() {},
};
