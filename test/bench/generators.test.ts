// The bench's generators (scripts/bench/): the same workspace for the same size and seed, every time,
// and a heavy mix of the intended shape. Shape only: timings belong to `npm run bench`, not to tests.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, REPO_ROOT } from '../cli/cli.js';

const bench = (file: string) => import(pathToFileURL(path.join(REPO_ROOT, 'scripts/bench', file)).href);

/** Every file under `dir`, relative path → content. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full), readFileSync(full, 'utf8'));
  }
  return files;
}

describe('bench generators', function () {
  this.timeout(240_000);
  const dirs: string[] = [];
  const fresh = () => { const d = mkdtempSync(path.join(tmpdir(), 'bench-gen-')); dirs.push(d); return d; };
  after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  for (const [mix, file, fn] of [['light', 'generate.mjs', 'generateWorkspace'], ['heavy', 'generate-heavy.mjs', 'generateHeavyWorkspace']] as const) {
    it(`the ${mix} mix is the same workspace for the same size and seed, and another for another seed`, async () => {
      const generate = (await bench(file))[fn];
      const [a, b, c] = [fresh(), fresh(), fresh()];
      generate(a, 120, 5);
      generate(b, 120, 5);
      generate(c, 120, 6);
      const [first, second, other] = [snapshot(a), snapshot(b), snapshot(c)];
      assert.ok(first.size > 50);
      assert.deepEqual([...second.keys()].sort(), [...first.keys()].sort());
      for (const [rel, text] of first) assert.equal(second.get(rel), text, rel);
      assert.ok([...first].some(([rel, text]) => other.get(rel) !== text), 'another seed gives other content');
    });
  }

  describe('the heavy mix', () => {
    let dir: string;
    let generated: Record<string, number>;
    let stats: string;
    let findings: { filePath: string; messages: { ruleId: string; message: string }[] }[];
    before(async () => {
      dir = fresh();
      generated = (await bench('generate-heavy.mjs')).generateHeavyWorkspace(dir, 100);
      // Not runCli: its 30 s limit is too short for a hundred long documents on a loaded machine.
      const run = spawnSync(process.execPath, [BIN, '.', '--format', 'json', '--stats'], { cwd: dir, encoding: 'utf8', timeout: 150_000 });
      assert.equal(run.status, 1, run.stderr);
      stats = run.stderr;
      findings = JSON.parse(run.stdout);
    });

    it('has the documents asked for, in every kind the mix names', () => {
      const documents = [...snapshot(dir).keys()].filter((rel) => /\.(md|strategy\.yaml)$/.test(rel));
      assert.equal(documents.length, 100);
      assert.equal(generated.documents, 100);
      const under = (folder: string) => documents.filter((rel) => rel.startsWith(folder + path.sep)).length;
      assert.deepEqual([under('teams'), under('strategy'), under('prds'), under('portfolios'), under('notes')], [10, 28, 31, 1, 29]);
    });

    it('has about seven in ten documents taking part, the notes declaring nothing', () => {
      const counts = /(\d+) files linted \((\d+) taking part, (\d+) declaring nothing\)/.exec(stats);
      assert.ok(counts, stats);
      assert.deepEqual([Number(counts[1]), Number(counts[2]), Number(counts[3])], [100, 71, 29]);
      assert.ok(!findings.some((f) => f.filePath.includes(`${path.sep}notes${path.sep}`) && f.messages.length > 0), 'notes have no findings');
    });

    it('gives several findings per document, of the defects it plants', () => {
      const all = findings.flatMap((f) => f.messages);
      assert.ok(all.length >= 2 * 100, `${all.length} findings`);
      const rules = new Set(all.map((m) => m.ruleId));
      for (const rule of ['initiative-owner', 'unknown-owner', 'unresolved-reference', 'unknown-field', 'placeholder-value', 'invalid-value', 'schedule', 'stale-update', 'owner-load', 'metric-target']) {
        assert.ok(rules.has(rule), `no ${rule} finding`);
      }
    });

    it('overloads the owners of its portfolio with dozens of initiatives each', () => {
      const portfolio = findings.find((f) => f.filePath.includes(`portfolios${path.sep}portfolio-0.strategy.yaml`));
      const loads = (portfolio?.messages ?? []).filter((m) => m.ruleId === 'owner-load').map((m) => Number(/carries (\d+) active/.exec(m.message)?.[1]));
      assert.equal(loads.length, 6);
      assert.ok(loads.every((n) => n >= 20), `loads ${loads}`);
    });
  });
});
