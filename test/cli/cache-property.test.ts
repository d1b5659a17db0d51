import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { loadCache } from '../../server/src/cache/cacheFile.js';
import { cacheKey } from '../../server/src/cache/cacheKey.js';
import { lintWithCache } from '../../server/src/cli/cachedLint.js';
import { toDiagnostic } from '../../server/src/lsp/diagnostics.js';
import { encodeDiagnostics } from '../../server/src/lsp/diagnosticsEncoding.js';
import { discoverWorkspace, loadWorkspace } from '../../server/src/cli/workspace.js';
import type { Finding } from '../../server/src/model/finding.js';
import type { LineMap } from '../../server/src/text/lineMap.js';
import type { CacheStrategy } from '../../server/src/cache/cacheKey.js';
import { editArb, fileName, fileSpec, NAMES, render, type FileSpec } from '../helpers/strategyArbitraries.js';

/**
 * Property: after any sequence of edits, additions and removals, a `--cache` run reports exactly
 * what a run without the cache reports: every finding, its range, message, related places and
 * fixes, in the same order, file by file. And the cache it leaves holds, for every file with
 * findings, what the language server would publish for them (the same JSON and digest), related
 * places in other files at their current lines.
 */

// Low limits so that focus-limit and owner-load fire in small workspaces; duplicate ids stay on.
const CONFIG = `today: 2027-02-01
fiscal-year-start: 4
rules:
  focus-limit: [warning, { max: 1 }]
  owner-load: [warning, { capacity: 1 }]
`;

function coldFindings(root: string, strategy: CacheStrategy = 'content'): [string, Finding[]][] {
  const workspace = loadWorkspace({ paths: [root] });
  const all = workspace.engine.lintAll();
  // What the server would publish for these findings is what the cache holds for it.
  const read = loadCache(path.join(root, '.strategylintcache'), cacheKey(discoverWorkspace({ paths: [root] }).cascade, strategy));
  assert.ok(read.ok, 'the cache the --cache run wrote is read');
  {
    for (const file of workspace.reported) {
      const findings = all.get(file) ?? [];
      const stored = read.cache.publishedForm(read.cache.get(file)!);
      if (!findings.length) {
        assert.equal(stored, undefined, file);
        continue;
      }
      const live = findings.map((f) => toDiagnostic(f, workspace.engine.getFile(file)!.lineMap, workspace.engine.index));
      assert.ok(stored, `${file}: published form stored`);
      assert.equal(stored.json(), JSON.stringify(live), `${file}: published form`);
      assert.equal(stored.digest, encodeDiagnostics(live).digest, `${file}: digest`);
    }
  }
  return workspace.reported.map((f) => [f, all.get(f) ?? []]);
}

/**
 * A report's piece as a format would make it: everything the findings hold, and the line map's,
 * so that a piece printed as stored that does not stand shows.
 */
const pieces = { pieceKey: 'test pieces', render: (file: string, findings: readonly Finding[], lineMap: LineMap) => `${file}\n${JSON.stringify(findings)}\n${lineMap.table().starts.join(',')}` };

function cachedFindings(root: string, strategy: CacheStrategy): { findings: [string, Finding[]][]; cache: string } {
  const found = discoverWorkspace({ paths: [root] });
  const linted = lintWithCache(found, { location: path.join(root, '.strategylintcache'), strategy, warn: (m) => assert.fail(m), pieces });
  const findings = linted.reported.map((f): [string, Finding[]] => [f, linted.findings.get(f) ?? []]);
  // A piece printed as stored is the one the file's findings (those of a run without the cache, compared below) make.
  for (const [file, list] of findings) {
    const stored = linted.storedPiece?.(file);
    if (stored !== undefined) assert.equal(stored, pieces.render(file, list, linted.view(file)!.lineMap), `${file}: piece printed as stored`);
  }
  return { findings, cache: linted.stats.cache };
}

/**
 * Writes a workspace of `specs` (and the `extra` files) and checks a first --cache run; then, for
 * each edit in turn, changes the lines of the spec file it targets (`change`) and checks the
 * --cache run after it. Each run is compared with a run without the cache.
 */
function checkLineEdits<Edit extends { target: number }>(specs: FileSpec[], extra: Record<string, string>, edits: Edit[], what: string, change: (lines: string[], spec: FileSpec, edit: Edit) => void): void {
  const root = mkdtempSync(path.join(tmpdir(), 'strategy-lint-cache-'));
  try {
    writeFileSync(path.join(root, '.strategylint.yaml'), CONFIG);
    specs.forEach((spec, i) => writeFileSync(path.join(root, fileName(i, spec)), render(spec)));
    for (const [name, text] of Object.entries(extra)) writeFileSync(path.join(root, name), text);
    assert.deepEqual(cachedFindings(root, 'content').findings, coldFindings(root), 'first --cache run');
    edits.forEach((edit, step) => {
      const spec = specs[edit.target % specs.length]!;
      const file = path.join(root, fileName(edit.target % specs.length, spec));
      const lines = readFileSync(file, 'utf8').split('\n');
      change(lines, spec, edit);
      writeFileSync(file, lines.join('\n'));
      const warm = cachedFindings(root, 'content');
      assert.equal(warm.cache, 'used');
      assert.deepEqual(warm.findings, coldFindings(root), `--cache run after ${what} ${step + 1}`);
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('--cache gives the findings of a run without it (property)', () => {
  for (const strategy of ['content', 'metadata'] as const) {
    it(`for random workspaces and edits (${strategy} strategy)`, () => {
      fc.assert(
        fc.property(fc.array(fileSpec, { minLength: 2, maxLength: NAMES.length }), fc.array(editArb, { minLength: 1, maxLength: 3 }), (specs, edits) => {
          const root = mkdtempSync(path.join(tmpdir(), 'strategy-lint-cache-'));
          try {
            writeFileSync(path.join(root, '.strategylint.yaml'), CONFIG);
            const files = new Map<number, string>();
            specs.forEach((spec, i) => {
              files.set(i, fileName(i, spec));
              writeFileSync(path.join(root, fileName(i, spec)), render(spec));
            });
            assert.deepEqual(cachedFindings(root, strategy).findings, coldFindings(root, strategy), 'first --cache run');
            edits.forEach((edit, step) => {
              const existing = files.get(edit.target);
              if (existing) unlinkSync(path.join(root, existing));
              files.delete(edit.target);
              if (edit.file) {
                const name = fileName(edit.target, edit.file);
                files.set(edit.target, name);
                const file = path.join(root, name);
                writeFileSync(file, render(edit.file));
                // The metadata strategy sees a change through the mtime; the file system's clock is
                // coarser than this loop, so each edit is dated a minute after the last.
                const at = new Date(Date.UTC(2027, 0, 1) + (step + 1) * 60_000);
                utimesSync(file, at, at);
              }
              // A workspace with no file left is a usage error (exit 2), not a lint run: one note stays.
              if (!files.size) writeFileSync(path.join(root, 'left.md'), '# Left\n');
              const warm = cachedFindings(root, strategy);
              assert.equal(warm.cache, 'used');
              assert.deepEqual(warm.findings, coldFindings(root, strategy), `--cache run after edit ${step + 1}`);
            });
          } finally {
            rmSync(root, { recursive: true, force: true });
          }
        }),
        { numRuns: 40 },
      );
    });
  }

  // Lines inserted anywhere: most move what a file declares without changing it (prose, a comment),
  // some declare something (a heading, a field), beside findings whose fixes list workspace
  // candidates (an initiative without owner, a PRD without link): the cache re-checks those exactly
  // when the insertion can change their candidates.
  const CANDIDATES = {
    'people.strategy.yaml': 'owners:\n  - id: "@ana"\n  - id: "@raj"\n',
    'orphan.strategy.yaml': 'initiatives:\n  - id: INIT-orphan\n    title: Orphan work\n    objective: OBJ-growth\n',
    'prd.md': '---\nkind: prd\nid: PRD-pricing\nowner: "@raj"\n---\n# Pricing page experiments\n',
  };
  it('for random workspaces and lines inserted anywhere', () => {
    const insertion = fc.record({
      target: fc.nat({ max: NAMES.length - 1 }),
      line: fc.nat({ max: 40 }),
      words: fc.constantFrom('Some words in between.', '', '## Initiative: Pricing page experiments rollout', '- Owner: @zoe', '### Objective: Grow'),
    });
    fc.assert(
      fc.property(fc.array(fileSpec, { minLength: 2, maxLength: NAMES.length }), fc.array(insertion, { minLength: 1, maxLength: 3 }), (specs, insertions) => {
        checkLineEdits(specs, CANDIDATES, insertions, 'insertion', (lines, spec, { line, words }) => {
          const at = line % lines.length;
          lines.splice(at, 0, spec.form === 'yaml' ? `${lines[at]?.match(/^\s*/)?.[0] ?? ''}# ${words}` : words);
        });
      }),
      { numRuns: 40 },
    );
  });

  // Titles changed (a heading's words, a YAML `title:` added), with prose moving what follows:
  // the cache re-checks, of the files that link to the edited one or that it links to, only those
  // whose findings name places in it that do not move with it (fixes editing it) and those whose
  // hints or links name a title or anchor it changed; owner-load's and focus-limit's related places
  // move along.
  it('for random workspaces and retitled entities', () => {
    const retitle = fc.record({
      target: fc.nat({ max: NAMES.length - 1 }),
      which: fc.nat({ max: 5 }),
      words: fc.constantFrom('renamed', 'with more words than before', 'O2 title'),
      prose: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(fileSpec, { minLength: 2, maxLength: NAMES.length }), fc.array(retitle, { minLength: 1, maxLength: 3 }), (specs, retitles) => {
        checkLineEdits(specs, {}, retitles, 'retitle', (lines, spec, { which, words, prose }) => {
          const titled = lines.flatMap((line, i) => ((spec.form === 'yaml' ? /^ {2}- id: / : /^#+ /).test(line) ? [i] : []));
          if (!titled.length) return;
          const at = titled[which % titled.length]!;
          if (spec.form === 'yaml') lines.splice(at + 1, 0, `    title: ${words}`);
          else {
            lines[at] = lines[at] === `# ${words}` ? `${lines[at]} again` : lines[at]!.replace(/ \S+ title$|$/, ` ${words}`);
            if (prose) lines.splice(at, 0, '', 'Some words in between, moving what follows.', '');
          }
        });
      }),
      { numRuns: 60 },
    );
  });
});
