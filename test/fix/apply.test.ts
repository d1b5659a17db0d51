import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyEdits, chooseSafeFixes, fixUntilStable, MAX_FIX_PASSES, type FixEngine } from '../../server/src/fix/apply.js';
import type { Finding, Fix, TextEdit } from '../../server/src/model/finding.js';

const FILE = '/ws/a.md';

function finding(...fixes: Fix[]): Finding {
  return { ruleId: 'x', severity: 'error', message: 'm', file: FILE, span: { start: 0, end: 0 }, fixes };
}

function safe(...edits: TextEdit[]): Fix {
  return { title: 't', safe: true, edits };
}

function edit(start: number, end: number, newText: string, file = FILE): TextEdit {
  return { file, start, end, newText };
}

/** Arbitrary text (with line breaks and non-ASCII) and arbitrary fixes of 1–3 edits inside it. */
const textAndFixes = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', 'é', '😀'.charAt(0), ':'), maxLength: 60 }).chain((text) => {
  const anEdit = fc
    .tuple(fc.nat({ max: text.length }), fc.nat({ max: text.length }), fc.string({ unit: fc.constantFrom('x', 'y', '\n', '"'), maxLength: 5 }))
    .map(([a, b, newText]) => edit(Math.min(a, b), Math.max(a, b), newText));
  const aFix = fc.tuple(fc.array(anEdit, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([edits, isSafe]) => ({ title: 't', safe: isSafe, edits }));
  return fc.tuple(fc.constant(text), fc.array(fc.array(aFix, { maxLength: 2 }), { maxLength: 8 }));
});

describe('applying fixes', () => {
  it('never loses or reorders text outside the edited ranges (property)', () => {
    fc.assert(
      fc.property(textAndFixes, ([text, fixesPerFinding]) => {
        const findings = fixesPerFinding.map((fixes) => finding(...fixes));
        const chosen = chooseSafeFixes(findings, new Map([[FILE, text]])).get(FILE) ?? [];
        const sorted = [...chosen].sort((a, b) => a.start - b.start);
        // Chosen edits neither overlap nor touch.
        for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i - 1]!.end < sorted[i]!.start, 'edits are apart');
        // A fix is applied whole or not at all.
        for (const f of findings) {
          const fix = f.fixes?.find((x) => x.safe);
          if (!fix) continue;
          const taken = fix.edits.filter((e) => chosen.includes(e)).length;
          assert.ok(taken === 0 || taken === fix.edits.length, 'fixes are atomic');
        }
        const result = applyEdits(text, chosen);
        // Every untouched stretch of the original is found, unchanged, at its shifted place.
        let inPos = 0;
        let outPos = 0;
        for (const e of sorted) {
          const kept = text.slice(inPos, e.start);
          assert.equal(result.slice(outPos, outPos + kept.length), kept);
          outPos += kept.length;
          assert.equal(result.slice(outPos, outPos + e.newText.length), e.newText);
          outPos += e.newText.length;
          inPos = e.end;
        }
        assert.equal(result.slice(outPos), text.slice(inPos));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a BOM and turns inserted line breaks into CRLF in a CRLF file (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'bc', ': d'), { minLength: 1, maxLength: 8 }), fc.nat(), fc.string({ unit: fc.constantFrom('x', '\n', '\r\n'), maxLength: 6 }), (lines, at, newText) => {
        const body = lines.join('\r\n') + '\r\n';
        const offset = at % (body.length + 1);
        // Never split a CRLF pair.
        const start = body[offset - 1] === '\r' ? offset - 1 : offset;
        const result = applyEdits(`\uFEFF${body}`, [edit(start, start, newText)]);
        assert.ok(result.startsWith('\uFEFF') && !result.startsWith('\uFEFF\uFEFF'), 'one BOM');
        assert.doesNotMatch(result.slice(1), /(^|[^\r])\n/, 'no lone LF');
        assert.equal(result.replace(/\r\n/g, '\n'), `\uFEFF${body.slice(0, start)}${newText}${body.slice(start)}`.replace(/\r\n/g, '\n'));
      }),
    );
  });

  it('leaves an LF file with LF line breaks', () => {
    assert.equal(applyEdits('a\nb\n', [edit(2, 3, 'x\ny')]), 'a\nx\ny\n');
  });

  it('skips suggestion fixes, no-op fixes, fixes out of bounds and fixes of files it does not own', () => {
    const texts = new Map([[FILE, 'hello world']]);
    const suggestion = { title: 't', safe: false, edits: [edit(0, 5, 'HELLO')] };
    const noop = safe(edit(0, 5, 'hello'));
    const outOfBounds = safe(edit(5, 99, ''));
    const otherFile = safe(edit(0, 1, 'x'), edit(0, 1, 'y', '/ws/other.md'));
    assert.deepEqual(chooseSafeFixes([finding(suggestion), finding(noop), finding(outOfBounds), finding(otherFile)], texts), new Map());
  });

  it('takes the first safe fix of a finding, and defers one that touches an edit already chosen', () => {
    const texts = new Map([[FILE, 'abcdef']]);
    const first = finding({ title: 's', safe: false, edits: [edit(0, 1, 'S')] }, safe(edit(0, 1, 'A')), safe(edit(1, 2, 'B')));
    const touching = finding(safe(edit(1, 2, 'X')));
    const apart = finding(safe(edit(4, 5, 'E')));
    assert.deepEqual(chooseSafeFixes([first, touching, apart], texts).get(FILE), [edit(0, 1, 'A'), edit(4, 5, 'E')]);
  });
});

describe('fixing until stable', () => {
  /** An engine whose only rule says: an `a` is wrong, write `b` (one safe fix per `a`). */
  function fakeEngine(texts: Map<string, string>): FixEngine & { lints: number } {
    const engine = {
      lints: 0,
      update(file: string, text: string) {
        texts.set(file, text);
        return new Set([file]);
      },
      lint(file: string): Finding[] {
        engine.lints++;
        const text = texts.get(file)!;
        const out: Finding[] = [];
        for (let i = text.indexOf('a'); i !== -1; i = text.indexOf('a', i + 1)) out.push({ ...finding(safe(edit(i, i + 1, 'b', file))), span: { start: i, end: i + 1 } });
        return out;
      },
    };
    return engine;
  }

  it('applies deferred (adjacent) fixes in later passes until none is left', () => {
    const texts = new Map([[FILE, 'aaaa-a']]);
    const shadow = new Map(texts);
    const engine = fakeEngine(shadow);
    const findings = new Map([[FILE, engine.lint(FILE)]]);
    const changed = fixUntilStable(engine, texts, findings);
    assert.deepEqual([...changed], [FILE]);
    assert.equal(texts.get(FILE), 'bbbb-b');
    assert.deepEqual(findings.get(FILE), []);
  });

  it('stops after MAX_FIX_PASSES when fixes keep coming', () => {
    const file = '/ws/loop.md';
    const texts = new Map([[file, 'x']]);
    let n = 0;
    const engine: FixEngine = {
      update: () => new Set([file]),
      // Always proposes another change: a rule bug must not hang the CLI.
      lint: () => [{ ...finding(safe(edit(0, 0, String(n++), file))), file }],
    };
    const findings = new Map([[file, engine.lint(file)]]);
    fixUntilStable(engine, texts, findings);
    assert.equal(texts.get(file)!.length, 1 + MAX_FIX_PASSES, 'one insertion per pass');
  });
});
