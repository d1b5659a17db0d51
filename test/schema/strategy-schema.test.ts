import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parseDocument } from 'yaml';
import { isPlaceholderText } from '../../server/src/model/kinds.js';
import { buildStrategySchema, PLACEHOLDER_WORDS } from '../../server/src/schema/strategySchema.js';
import { isValidDate } from '../../server/src/model/semantics.js';
import { strategySchemaText } from '../../scripts/write-strategy-schema.js';
import { GENERATED_VALIDATORS_PATH, generateValidators } from '../../scripts/write-strategy-validators.js';
import { lintWorkspace } from '../helpers/workspace.js';

/** The whole-document validation an editor does with schemas/strategy.schema.json (dates checked as real days). */
function validateStrategyDocument(document: unknown): { instancePath: string; message?: string }[] {
  const ajv = new Ajv({ allowUnionTypes: true, strictTypes: false, allErrors: true });
  ajv.addFormat('date', { type: 'string', validate: isValidDate });
  const validate = ajv.compile(buildStrategySchema());
  return validate(document) ? [] : [...(validate.errors ?? [])];
}

const ROOT_DIR = fileURLToPath(new URL('../../../', import.meta.url));
/** The rules whose verdict the schema encodes: a file is schema-valid exactly when none of them fires. */
const SCHEMA_RULES = new Set(['syntax', 'invalid-value', 'unknown-field']);

function ruleVerdict(name: string, text: string): string[] {
  return lintWorkspace({ [name]: text })
    .filter((f) => SCHEMA_RULES.has(f.ruleId))
    .map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.message}`);
}

function schemaVerdict(text: string): string[] {
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: false });
  // What does not parse cannot be valid; the `syntax` rule says so on the rules' side.
  if (doc.errors.length) return doc.errors.map((e) => `does not parse: ${e.message}`);
  return validateStrategyDocument(doc.toJS()).map((e) => `${e.instancePath} ${e.message}`);
}

const BASE: Record<string, string[]> = {
  objectives: ['id: OBJ-a', 'title: Grow'],
  metrics: ['id: KR-a', 'title: Activation'],
  initiatives: ['id: INIT-a', 'title: Checkout'],
  owners: ['id: "@maria"'],
  prds: ['initiative: INIT-a'],
};

/** A one-entry strategy file whose `key` is written as `value` (replacing the base field of that name). */
function entry(list: string, key: string, value: string): string {
  const lines = BASE[list]!.filter((l) => !l.startsWith(`${key}:`));
  const all = [`${key}: ${value}`, ...lines];
  return `${list}:\n${all.map((l, i) => `${i === 0 ? '  - ' : '    '}${l}`).join('\n')}\n`;
}

/** [list, field, YAML value, valid?] */
const VALUES: [string, string, string, boolean][] = [
  ['objectives', 'period', '2027', true],
  ['objectives', 'period', '"2027"', true],
  ['objectives', 'period', '2027-H1', true],
  ['objectives', 'period', 'FY27-Q3', true],
  ['objectives', 'period', 'fy2027', true],
  ['objectives', 'period', '2027-Q5', false],
  ['objectives', 'period', '27', false],
  ['objectives', 'period', 'FY2027-H3', false],
  ['objectives', 'period', '[2027]', false],
  ['objectives', 'perspective', 'customer', true],
  ['objectives', 'perspective', 'Customer', false],
  ['objectives', 'perspective', 'money', false],
  ['objectives', 'status', 'achieved', true],
  ['objectives', 'status', 'Active', false],
  ['objectives', 'id', 'OBJ-1.b_c', true],
  ['objectives', 'id', '1-OBJ', false],
  ['objectives', 'id', 'OBJ smb', false],
  ['objectives', 'id', 'TBD', false],
  ['objectives', 'title', '""', false],
  ['objectives', 'title', '2027', true],
  ['objectives', 'ownr', '"@maria"', false],
  ['objectives', 'Owner', '"@maria"', false],
  ['initiatives', 'due', '2027-03-31', true],
  ['initiatives', 'due', '"2027-03-31"', true],
  ['initiatives', 'due', '2028-02-29', true],
  ['initiatives', 'due', '2027-02-29', false],
  ['initiatives', 'due', '2027-3-31', false],
  ['initiatives', 'due', '20270331', false],
  ['initiatives', 'due', 'TBD', true],
  ['initiatives', 'start', '', true],
  ['initiatives', 'status', 'in-progress', true],
  ['initiatives', 'status', 'In Progress', false],
  ['initiatives', 'status', 'planed', false],
  ['initiatives', 'owner', '"@maria"', true],
  ['initiatives', 'owner', 'maria', true],
  ['initiatives', 'owner', '["@maria"]', true],
  ['initiatives', 'owner', '["@a", "@b"]', false],
  ['initiatives', 'owner', '{a: 1}', false],
  ['initiatives', 'metrics', 'KR-a', true],
  ['initiatives', 'metric', '[KR-a, KR-b]', true],
  ['initiatives', 'metrics', '[KR-a, {a: 1}]', false],
  ['initiatives', 'depends-on', '[INIT-b, TBD]', true],
  ['initiatives', 'milestones', '[]', true],
  ['initiatives', 'milestones', '[{title: Beta, due: 2027-01-01, done: false}]', true],
  ['initiatives', 'milestones', '[{title: Beta}]', false],
  ['initiatives', 'milestones', '[{title: Beta, due: 2027-01-01, done: "yes"}]', false],
  ['initiatives', 'milestones', '[{title: Beta, due: 2027-01-01, dne: true}]', false],
  ['initiatives', 'milestones', 'soon', false],
  ['initiatives', 'kind', 'project', true],
  ['initiatives', 'kind', 'objective', false],
  ['initiatives', 'kind', 'TBD', false],
  ['initiatives', 'kind', '', false],
  ['metrics', 'baseline', '22', true],
  ['metrics', 'baseline', '"22"', true],
  ['metrics', 'target', '-3.5e2', true],
  ['metrics', 'target', '35%', false],
  ['metrics', 'current', 'lots', false],
  ['metrics', 'current', 'true', false],
  ['metrics', 'type', 'leading', true],
  ['metrics', 'type', 'Leading', false],
  ['owners', 'capacity', '3', true],
  ['owners', 'capacity', '"3"', true],
  ['owners', 'capacity', '0', false],
  ['owners', 'capacity', '2.5', false],
  ['owners', 'id', '"@org/team"', true],
  ['owners', 'id', '"@a b"', false],
  ['prds', 'status', 'draft', true],
  ['prds', 'status', 'planned', false],
];

describe('strategy JSON Schema', () => {
  it('is a valid draft-07 schema', () => {
    const ajv = new Ajv({ allowUnionTypes: true, strictTypes: false });
    assert.equal(ajv.validateSchema(buildStrategySchema()), true, JSON.stringify(ajv.errors));
  });

  it('is checked in as generated from the field table (run `node out/scripts/write-strategy-schema.js` after changing it)', () => {
    assert.equal(readFileSync(`${ROOT_DIR}schemas/strategy.schema.json`, 'utf8'), strategySchemaText());
  });

  it('has its ahead-of-time compiled validators checked in, generated from this schema (npm run build regenerates them)', () => {
    assert.equal(readFileSync(`${ROOT_DIR}${GENERATED_VALIDATORS_PATH}`, 'utf8'), generateValidators());
  });

  it('accepts the example of SPEC §4.1 and a single entity with kind', () => {
    const spec = [
      'owners:',
      '  - id: "@maria"',
      '    name: Maria Lopez',
      '    capacity: 3',
      'objectives:',
      '  - id: OBJ-smb',
      '    title: Become the default checkout for small businesses',
      '    owner: "@maria"',
      '    period: 2027-H1',
      '    perspective: customer',
      '    key-results:',
      '      - id: KR-activation',
      '        title: Raise SMB activation from 22% to 35%',
      '        type: lagging',
      '        baseline: 22',
      '        target: 35',
      '    initiatives:',
      '      - id: INIT-one-click',
      '        title: One-click onboarding',
      '        owner: "@maria"',
      '        metrics: [KR-activation]',
      '        start: 2027-01-10',
      '        due: 2027-03-31',
    ].join('\n');
    assert.deepEqual(schemaVerdict(spec), []);
    assert.deepEqual(schemaVerdict('kind: key-result\nid: KR-a\ntitle: Activation\ntarget: 35\n'), []);
    assert.deepEqual(schemaVerdict(''), []);
  });

  it('rejects unknown top-level lists, unknown kinds and a missing id', () => {
    assert.notDeepEqual(schemaVerdict('objectivs:\n  - id: O\n    title: T\n'), []);
    assert.notDeepEqual(schemaVerdict('kind: goal\nid: G\ntitle: T\n'), []);
    assert.notDeepEqual(schemaVerdict('objectives:\n  - title: T\n'), []);
  });

  describe('agrees with the rules on good and bad values', () => {
    for (const [list, key, value, valid] of VALUES) {
      it(`${list}: ${key}: ${value} is ${valid ? 'valid' : 'invalid'}`, () => {
        const text = entry(list, key, value);
        const schema = schemaVerdict(text);
        const rules = ruleVerdict('plan.strategy.yaml', text);
        assert.equal(schema.length === 0, valid, `schema: ${schema.join('; ')}`);
        assert.equal(rules.length === 0, valid, `rules: ${rules.join('; ')}`);
      });
    }
  });

  it('treats exactly the placeholders of kinds.isPlaceholderText as placeholders', () => {
    for (const word of PLACEHOLDER_WORDS) {
      assert.ok(isPlaceholderText(word), word);
      assert.ok(isPlaceholderText(` ${word.toLowerCase()} `), word);
    }
    const placeholder = new Ajv().compile((buildStrategySchema().$defs as Record<string, object>).placeholder!);
    for (const text of ['tbd', ' N/a ', 'todo', '?', '-', '', 'None', 'TBC']) assert.equal(placeholder(text), isPlaceholderText(text), text);
    for (const text of ['tbd!', 'no', 'NA', '--', 'none yet']) assert.equal(placeholder(text), isPlaceholderText(text), text);
  });

  describe('agrees with the rules on every sample strategy file', () => {
    const samples = `${ROOT_DIR}samples`;
    const files = existsSync(samples)
      ? (readdirSync(samples, { recursive: true }) as string[]).filter((f) => /\.strategy\.ya?ml$/.test(f)).sort()
      : [];
    for (const rel of files) {
      it(rel, function () {
        const text = readFileSync(`${samples}/${rel}`, 'utf8').replace(/^\uFEFF/, '');
        // A suppression comment hides findings from the rules but not from the schema.
        if (text.includes('strategy-lint-disable')) this.skip();
        const schema = schemaVerdict(text);
        const rules = ruleVerdict('sample.strategy.yaml', text);
        assert.equal(schema.length === 0, rules.length === 0, `schema: ${schema.join('; ') || 'valid'}\nrules: ${rules.join('; ') || 'none'}`);
      });
    }
  });
});
