import { strict as assert } from 'node:assert';
import { applyFix, findingsOf, lintWorkspace, workspace, ROOT } from '../helpers/workspace.js';
import type { TemplateSpec } from '../../server/src/templates/spec.js';
import type { Entity } from '../../server/src/model/entity.js';
import { parseConfigText } from '../../server/src/config/parse.js';

/** An OKR page: `## 2027 Q1` → `### objective` → key results as bullets, initiatives in a table. */
const OKR_PAGE: TemplateSpec = {
  name: 'okr-page',
  files: 'okrs/*.md',
  entities: [
    { kind: 'objective', heading: { level: 3, under: '^20\\d\\d Q[1-4]$' }, 'id-prefix': 'O-', fields: { owner: { header: 'Owner' } } },
    { kind: 'metric', 'list-items': { in: 'objective' }, 'id-prefix': 'KR-' },
    { kind: 'initiative', 'table-rows': { 'under-heading': 'Initiatives', columns: { title: 'Name', owner: 'Owner', metrics: 'Metrics' } }, links: ['owner'] },
  ],
};

const PAGE = [
  '# Payments OKRs', //                                   1
  '', //                                                   2
  '## 2027 Q1', //                                         3
  '', //                                                   4
  '### Grow small-business checkout', //                   5
  '', //                                                   6
  '- Owner: @maria', //                                    7
  '- Raise activation from 22% to 35% (@sam)', //          8
  '- Halve time to first payment', //                      9
  '  - Target: 2 days', //                                 10
  '', //                                                   11
  '#### Initiatives', //                                   12
  '', //                                                   13
  '| Name | Owner | Metrics |', //                         14
  '|---|---|---|', //                                      15
  '| One-click onboarding | @sam | KR-raise-activation-from-22-to-35 |', // 16
  '| Guided setup |  | KR-halve-time-to-first-payment |', // 17
  '', //                                                   18
  '## Notes', //                                           19
  '', //                                                   20
  '### Not an objective', //                               21
  '- not a key result', //                                 22
  '',
].join('\n');

const files = { 'okrs/payments.md': PAGE };
const options = { templates: [OKR_PAGE] };

function entities(): Entity[] {
  return workspace(files, options).getFile(`${ROOT}/okrs/payments.md`)!.entities;
}

function lineOf(offset: number): number {
  return PAGE.slice(0, offset).split('\n').length;
}

describe('templates: entities inside a file', () => {
  it('reads each ### heading under a `20xx Qn` heading as an objective, its fields from `Key: value` lines, its line exact', () => {
    const objectives = entities().filter((e) => e.kind === 'objective');
    assert.deepEqual(objectives.map((e) => [e.id, e.title, lineOf(e.anchor.start)]), [['O-grow-small-business-checkout', 'Grow small-business checkout', 5]]);
    assert.deepEqual(objectives[0]!.refs.map((r) => [r.field, r.id, lineOf(r.span.start)]), [['owner', 'maria', 7]]);
  });

  it('reads the bullets under an objective as key results nested in it, owner from `(@handle)` and fields from sub-items', () => {
    const metrics = entities().filter((e) => e.kind === 'metric');
    assert.deepEqual(
      metrics.map((e) => [e.id, e.title, lineOf(e.anchor.start), e.refs.map((r) => `${r.field}=${r.form === 'implicit' ? `^${r.implicitTarget!.id}` : r.id}`)]),
      [
        ['KR-raise-activation-from-22-to-35', 'Raise activation from 22% to 35%', 8, ['owner=sam', 'objective=^O-grow-small-business-checkout']],
        ['KR-halve-time-to-first-payment', 'Halve time to first payment', 9, ['objective=^O-grow-small-business-checkout']],
      ],
    );
    // `- Owner: @maria` is the objective's field, not a key result; `Target: 2 days` belongs to the item above it.
    assert.deepEqual(metrics[1]!.fields.map((f) => [f.key, f.value.type === 'scalar' ? f.value.value : null]), [['title', 'Halve time to first payment'], ['target', '2 days']]);
  });

  it('reads table rows under a named heading as initiatives nested in the objective, each field at its cell', () => {
    const initiatives = entities().filter((e) => e.kind === 'initiative');
    assert.deepEqual(
      initiatives.map((e) => [e.id, lineOf(e.anchor.start), PAGE.slice(e.anchor.start, e.anchor.end), e.refs.map((r) => `${r.field}=${r.form === 'implicit' ? `^${r.implicitTarget!.id}` : r.id}`)]),
      [
        ['one-click-onboarding', 16, 'One-click onboarding', ['owner=sam', 'metrics=KR-raise-activation-from-22-to-35', 'objective=^O-grow-small-business-checkout']],
        ['guided-setup', 17, 'Guided setup', ['metrics=KR-halve-time-to-first-payment', 'objective=^O-grow-small-business-checkout']],
      ],
    );
  });

  it('reports a row with an empty Owner cell as initiative-owner at that cell, and the fix fills the cell', () => {
    const found = findingsOf('initiative-owner', files, { ...options, templates: [OKR_PAGE] });
    assert.deepEqual(found.map((f) => [f.line, f.column, f.text]), [[17, 17, '  ']]);
    assert.match(found[0]!.message, /Initiative 'guided-setup' has no owner/);
    const owners = { ...files, 'team.strategy.yaml': 'owners:\n  - id: "@lee"\n' };
    const [withOwners] = findingsOf('initiative-owner', owners, options);
    const fixed = applyFix(owners, withOwners!.finding);
    assert.equal(fixed['okrs/payments.md']!.split('\n')[16], '| Guided setup | @lee | KR-halve-time-to-first-payment |');
  });

  it('resolves references to the entities inside the file, and reports those that point at nothing at the cell', () => {
    const broken = { 'okrs/payments.md': PAGE.replace('KR-halve-time-to-first-payment |', 'KR-halve-time |') };
    const found = findingsOf('unresolved-reference', broken, options);
    assert.deepEqual(found.map((f) => [f.line, f.text]), [[17, 'KR-halve-time']]);
    assert.deepEqual(findingsOf('unresolved-reference', files, options), []);
  });

  it('reads `Owner: @handle (a note)` under a heading as the handle, the note left out', () => {
    const noted = { 'okrs/payments.md': PAGE.replace('- Owner: @maria', '- Owner: @maria (until March)') };
    const objective = workspace(noted, options).getFile(`${ROOT}/okrs/payments.md`)!.entities.find((e) => e.kind === 'objective')!;
    assert.deepEqual(objective.refs.map((r) => [r.field, r.id, noted['okrs/payments.md'].slice(r.span.start, r.span.end)]), [['owner', 'maria', '@maria']]);
  });

  it('reads no entity from a row without a title (a blank separator row, an empty bold cell)', () => {
    const spaced = { 'okrs/payments.md': PAGE.replace('| Guided setup |', '|  |  |  |\n| **** | @sam | |\n| Guided setup |') };
    const initiatives = workspace(spaced, options).getFile(`${ROOT}/okrs/payments.md`)!.entities.filter((e) => e.kind === 'initiative');
    assert.deepEqual(initiatives.map((e) => e.id), ['one-click-onboarding', 'guided-setup']);
    assert.deepEqual(findingsOf('duplicate-id', spaced, options), []);
  });

  it('says that the id of a key result bullet written twice comes from its text', () => {
    const twice = { 'okrs/payments.md': PAGE.replace('- Halve time to first payment', '- Halve time to first payment\n- Halve time to first payment') };
    const found = findingsOf('duplicate-id', twice, options);
    assert.deepEqual(found.map((f) => f.line), [9, 10]);
    assert.match(found[0]!.message, /This id comes from the item text: reword one of them\.$/);
  });

  it('does not read headings, items or rows the template does not place, nor entities when the file does not match', () => {
    assert.ok(!entities().some((e) => e.title === 'Not an objective' || e.title === 'not a key result'));
    assert.deepEqual(lintWorkspace({ 'notes/payments.md': PAGE }, options), []);
  });
});

describe('templates: entities inside a file, in the config', () => {
  const problems = (text: string) => parseConfigText('.strategylint.yaml', text).problems.map((p) => `${p.line}:${p.column} ${p.message}`);
  const head = 'templates:\n  - name: okr-page\n    files: "okrs/*.md"\n    entities:\n';

  it('accepts headings, list items and table rows without a kind', () => {
    const text = `${head}      - { kind: objective, heading: { level: 3, under: "^20\\\\d\\\\d Q[1-4]$" }, fields: { owner: { header: Owner } } }\n      - { kind: metric, list-items: { in: objective } }\n      - { kind: initiative, table-rows: { under-heading: Initiatives, columns: { title: Name, owner: Owner } }, links: [owner] }\n`;
    assert.deepEqual(problems(text), []);
  });

  it('reports an unknown key of an inner entity at that key', () => {
    assert.deepEqual(problems(`${head}      - { kind: metric, heading: { level: 2, undr: x } }\n`), ['5:46 templates[0].entities[0].heading: unknown key "undr"']);
  });

  it('reports an inner entity placed twice, `in` a kind no heading reads and a bad pattern, each where it is written', () => {
    const text = `${head}      - { kind: metric, list-items: { in: initiative }, table-rows: { under-heading: X, columns: {} } }\n      - { kind: objective, heading: { level: 2, matches: "(" } }\n`;
    assert.deepEqual(problems(text), [
      '5:9 templates[0].entities[0]: name exactly one of heading, list-items, table-rows (where the metric entities sit), not 2',
      '5:43 templates[0].entities[0].list-items.in: no heading entity of this template is of kind initiative',
      '6:58 templates[0].entities[1].heading.matches: not a valid regular expression: Invalid regular expression: /(/: Unterminated group',
    ]);
  });
});
