import { strict as assert } from 'node:assert';
import { findingsMoved, placesMoved } from '../../server/src/cache/movedFindings.js';
import type { Finding } from '../../server/src/model/finding.js';
import { parseFile } from '../../server/src/parse/parseFile.js';

const DOC = '/ws/area.md';
const BEFORE = '# Area\n\n### Initiative: First\n- id: INIT-a\n- owner: @ana\n- status: planned\n\n### Initiative: Second\n- id: INIT-b\n- owner: @ana\n- status: planned\n';
// The first title is longer and a paragraph comes before the second initiative: its places move.
const AFTER = BEFORE.replace('### Initiative: First\n', '### Initiative: First, renamed\n').replace('\n### Initiative: Second', '\nSome prose.\n\n### Initiative: Second');

const before = parseFile(DOC, BEFORE);
const after = parseFile(DOC, AFTER);
const moved = placesMoved(before, after);
const [, second] = before.entities;
const [, secondAfter] = after.entities;

/** An owner-load finding in the owners file, listing area.md's second initiative. */
function listing(span: { start: number; end: number }, fixes?: Finding['fixes']): Finding {
  return {
    ruleId: 'owner-load',
    severity: 'warning',
    message: 'Owner @ana carries 2 active initiatives',
    file: '/ws/owners.strategy.yaml',
    span: { start: 10, end: 14 },
    related: [
      { file: '/ws/other.md', span: { start: 3, end: 9 }, message: 'elsewhere' },
      { file: DOC, span, message: "active initiative 'INIT-b'" },
    ],
    ...(fixes ? { fixes } : {}),
  };
}

describe('lint cache: findings moved along with an edit that only moves or retitles', () => {
  it('moves a place that is a part of an entity to the same part after the edit, and leaves other files\' places', () => {
    const [finding] = findingsMoved([listing(second!.anchor)], DOC, moved)!;
    assert.deepEqual(finding!.related![1]!.span, { start: secondAfter!.anchor.start, end: secondAfter!.anchor.end });
    assert.notEqual(finding!.related![1]!.span.start, second!.anchor.start, 'the place moved');
    assert.deepEqual(finding!.related![0], listing(second!.anchor).related![0]);
    const elsewhere = [{ ...listing(second!.anchor), related: [listing(second!.anchor).related![0]!] }];
    assert.equal(findingsMoved(elsewhere, DOC, moved), elsewhere, 'findings that name no place in the file are given back as they are');
    const status = second!.fields.find((f) => f.key === 'status')!.value.span;
    const statusAfter = secondAfter!.fields.find((f) => f.key === 'status')!.value.span;
    assert.deepEqual(moved(status), { start: statusAfter.start, end: statusAfter.end });
  });

  it('gives nothing for a place that is no part of an entity, or when a fix edits the file', () => {
    assert.equal(findingsMoved([listing({ start: 0, end: 6 })], DOC, moved), undefined, '# Area is no entity\'s');
    const edit = [{ title: 'Reassign', safe: false, edits: [{ file: DOC, start: second!.anchor.start, end: second!.anchor.end, newText: 'x' }] }];
    assert.equal(findingsMoved([listing(second!.anchor, edit)], DOC, moved), undefined);
  });

  it('pairs fields without the title: a YAML title added before a status leaves the status\'s place with the status', () => {
    const yaml = 'objectives:\n  - id: O1\n    status: achieved\n';
    const was = parseFile('/ws/p.strategy.yaml', yaml);
    const now = parseFile('/ws/p.strategy.yaml', yaml.replace('    status', '    title: Renamed\n    status'));
    const status = (file: typeof was) => file.entities[0]!.fields.find((f) => f.key === 'status')!.value.span;
    assert.deepEqual(placesMoved(was, now)(status(was)), { start: status(now).start, end: status(now).end });
  });
});
