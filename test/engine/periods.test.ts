import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { isPlaceholderText } from '../../server/src/model/kinds.js';
import { isValidDate, parsePeriod } from '../../server/src/model/semantics.js';
import { isValidFieldValue } from '../../server/src/schema/validateValue.js';

type Part = '' | 'H1' | 'H2' | 'Q1' | 'Q2' | 'Q3' | 'Q4';

interface PeriodSpec {
  fiscal: boolean;
  year: number;
  twoDigits: boolean;
  part: Part;
  fiscalYearStart: number;
}

const periodSpec: fc.Arbitrary<PeriodSpec> = fc
  .record({
    fiscal: fc.boolean(),
    year: fc.integer({ min: 1000, max: 9999 }),
    twoDigits: fc.boolean(),
    part: fc.constantFrom<Part>('', 'H1', 'H2', 'Q1', 'Q2', 'Q3', 'Q4'),
    fiscalYearStart: fc.integer({ min: 1, max: 12 }),
  })
  // Two-digit years exist only for fiscal years (FY27), and always mean 20xx.
  .map((p) => (p.fiscal && p.twoDigits ? { ...p, year: 2000 + (p.year % 100) } : { ...p, twoDigits: p.fiscal && p.twoDigits }));

function written(p: PeriodSpec): string {
  const year = p.twoDigits ? String(p.year % 100).padStart(2, '0') : String(p.year);
  return `${p.fiscal ? 'FY' : ''}${year}${p.part ? `-${p.part}` : ''}`;
}

/** First day of the period by calendar arithmetic, independent of parsePeriod's month counting. */
function firstDay(p: PeriodSpec): string {
  const startMonth = p.fiscal ? p.fiscalYearStart : 1;
  const startYear = p.fiscal && startMonth > 1 ? p.year - 1 : p.year;
  const offset = p.part === '' ? 0 : p.part[0] === 'H' ? (Number(p.part[1]) - 1) * 6 : (Number(p.part[1]) - 1) * 3;
  const date = new Date(0);
  date.setUTCFullYear(startYear, startMonth - 1 + offset, 1);
  return date.toISOString().slice(0, 10);
}

function daysFromTo(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

const LENGTHS: Record<string, [number, number]> = { '': [365, 366], H: [181, 184], Q: [89, 92] };

describe('periods (parsePeriod)', () => {
  it('gives every period of §3 a valid last day, never before its first day, and a plausible length', () => {
    fc.assert(
      fc.property(periodSpec, (p) => {
        const period = parsePeriod(written(p), p.fiscalYearStart);
        assert.ok(period, written(p));
        assert.ok(isValidDate(period.lastDay), period.lastDay);
        const first = firstDay(p);
        assert.ok(period.lastDay >= first, `${written(p)}: ${period.lastDay} < ${first}`);
        const [min, max] = LENGTHS[p.part.charAt(0)]!;
        const days = daysFromTo(first, period.lastDay);
        assert.ok(days >= min && days <= max, `${written(p)} (fiscal-year-start ${p.fiscalYearStart}) lasts ${days} days`);
      }),
      { numRuns: 2000 },
    );
  });

  it('names a fiscal year after the calendar year in which it ends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1001, max: 9999 }), fc.integer({ min: 1, max: 12 }), (year, start) => {
        assert.equal(parsePeriod(`FY${year}`, start)!.lastDay.slice(0, 4), String(year));
      }),
    );
  });

  it('reads FY27 as FY2027, case and surrounding spaces aside, and a YAML number as its string', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.constantFrom('', '-H1', '-H2', '-Q1', '-Q2', '-Q3', '-Q4'), fc.integer({ min: 1, max: 12 }), (yy, part, start) => {
        const short = parsePeriod(` fy${String(yy).padStart(2, '0')}${part.toLowerCase()} `, start);
        const long = parsePeriod(`FY${2000 + yy}${part}`, start);
        assert.deepEqual(short, long);
      }),
    );
    fc.assert(fc.property(fc.integer({ min: 1000, max: 9999 }), (year) => assert.deepEqual(parsePeriod(year, 1), parsePeriod(String(year), 1))));
  });

  it('ends the year, its second half and its fourth quarter on the same day; the first half with the second quarter', () => {
    fc.assert(
      fc.property(periodSpec, (p) => {
        const end = (part: Part) => parsePeriod(written({ ...p, part }), p.fiscalYearStart)!.lastDay;
        assert.equal(end('H2'), end(''));
        assert.equal(end('Q4'), end(''));
        assert.equal(end('H1'), end('Q2'));
        assert.ok(end('Q1') < end('Q2') && end('Q2') < end('Q3') && end('Q3') < end('Q4'));
      }),
    );
  });

  it('matches the examples of the specification', () => {
    assert.equal(parsePeriod('FY27', 4)!.lastDay, '2027-03-31');
    assert.equal(parsePeriod('FY2027-Q1', 4)!.lastDay, '2026-06-30');
    assert.equal(parsePeriod('FY27-H2', 10)!.lastDay, '2027-09-30');
    assert.equal(parsePeriod('FY2027', 1)!.lastDay, '2027-12-31');
    assert.equal(parsePeriod('2027-H1', 4)!.lastDay, '2027-06-30', 'calendar periods ignore fiscal-year-start');
    assert.equal(parsePeriod('2028-Q1', 1)!.lastDay, '2028-03-31');
    assert.equal(parsePeriod(2027, 1)!.key, '2027');
    assert.equal(parsePeriod('FY27', 1)!.key, 'FY2027');
  });

  it('rejects what is not a period', () => {
    for (const text of ['2027-Q5', '2027-H3', '2027-H0', '27', '027', 'FY027', 'FY2027-', '2027-Q1-Q2', 'Q3-2027', 'H1', '', 'TBD']) {
      assert.equal(parsePeriod(text, 1), undefined, text);
    }
  });

  it('agrees with the JSON Schema on arbitrary text and numbers', () => {
    const unit = fc.constantFrom('F', 'f', 'Y', 'y', 'H', 'h', 'Q', 'q', '-', ' ', '0', '1', '2', '3', '4', '5', '7', '9');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (text) => {
        // The field also admits placeholders (`-`, empty), which are not periods.
        const schemaSaysPeriod = isValidFieldValue('objective', 'period', text) && !isPlaceholderText(text);
        assert.equal(schemaSaysPeriod, parsePeriod(text, 1) !== undefined, JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -20000, max: 20000 }), (n) => {
        assert.equal(isValidFieldValue('objective', 'period', n), parsePeriod(n, 1) !== undefined, String(n));
      }),
    );
  });
});

describe('dates (isValidDate)', () => {
  it('accepts exactly the days the calendar of Date has, leap years and the years 0000-0099 included', () => {
    const years = [...Array.from({ length: 120 }, (_, y) => y), 1600, 1700, 1800, 1900, 2000, 2023, 2024, 2100, 2400, 9996, 9999];
    for (const year of years) {
      for (let month = 1; month <= 12; month++) {
        const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
        for (let day = 27; day <= 32; day++) {
          const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          assert.equal(isValidDate(text), day <= last, text);
        }
      }
    }
  });
});
