import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import templateValidators from '../../server/src/schema/generated/templateValidators.cjs';
import { compileTemplateSchema, TEMPLATE_AJV_OPTIONS, withTemplateFormats } from '../../server/src/templates/schemaValidator.js';
import { templateFormats } from '../../server/src/templates/templateFormats.js';
import { GENERATED_TEMPLATE_VALIDATORS_PATH, generateTemplateValidators, presetSchemas } from '../../scripts/write-template-validators.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Values of every property a schema names: each written wrong in several ways, and some right. */
function samples(schema: Record<string, unknown>): Record<string, unknown>[] {
  const names = new Set<string>();
  const collect = (s: unknown): void => {
    if (!s || typeof s !== 'object') return;
    for (const [key, value] of Object.entries(s as Record<string, unknown>)) {
      if (key === 'properties' && value && typeof value === 'object') for (const name of Object.keys(value)) names.add(name);
      if (key === 'required' && Array.isArray(value)) for (const name of value) names.add(String(name));
      collect(value);
    }
  };
  collect(schema);
  const every = (value: unknown) => Object.fromEntries([...names].map((name) => [name, value]));
  return [
    {},
    every('x'),
    every(12345),
    every(''),
    every([]),
    every(['a', 'b']),
    every('2023-14-05'),
    every('2024-02-29'),
    { ...every('2024-05-01'), 'last-updated': '2023-01-01', 'creation-date': '2024-05-01', 'folder-number': 12, 'kep-number': 13, 'readme-number': 'NNNN', status: 'implemented', stage: 'beta' },
    { ...every(['@someone']), 'folder-number': 7, 'kep-number': 7, 'readme-number': 7, status: 'provisional', 'creation-date': '2020-01-01', 'last-updated': '2021-01-01' },
  ];
}

describe('templates: the presets\' schemas, compiled ahead of time (schema/generated/templateValidators.cjs)', () => {
  it('is checked in as the build generates it from the presets (npm run build regenerates it)', () => {
    assert.equal(readFileSync(path.join(root, GENERATED_TEMPLATE_VALIDATORS_PATH), 'utf8'), generateTemplateValidators());
  });

  it('accepts and rejects what a schema compiled at run time does, with the same errors, for every preset schema', () => {
    const generated = templateValidators(templateFormats()).byKey;
    const ajv = withTemplateFormats(new Ajv(TEMPLATE_AJV_OPTIONS));
    const schemas = presetSchemas();
    assert.ok(schemas.length >= 3, 'the presets hold schemas');
    for (const schema of schemas) {
      const ahead = generated[JSON.stringify(schema)];
      assert.ok(ahead, 'each preset schema has a generated validator');
      const atRunTime = ajv.compile(schema);
      for (const data of samples(schema)) {
        const ok = atRunTime(data);
        assert.equal(ahead(data), ok, JSON.stringify(data));
        assert.deepEqual(ahead.errors ?? null, atRunTime.errors ?? null, JSON.stringify(data));
        if (JSON.stringify(data).includes('2023-14-05')) assert.equal(ok, false, 'a day that does not exist is rejected');
      }
    }
  });

  it('is what compileTemplateSchema gives for a preset schema; a schema of a config\'s own is compiled at run time', () => {
    const generated = templateValidators(templateFormats()).byKey;
    // The same code (a schema compiled at run time gets functions numbered otherwise).
    for (const schema of presetSchemas()) assert.equal(String(compileTemplateSchema(schema)), String(generated[JSON.stringify(schema)]));
    const own = compileTemplateSchema({ properties: { status: { enum: ['open', 'done'] } } });
    assert.equal(own({ status: 'open' }), true);
    assert.equal(own({ status: 'closed' }), false);
  });
});
