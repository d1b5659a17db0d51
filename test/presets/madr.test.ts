import { strict as assert } from 'node:assert';
import { lintWorkspace } from '../helpers/workspace.js';

const madr = { presets: ['madr'] };
const SECTIONS = '## Context and Problem Statement\n\nClients break.\n\n## Considered Options\n\n* Path\n* Header\n\n## Decision Outcome\n\nChosen option: "Path".\n';
const adr = (front: string, sections = SECTIONS) => `---\n${front}\n---\n\n# Version the API in the URL\n\n${sections}`;
const lint = (text: string, path = 'docs/decisions/0004-api-versioning.md') => lintWorkspace({ [path]: text }, madr).map((f) => [f.ruleId, f.text, f.line]);

describe('preset madr', () => {
  it('accepts MADR 4 and MADR 3 front matter, and MADR 2 status lines', () => {
    assert.deepEqual(lint(adr('status: accepted\ndate: 2025-05-27\ndecision-makers: ["@amira"]')), []);
    assert.deepEqual(lint(adr('status: accepted\ndate: 2025-05-27\ndeciders: ["@amira"]'), 'docs/adr/0004-x.md'), []);
    assert.deepEqual(lint('# Use Postgres\n\n* Status: accepted\n* Deciders: Amira, Jonas\n* Date: 2025-05-27\n\n' + SECTIONS, 'docs/decisions/0001-postgres.md'), []);
    assert.deepEqual(lint(adr('status: superseded by [ADR-0006](0006-cdc.md)\ndate: 2025-05-27\ndecision-makers: ["@amira"]')), []);
  });

  it('reports an unknown status with the closest one, and a date that is not a real day', () => {
    const found = lintWorkspace({ 'docs/decisions/0004-x.md': adr('status: acepted\ndate: 2025-06-31\ndecision-makers: ["@amira"]') }, madr);
    assert.deepEqual(found.map((f) => [f.ruleId, f.text]), [['invalid-value', 'acepted'], ['invalid-value', '2025-06-31']]);
    assert.match(found[0]!.message, /Did you mean 'accepted'\?/);
  });

  it('requires the decision makers once a decision is taken, and reports TBD among them', () => {
    assert.deepEqual(lint(adr('status: proposed\ndate: 2025-05-27')), []);
    assert.deepEqual(lint(adr('status: accepted\ndate: 2025-05-27')).map((f) => f[0]), ['template-schema']);
    assert.deepEqual(lint(adr('status: accepted\ndate: 2025-05-27\ndecision-makers: [TBD]')), [['placeholder-value', 'TBD', 4]]);
  });

  it('reports a missing or empty Decision Outcome', () => {
    const front = 'status: proposed\ndate: 2025-05-27';
    assert.deepEqual(lint(adr(front, SECTIONS.replace(/## Decision Outcome[^]*$/, ''))).map((f) => f[0]), ['required-section']);
    assert.deepEqual(lint(adr(front, SECTIONS.replace('Chosen option: "Path".', '<!-- to be decided -->'))).map((f) => [f[0], f[1]]), [['required-section', '## Decision Outcome']]);
  });

  it('leaves MADR\'s own template and index pages alone', () => {
    assert.deepEqual(lint(adr('status: "{proposed | accepted}"\ndate: "{YYYY-MM-DD}"'), 'docs/decisions/adr-template.md'), []);
    assert.deepEqual(lint('# Decisions\n\n- [0001](0001-x.md)\n', 'docs/decisions/README.md'), []);
  });
});
