import { strict as assert } from 'node:assert';
import { findingsOf, workspace, ROOT } from '../helpers/workspace.js';
import type { TemplateSpec } from '../../server/src/templates/spec.js';
import { fieldScalar } from '../../server/src/model/semantics.js';
import { parseConfigText } from '../../server/src/config/parse.js';

/**
 * A field read from a heading around an entity inside a file (docs/templates.md `{ heading: … }`):
 * an objective under `## 2027 Q1` has the period 2027-Q1, so the execution-health rules judge its
 * key results against the quarter.
 */
const QUARTERS: TemplateSpec = {
  name: 'quarterly-okrs',
  files: 'okrs/*.md',
  entities: [
    {
      kind: 'objective',
      heading: { level: 3, under: '^20\\d\\d Q\\d' },
      'id-prefix': 'O-',
      fields: { period: [{ header: 'Period' }, { heading: '^(20\\d\\d) Q([1-9])\\b', value: '$1-Q$2' }], owner: { header: 'Owner' } },
      schema: { properties: { period: { type: 'string', format: 'period' } } },
    },
    { kind: 'metric', 'list-items': { in: 'objective' }, 'id-prefix': 'KR-' },
  ],
};

const PAGE = [
  '# Checkout OKRs', //                                        1
  '', //                                                        2
  '## 2027 Q1 (draft)', //                                      3
  '', //                                                        4
  '### Make paying fast', //                                    5
  '', //                                                        6
  '- Owner: @maria', //                                         7
  '- Cut checkout time to 30 seconds', //                       8
  '  - Baseline: 90', //                                        9
  '  - Target: 30', //                                          10
  '  - Current: 85', //                                         11
  '', //                                                        12
  '### Keep refunds low', //                                    13
  '', //                                                        14
  '- Period: 2027-H1', //                                       15
  '- Refund rate under 2 percent', //                           16
  '', //                                                        17
  '## 2026 Q5', //                                              18
  '', //                                                        19
  '### A quarter that does not exist', //                       20
  '',
].join('\n');

const files = { 'okrs/checkout.md': PAGE };
const options = { templates: [QUARTERS], today: '2027-03-10' };

function periodOf(title: string): { value: unknown; text: string } | undefined {
  const entity = workspace(files, options).getFile(`${ROOT}/okrs/checkout.md`)!.entities.find((e) => e.title === title)!;
  const period = fieldScalar(entity, 'period');
  return period && { value: period.value, text: PAGE.slice(period.span.start, period.span.end) };
}

describe('templates: a field read from a heading around an entity', () => {
  it('gives an objective under `## 2027 Q1` the period 2027-Q1, at the heading text it came from', () => {
    assert.deepEqual(periodOf('Make paying fast'), { value: '2027-Q1', text: '2027 Q1' });
  });

  it('reads its own line first: `- Period:` under the objective wins over the heading around it', () => {
    assert.deepEqual(periodOf('Keep refunds low'), { value: '2027-H1', text: '2027-H1' });
  });

  it('lets metric-pace judge a key result in a bullet against the quarter of the heading above its objective', () => {
    const found = findingsOf('metric-pace', files, options);
    assert.deepEqual(found.map((f) => [f.line, f.text]), [[11, '85']]);
    assert.match(found[0]!.message, /is at risk: .* window ends 2027-03-31/);
    // The same page with the period written nowhere: nothing to judge against.
    const noPeriod = { templates: [{ ...QUARTERS, entities: [{ ...QUARTERS.entities![0]!, fields: { owner: { header: 'Owner' } } }, QUARTERS.entities![1]!] }], today: options.today };
    assert.deepEqual(findingsOf('metric-pace', files, noPeriod), []);
  });

  it('reports a period the pattern makes invalid at the heading text, with no fix that would rewrite the heading', () => {
    const found = findingsOf('invalid-value', files, options);
    assert.deepEqual(found.map((f) => [f.line, f.text]), [[18, '2026 Q5']]);
    assert.match(found[0]!.message, /2026-Q5/);
    assert.equal(found[0]!.finding.fixes?.length ?? 0, 0);
  });

  it('without `value`, reads the first group (else the whole match)', () => {
    const template: TemplateSpec = { ...QUARTERS, entities: [{ kind: 'objective', heading: { level: 3 }, fields: { team: { heading: '^Team (\\w+)' }, year: { heading: '^20\\d\\d' } } }] };
    const page = '## Team Atlas\n\n## 2027 Q2\n\n### Ship it\n';
    const entity = workspace({ 'okrs/a.md': page }, { templates: [template] }).getFile(`${ROOT}/okrs/a.md`)!.entities[0]!;
    // `Team Atlas` is not around `### Ship it`: `## 2027 Q2` closed its section.
    const read = (name: string) => entity.fields.find((f) => f.key === name)?.value;
    const year = read('year');
    assert.equal(read('team'), undefined);
    assert.deepEqual(year?.type === 'scalar' && [year.value, year.text, year.span, year.derived], ['2027', '2027', { start: 18, end: 22 }, true]);
  });

  describe('in the config', () => {
    const problems = (text: string) => parseConfigText('.strategylint.yaml', text).problems.map((p) => `${p.line}:${p.column} ${p.message}`);

    it('accepts a heading source with a value on an entity inside a file', () => {
      const text = 'templates:\n  - name: q\n    files: "okrs/*.md"\n    entities:\n      - kind: objective\n        heading: { level: 3 }\n        fields: { period: { heading: "^(\\\\d{4}) Q([1-4])", value: "$1-Q$2" } }\n';
      assert.deepEqual(problems(text), []);
    });

    it('reports a heading source on a whole-file template, and a bad pattern, where each is written', () => {
      const text =
        'templates:\n  - name: w\n    files: "docs/*.md"\n    kind: prd\n    fields: { period: { heading: "Q" } }\n' +
        '  - name: q\n    files: "okrs/*.md"\n    entities:\n      - kind: objective\n        heading: { level: 3 }\n        fields: { period: [{ heading: "(" }] }\n';
      assert.deepEqual(problems(text), [
        '5:25 templates[0].fields.period.heading: a field read from a heading around the entity is for entities inside a file (`entities`); a whole file has no heading around it',
        '11:39 templates[1].entities[0].fields.period[0].heading: not a valid regular expression: Invalid regular expression: /(/: Unterminated group',
      ]);
    });
  });
});
