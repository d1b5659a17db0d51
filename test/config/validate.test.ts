import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfigText } from '../../server/src/config/parse.js';
import { buildConfigSchema } from '../../server/src/config/schema.js';
import { resolveConfig } from '../../server/src/config/load.js';
import { RULES } from '../../server/src/rules/registry.js';
import { GENERATED_CONFIG_VALIDATOR_PATH, generateConfigValidator } from '../../scripts/write-config-validator.js';

/** `line:column message` of each problem. */
function problems(text: string, file = '.strategylint.yaml'): string[] {
  return parseConfigText(file, text).problems.map((p) => `${p.line}:${p.column} ${p.message}`);
}

describe('config validation (§7)', () => {
  it('accepts the example of the spec', () => {
    const text = [
      'include: ["docs/**/*.md", "strategy/**/*.strategy.yaml"]',
      'ignore: ["archive/**"]',
      'today: 2027-02-01',
      'fiscal-year-start: 4',
      'rules:',
      '  metric-balance: off',
      '  focus-limit: [warning, { max: 4 }]',
      '  owner-load: [warning, { capacity: 2 }]',
      '',
    ].join('\n');
    const parsed = parseConfigText('.strategylint.yaml', text);
    assert.deepEqual(parsed.problems, []);
    const config = resolveConfig(parsed.settings!, '/ws', '/ws/.strategylint.yaml');
    assert.equal(config.today, '2027-02-01', 'an unquoted date is a string in YAML 1.2');
    assert.equal(config.fiscalYearStart, 4);
    assert.deepEqual(config.rules['focus-limit'], { severity: 'warning', options: { max: 4 } });
    assert.deepEqual(config.rules['metric-balance'], { severity: 'off', options: {} }, '`off` is a string in YAML 1.2, not false');
    assert.deepEqual(config.ignore, ['archive/**']);
  });

  it('accepts an empty file, [severity] alone, and $schema', () => {
    assert.deepEqual(problems(''), []);
    assert.deepEqual(problems('# only a comment\n'), []);
    assert.deepEqual(problems('rules:\n  syntax: [error]\n'), []);
    assert.deepEqual(problems('{ "$schema": "./schema.json" }', '.strategylint.json'), []);
  });

  it('names an unknown setting at its key, with the closest setting', () => {
    assert.deepEqual(problems('today: 2027-02-01\ninclde: ["*.md"]\n'), ['2:1 unknown setting "inclde" (did you mean "include"?); allowed settings: root, include, ignore, today, fiscal-year-start, effort-unit, rules, presets, templates']);
  });

  it('names an unknown rule id at its key', () => {
    assert.deepEqual(problems('rules:\n  focus-limt: warning\n'), ['2:3 unknown rule "focus-limt" (did you mean "focus-limit"?)']);
    assert.match(problems('rules:\n  zzz: warning\n')[0]!, /^2:3 unknown rule "zzz"; rule ids: initiative-objective, initiative-owner, /);
  });

  it('names a bad severity at its value, in the short and the list form', () => {
    assert.deepEqual(problems('rules:\n  focus-limit: warn\n'), ['2:16 rules.focus-limit: "warn" is not a severity (did you mean "warning"?); use one of off, info, warning, error']);
    assert.deepEqual(problems('rules:\n  focus-limit: [eror, { max: 2 }]\n'), ['2:17 rules.focus-limit[0]: "eror" is not a severity (did you mean "error"?); use one of off, info, warning, error']);
    assert.deepEqual(problems('rules:\n  focus-limit: 2\n'), ['2:16 rules.focus-limit: 2 is not a rule setting; write a severity (off, info, warning, error) or [severity, { options }]']);
  });

  it('validates rule options with the schema the rule declares', () => {
    const withOptions = RULES.filter((r) => r.meta.optionsSchema);
    assert.ok(withOptions.some((r) => r.meta.id === 'focus-limit'), 'focus-limit declares options');
    assert.deepEqual(problems('rules:\n  focus-limit: [warning, { maxx: 2 }]\n'), ['2:28 rules.focus-limit[1]: unknown option "maxx" (did you mean "max"?); allowed: max']);
    const wrongType = problems('rules:\n  focus-limit: [warning, { max: many }]\n');
    assert.equal(wrongType.length, 1);
    assert.match(wrongType[0]!, /^2:33 rules\.focus-limit\[1\]\.max: expected /);
    assert.deepEqual(problems('rules:\n  syntax: [error, { x: 1 }]\n'), ['2:21 rule syntax takes no options; remove "x"']);
    assert.deepEqual(problems('rules:\n  syntax: [error, {}, 3]\n'), ['2:11 rules.syntax: too many items; a rule takes [severity, { options }]']);
  });

  it('checks today is a real date and fiscal-year-start a month', () => {
    assert.deepEqual(problems('today: 2027-02-30\n'), ['1:8 today: "2027-02-30" is not a calendar date; write a real date as YYYY-MM-DD (e.g. 2027-02-01)']);
    assert.deepEqual(problems('today: 1st of May\n'), ['1:8 today: "1st of May" is not a date; write it as YYYY-MM-DD (e.g. 2027-02-01)']);
    assert.deepEqual(problems('fiscal-year-start: 0\n'), ['1:20 fiscal-year-start: 0 is out of range; use a number from 1 to 12 (the month the fiscal year starts in)']);
    assert.deepEqual(problems('fiscal-year-start: "4"\n'), ['1:20 fiscal-year-start: expected a whole number, got the text "4"']);
  });

  it('checks include and ignore are lists of non-empty strings', () => {
    assert.deepEqual(problems('include: "*.md"\n'), ['1:10 include: expected a list, got the text "*.md"']);
    assert.deepEqual(problems('ignore: [a, 3, ""]\n'), ['1:13 ignore[1]: expected a string, got the number 3', '1:16 ignore[2]: must not be empty; write a glob pattern such as "docs/**/*.md"']);
  });

  it('reports every problem, in file order', () => {
    const found = problems('rules:\n  focus-limt: off\nfiscal-year-start: 13\ninclde: []\n');
    assert.deepEqual(found.map((p) => p.split(' ')[0]), ['2:3', '3:20', '4:1']);
  });

  it('rejects a config that is not a mapping', () => {
    assert.deepEqual(problems('- a\n- b\n'), ['1:1 the config must be a mapping of settings (root, include, ignore, today, fiscal-year-start, effort-unit, rules, presets, templates), got a list']);
  });

  it('reports YAML and JSON syntax errors at their position', () => {
    assert.deepEqual(problems('rules:\n  syntax: error\n  syntax: off\n'), ['3:3 invalid YAML: Map keys must be unique']);
    assert.deepEqual(problems('{\n  "rules": { "syntax": "error", }\n}\n', '.strategylint.json'), ['2:33 invalid JSON: Expected double-quoted property name']);
  });

  it('rejects YAML tags instead of constructing anything', () => {
    assert.deepEqual(problems('today: !!js/function "x"\n'), ['1:8 YAML tag !!js/function is not allowed: a config holds plain values only']);
  });

  it('reads a config with a BOM and CRLF line endings', () => {
    assert.deepEqual(problems('\uFEFFtoday: 2027-02-01\r\nrules:\r\n  focus-limit: warn\r\n'), ['3:16 rules.focus-limit: "warn" is not a severity (did you mean "warning"?); use one of off, info, warning, error']);
  });
});

describe('config schema file (schemas/strategylint.schema.json)', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

  it('is the schema the validator uses (run `npm run build` to regenerate it)', () => {
    const onDisk = JSON.parse(readFileSync(path.join(root, 'schemas', 'strategylint.schema.json'), 'utf8')) as unknown;
    assert.deepEqual(onDisk, buildConfigSchema());
  });

  it('has its ahead-of-time compiled validator checked in, generated from this schema (npm run build regenerates it)', () => {
    assert.equal(readFileSync(path.join(root, GENERATED_CONFIG_VALIDATOR_PATH), 'utf8'), generateConfigValidator());
  });

  it('lists every rule, with its description and docs link', () => {
    const schema = buildConfigSchema() as { properties: { rules: { properties: Record<string, { description: string }>; additionalProperties: boolean } } };
    assert.deepEqual(Object.keys(schema.properties.rules.properties), RULES.map((r) => r.meta.id));
    assert.equal(schema.properties.rules.additionalProperties, false);
    for (const rule of RULES) assert.ok(schema.properties.rules.properties[rule.meta.id]!.description.includes(rule.meta.docsUrl), rule.meta.id);
  });
});
