import { docsUrl, type Rule } from './rule.js';

/**
 * YAML or front matter that does not parse (§6). The parser already located each error and, for a
 * plain value starting with `@` (reserved in YAML, common for owners), the safe fix that quotes it;
 * this rule turns those notes into findings so severity and `disable-file` work as for any rule.
 * While a file has a syntax finding, lintFile reports nothing else for it; other files are linted.
 */
export const rule: Rule = {
  meta: {
    id: 'syntax',
    description: 'YAML or front matter that does not parse',
    defaultSeverity: 'error',
    fixable: 'safe',
    docsUrl: docsUrl('syntax'),
  },
  check({ file, report }) {
    for (const note of file.notes) {
      if (note.ruleId === 'syntax') report({ span: note.span, message: note.message, ...(note.fixes ? { fixes: note.fixes } : {}) });
    }
  },
};
