import { strict as assert } from 'node:assert';
import { PRESETS } from '../../server/src/presets/index.js';
import { schemaProblem } from '../../server/src/templates/schemaValidator.js';

// Schemas are checked against the JSON Schema meta-schema when a config is checked, not when they
// are compiled (schemaValidator.ts): a preset's schemas, which no config check sees, are checked here.
describe('preset schemas', () => {
  for (const [name, preset] of PRESETS) {
    it(`every schema of the ${name} preset is a valid JSON Schema ajv compiles`, () => {
      const schemas = preset.templates.flatMap((t) => [t.schema, ...(t.entities ?? []).map((e) => e.schema)]).filter((s) => s !== undefined);
      assert.ok(schemas.length > 0, `${name} has schemas`);
      for (const schema of schemas) assert.equal(schemaProblem(schema), undefined, JSON.stringify(schema).slice(0, 200));
    });
  }
  it('a schema that breaks the meta-schema is still reported by the config check', () => {
    assert.match(schemaProblem({ type: 'objekt' })?.message ?? '', /must be equal to one of the allowed values|must be array/);
  });
});
