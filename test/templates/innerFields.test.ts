import { strict as assert } from 'node:assert';
import { applyFix, findingsOf, workspace, ROOT, type Located } from '../helpers/workspace.js';
import type { TemplateSpec } from '../../server/src/templates/spec.js';
import type { Entity } from '../../server/src/model/entity.js';
import { fieldText } from '../../server/src/model/semantics.js';

/**
 * A missing field of an entity inside a templated file is added in the form the entity sits in
 * (docs/templates.md "Entities inside a file"): a `Key: value` line under a heading, `(@handle)` or
 * a sub-item on a list item, a cell of a table row. Where no edit fits, the message says what to
 * write and where, and no fix is offered.
 */
const PLAN: TemplateSpec = {
  name: 'team-plan',
  files: 'plans/*.md',
  entities: [
    { kind: 'objective', heading: { level: 2, matches: '^Goal: ' }, 'id-prefix': 'O-' },
    { kind: 'metric', 'list-items': { 'under-heading': 'Key results' }, 'id-prefix': 'KR-', schema: { required: ['target'] } },
    // Bets: headings whose lead is read from a `- Lead: @x` line; Ideas: headings with no such line declared.
    { kind: 'initiative', heading: { level: 3, matches: '^Bet: ' }, fields: { owner: { header: 'Lead' } }, links: ['owner'] },
    { kind: 'initiative', heading: { level: 3, matches: '^Idea: ' }, links: ['owner'] },
    { kind: 'initiative', 'list-items': { 'under-heading': 'Chores' }, links: ['owner', 'metrics'] },
    { kind: 'initiative', 'table-rows': { 'under-heading': 'Projects', columns: { title: 'Project', owner: 'Owner', metrics: 'Moves' } }, links: ['owner'] },
    { kind: 'initiative', 'table-rows': { 'under-heading': 'Spikes', columns: { title: 'Spike' } }, links: ['owner'] },
  ],
};

const PAGE = [
  '# Support plan', //                                       1
  '', //                                                     2
  '## Goal: Customers get answers the same day', //          3
  '', //                                                     4
  '### Key results', //                                      5
  '', //                                                     6
  '- Median first reply under 4 hours', //                   7
  '  - Target: 4', //                                        8
  '- Backlog older than a week at zero', //                  9
  '', //                                                     10
  '### Bet: Triage rota', //                                 11
  'Two people a day read every new ticket.', //             12
  '', //                                                     13
  '### Idea: Canned replies', //                             14
  '', //                                                     15
  '### Chores', //                                           16
  '', //                                                     17
  '- Tag old tickets', //                                    18
  '- Close duplicates (@ana)', //                            19
  '  - Metrics: KR-backlog-older-than-a-week-at-zero', //    20
  '', //                                                     21
  '### Projects', //                                         22
  '', //                                                     23
  '| Project | Owner | Moves |', //                           24
  '|---|---|---|', //                                        25
  '| Help centre search |  | KR-median-first-reply-under-4-hours |', // 26
  '| Macro library |', //                                    27
  '', //                                                     28
  '### Spikes', //                                           29
  '', //                                                     30
  '| Spike |', //                                            31
  '|---|', //                                                32
  '| Chat widget |', //                                      33
  '',
].join('\n');

const OWNERS = 'owners:\n  - id: "@lee"\n';
const files = { 'plans/support.md': PAGE, 'team.strategy.yaml': OWNERS };
const options = { templates: [PLAN] };

function at(ruleId: string, line: number, given: Record<string, string> = files): Located {
  const found = findingsOf(ruleId, given, options).filter((f) => f.file === 'plans/support.md' && f.line === line);
  assert.equal(found.length, 1, `one ${ruleId} at line ${line}, got ${found.map((f) => `${f.line}: ${f.message}`).join(' | ')}`);
  return found[0]!;
}

function entityTitled(given: Record<string, string>, title: string): Entity {
  const entity = workspace(given, options).getFile(`${ROOT}/plans/support.md`)!.entities.find((e) => e.title === title);
  assert.ok(entity, `an entity titled ${title}`);
  return entity;
}

/** The page after the finding's first fix, with the lines that changed. */
function fixed(finding: Located): { page: string; lines: string[] } {
  const page = applyFix(files, finding.finding)['plans/support.md']!;
  const before = PAGE.split('\n');
  return { page, lines: page.split('\n').filter((line, i) => line !== before[i]) };
}

describe('templates: adding a field to an entity inside a file', () => {
  it('a heading whose template reads the field from a line: inserts `- Lead: @x` under it, read back as its owner', () => {
    const found = at('initiative-owner', 11);
    assert.match(found.message, /Add `- Lead: @handle` under its heading\.$/);
    assert.equal(found.finding.fixes?.[0]?.title, 'Insert owner @lee');
    assert.equal(found.finding.fixes?.[0]?.safe, false);
    const { page } = fixed(found);
    // A blank line keeps the paragraph after the heading a paragraph.
    assert.deepEqual(page.split('\n').slice(10, 14), ['### Bet: Triage rota', '- Lead: @lee', '', 'Two people a day read every new ticket.']);
    assert.equal(fieldText(entityTitled({ ...files, 'plans/support.md': page }, 'Bet: Triage rota'), 'owner'), '@lee');
    assert.deepEqual(findingsOf('initiative-owner', { ...files, 'plans/support.md': page }, options).map((f) => f.line).filter((l) => l === 11 || l === 12), []);
  });

  it('a heading in a file that writes such lines as `**Lead:** @x`: the message and the new line take that shape', () => {
    const bold = { ...files, 'plans/support.md': PAGE.replace('### Idea: Canned replies', '### Bet: Macros\n\n**Lead:** @ana\n\n### Idea: Canned replies') };
    const found = at('initiative-owner', 11, bold);
    assert.match(found.message, /Add `\*\*Lead:\*\* @handle` under its heading\.$/);
    const page = applyFix(bold, found.finding)['plans/support.md']!;
    assert.deepEqual(page.split('\n').slice(10, 12), ['### Bet: Triage rota', '**Lead:** @lee']);
    assert.equal(fieldText(entityTitled({ ...bold, 'plans/support.md': page }, 'Bet: Triage rota'), 'owner'), '@lee');
  });

  it('a heading whose template reads no line for the field: no fix, a message that says how the template could read one', () => {
    const found = at('initiative-owner', 14);
    assert.equal(found.finding.fixes?.length ?? 0, 0);
    assert.match(found.message, /Add `- Owner: @handle` under its heading, once the team-plan template reads `owner` from such a line \(`fields: \{ owner: \{ header: Owner \} \}`\)\.$/);
  });

  it('a list item: its owner is appended as `(@x)`, read back as its owner; nothing is inserted as a new bullet', () => {
    const found = at('initiative-owner', 18);
    assert.match(found.message, /Add `\(@handle\)` at the end of the item\.$/);
    const { page, lines } = fixed(found);
    assert.deepEqual(lines.slice(0, 1), ['- Tag old tickets (@lee)']);
    assert.equal(page.split('\n').length, PAGE.split('\n').length);
    const item = entityTitled({ ...files, 'plans/support.md': page }, 'Tag old tickets');
    assert.equal(fieldText(item, 'owner'), '@lee');
  });

  it('a list item: another field is an indented `- Key: value` sub-item, read back as that field', () => {
    const found = at('initiative-metric', 18);
    assert.match(found.message, /Add a sub-item `- Metrics: <metric id>` under the item naming the key result it moves\.$/);
    const link = found.finding.fixes!.find((f) => f.title === "Link metric 'KR-median-first-reply-under-4-hours'")!;
    const page = applyFix(files, found.finding, found.finding.fixes!.indexOf(link))['plans/support.md']!;
    assert.deepEqual(page.split('\n').slice(17, 20), ['- Tag old tickets', '  - Metrics: KR-median-first-reply-under-4-hours', '- Close duplicates (@ana)']);
    const after = { ...files, 'plans/support.md': page };
    assert.deepEqual(findingsOf('initiative-metric', after, options).filter((f) => f.line === 18), []);
    assert.deepEqual(findingsOf('unresolved-reference', after, options), []);
  });

  it('a missing required field of a list item: template-schema says to add a sub-item', () => {
    const found = at('template-schema', 9);
    assert.match(found.message, /has no `target`: the team-plan template requires it\. Add a sub-item `- Target: <value>` under the item\.$/);
  });

  it('a table row with the column and an empty cell: the fix fills the cell, spaces kept, and the row stays a row', () => {
    const found = at('initiative-owner', 26);
    assert.match(found.message, /Add `@handle` to its `Owner` cell\.$/);
    assert.equal(found.text, '  ');
    const { page, lines } = fixed(found);
    assert.deepEqual(lines, ['| Help centre search | @lee | KR-median-first-reply-under-4-hours |']);
    assert.equal(fieldText(entityTitled({ ...files, 'plans/support.md': page }, 'Help centre search'), 'owner'), '@lee');
  });

  it('a table row with no cell in the column, or a table without the column: no fix, the message names the cell or the column', () => {
    const short = at('initiative-owner', 27);
    assert.equal(short.finding.fixes?.length ?? 0, 0);
    assert.match(short.message, /Add `@handle` to its `Owner` cell\.$/);
    const noColumn = at('initiative-owner', 33);
    assert.equal(noColumn.finding.fixes?.length ?? 0, 0);
    assert.match(noColumn.message, /Add a column for `owner` to its table and to the team-plan template's `columns` \(`owner: Owner`\), with `@handle` in this row\.$/);
    const withColumn: TemplateSpec = { ...PLAN, entities: PLAN.entities!.map((e) => (e['table-rows']?.['under-heading'] === 'Spikes' ? { ...e, 'table-rows': { 'under-heading': 'Spikes', columns: { title: 'Spike', owner: 'Lead' } } } : e)) };
    const mapped = findingsOf('initiative-owner', files, { templates: [withColumn] }).filter((f) => f.line === 33);
    assert.equal(mapped.length, 1);
    assert.equal(mapped[0]!.finding.fixes?.length ?? 0, 0);
    assert.match(mapped[0]!.message, /Add a column `Lead` to its table, with `@handle` in this row\.$/);
  });

  it('--fix applies none of them: they are suggestions', () => {
    for (const ruleId of ['initiative-owner', 'initiative-metric']) {
      for (const f of findingsOf(ruleId, files, options)) for (const fix of f.finding.fixes ?? []) assert.equal(fix.safe, false, `${ruleId}: ${fix.title}`);
    }
  });
});
