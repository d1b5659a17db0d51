import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { sarif } from '../../server/src/cli/formatters/sarif.js';
import type { FileResult } from '../../server/src/cli/results.js';
import { RULES } from '../../server/src/rules/registry.js';
import { CWD, fileResult, formatContext, spanOf } from '../helpers/results.js';
import { sampleResults } from './sample.js';

type Json = any;

/** SARIF 2.1.0 JSON schema, vendored from @microsoft/sarif-multitool-linux 5.7.0 (MIT). */
const schema = JSON.parse(readFileSync(new URL('../../../test/fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
// Formats (uri, date-time) are left to the explicit checks below: ajv-formats is not a dependency.
const validate = new Ajv2020({ allErrors: true, validateFormats: false }).compile(schema);

function format(results: FileResult[] = sampleResults(), cwd = CWD): Json {
  const log = JSON.parse(sarif(results, formatContext({ cwd })));
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  return log;
}

describe('formatter sarif', () => {
  it('is valid SARIF 2.1.0', () => {
    const log = format();
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
  });

  it('describes the tool and every rule, with its docs link and default level', () => {
    const { driver } = format().runs[0].tool;
    assert.equal(driver.name, 'strategy-lint');
    assert.equal(driver.version, '1.2.3');
    assert.match(driver.informationUri, /^https:\/\//);
    assert.equal(driver.rules.length, RULES.length);
    assert.deepEqual(
      driver.rules.map((r: Json) => r.id),
      RULES.map((r) => r.meta.id),
    );
    const balance = driver.rules.find((r: Json) => r.id === 'metric-balance');
    assert.equal(balance.defaultConfiguration.level, 'note');
    assert.match(balance.helpUri, /metric-balance/);
    assert.ok(balance.shortDescription.text.length > 0);
  });

  it('reports each finding with its rule index, level and a region relative to %SRCROOT%', () => {
    const run = format().runs[0];
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///ws/' } });
    assert.equal(run.results.length, 5);
    for (const result of run.results) assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    const owner = run.results[1];
    assert.equal(owner.ruleId, 'initiative-owner');
    assert.equal(owner.level, 'error');
    assert.equal(owner.message.text, "Initiative 'checkout' has no owner.");
    assert.deepEqual(owner.locations[0].physicalLocation, {
      artifactLocation: { uri: 'docs/plan.md', uriBaseId: '%SRCROOT%' },
      region: { startLine: 4, startColumn: 10, endLine: 4, endColumn: 13 },
    });
    assert.deepEqual(
      run.results.map((r: Json) => r.level),
      ['error', 'error', 'error', 'note', 'warning'],
    );
  });

  it('carries safe fixes only, as replacements', () => {
    const [objective, owner, status] = format().runs[0].results;
    assert.equal(objective.fixes, undefined);
    assert.equal(owner.fixes, undefined, 'suggestions are not SARIF fixes');
    assert.deepEqual(status.fixes, [
      {
        description: { text: "Replace 'planed' with 'planned'" },
        artifactChanges: [
          {
            artifactLocation: { uri: 'docs/plan.md', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 5, startColumn: 11, endLine: 5, endColumn: 17 }, insertedContent: { text: 'planned' } }],
          },
        ],
      },
    ]);
  });

  it('gives related locations in other files, by offset when that file was not reported', () => {
    const a = 'objectives:\n  - id: OBJ-x\n';
    const b = '## Objective: X\n- id: OBJ-x\n';
    const result = fileResult('a.strategy.yaml', a, [
      {
        ruleId: 'duplicate-id',
        severity: 'error',
        message: "Id 'OBJ-x' is declared twice.",
        at: 'OBJ-x',
        related: [
          { file: `${CWD}/docs/b.md`, span: spanOf(b, 'OBJ-x'), message: 'Also declared here' },
          { file: `${CWD}/c.md`, span: { start: 3, end: 8 }, message: 'And here' },
        ],
      },
    ]);
    const [finding] = format([result, fileResult('docs/b.md', b)]).runs[0].results;
    assert.deepEqual(finding.relatedLocations, [
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'docs/b.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 7, endLine: 2, endColumn: 12 } },
        message: { text: 'Also declared here' },
      },
      {
        id: 2,
        physicalLocation: { artifactLocation: { uri: 'c.md', uriBaseId: '%SRCROOT%' }, region: { charOffset: 3, charLength: 5 } },
        message: { text: 'And here' },
      },
    ]);
  });

  it('percent-encodes paths, and uses an absolute file URI for a file outside the working directory', () => {
    const text = '- Owner: TBD\n';
    const spec = { ruleId: 'initiative-owner', severity: 'error' as const, message: 'No owner.', at: 'TBD' };
    const inside = fileResult('my docs/plan #1.md', text, [spec]);
    const outside = { ...fileResult('x.md', text, [spec]), path: '/elsewhere/x.md' };
    outside.findings = outside.findings.map((f) => ({ ...f, file: '/elsewhere/x.md' }));
    const results = format([inside, outside]).runs[0].results;
    const uris = results.map((r: Json) => r.locations[0].physicalLocation.artifactLocation);
    assert.deepEqual(uris, [{ uri: 'my%20docs/plan%20%231.md', uriBaseId: '%SRCROOT%' }, { uri: 'file:///elsewhere/x.md' }]);
    assert.equal(new URL(uris[0].uri, 'file:///ws/').pathname, '/ws/my%20docs/plan%20%231.md');
  });

  it('is valid with no results at all', () => {
    assert.deepEqual(format([]).runs[0].results, []);
  });
});
