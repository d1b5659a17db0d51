import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findingsOf, type WorkspaceOptions } from '../helpers/workspace.js';

/**
 * The examples of a rule's docs page do what the page says: every block under "### Fails" makes the
 * rule fire, every block under "### Passes" does not. Each block is linted on its own.
 */
const DOCS = fileURLToPath(new URL('../../../docs/rules/', import.meta.url));

/** Pages whose examples are checked, with the settings their text states. */
const PAGES: Record<string, WorkspaceOptions> = {
  syntax: {},
  'invalid-value': {},
  'unknown-field': {},
  'placeholder-value': {},
  'metric-target': {},
  'parent-cycle': {},
  schedule: { today: '2027-02-01', fiscalYearStart: 4 },
  'metric-pace': { today: '2027-02-15' },
  'stale-update': { today: '2027-02-15' },
  allocation: {},
  'dependency-order': {},
  'milestone-schedule': { today: '2027-02-15' },
  'kr-count': {},
  'perspective-coverage': {},
};

interface Example {
  expect: 'fails' | 'passes';
  language: 'yaml' | 'markdown';
  text: string;
}

function examples(page: string): Example[] {
  // Examples end at the next section; `## ` inside the examples' code blocks is Markdown being shown.
  const section = page.split(/^## Examples$/m)[1]?.split(/^## Options$/m)[0] ?? '';
  const found: Example[] = [];
  let expect: Example['expect'] | undefined;
  const pattern = /^### (Fails|Passes)$|^```(yaml|markdown)\n([^]*?)^```$/gm;
  for (const match of section.matchAll(pattern)) {
    if (match[1]) expect = match[1] === 'Fails' ? 'fails' : 'passes';
    else if (expect) found.push({ expect, language: match[2] as Example['language'], text: match[3]! });
  }
  return found;
}

describe('docs/rules examples', () => {
  for (const [rule, options] of Object.entries(PAGES)) {
    describe(rule, () => {
      const list = examples(readFileSync(`${DOCS}${rule}.md`, 'utf8'));
      it('has failing and passing examples in YAML and Markdown', () => {
        for (const expect of ['fails', 'passes'] as const) {
          for (const language of ['yaml', 'markdown'] as const) {
            assert.ok(list.some((e) => e.expect === expect && e.language === language), `${expect} ${language}`);
          }
        }
      });
      list.forEach((example, i) => {
        it(`${example.expect === 'fails' ? 'fires on' : 'is quiet on'} example ${i + 1} (${example.language})`, () => {
          const name = example.language === 'yaml' ? 'example.strategy.yaml' : 'example.md';
          const found = findingsOf(rule, { [name]: example.text }, options);
          if (example.expect === 'fails') assert.ok(found.length > 0, example.text);
          else assert.deepEqual(found.map((f) => f.message), []);
        });
      });
    });
  }
});
