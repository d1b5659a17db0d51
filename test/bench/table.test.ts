// The bench's one table (scripts/bench/table.mjs): each row judged against issue 13's budget.
// The results here are written by hand; what is tested is the judging and the Markdown, not speed.
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../cli/cli.js';

const table = () => import(pathToFileURL(path.join(REPO_ROOT, 'scripts/bench/table.mjs')).href);
const m = (medianMs: number, peakRssMb?: number) => ({ medianMs, samplesMs: [medianMs], peakRssMb });

const heavy10k = {
  mix: 'heavy', size: 10000, mib: 55.3, takingPart: 6921, findings: 40123,
  floor: m(10000, 170), cold: m(12400, 290), coldOff: m(13100, 280), warm: m(900, 120), warmChanged: m(2100, 200),
  markdownlint: m(36000, 380),
  serverCold: { scanMs: 12500, signal: 'progress', peakRssMb: 310 }, serverWarm: { scanMs: 1500, signal: 'idle', peakRssMb: 200 },
  keystrokes: { p50Ms: 8, p95Ms: 26 },
};

describe('bench table', () => {
  it('judges every row of a workspace against its budget', async () => {
    const { budgetRows } = await table();
    const verdicts = Object.fromEntries(budgetRows({ runs: [heavy10k] }).map((r: { what: string; met: boolean | undefined }) => [r.what.replace(/ \(.*/, ''), r.met]));
    assert.deepEqual(verdicts, {
      'lazy parse floor': undefined, // the yardstick has no budget of its own
      'CLI, cold': true, // 1.24× the floor, 290 MB
      'CLI, cold, --concurrency off': undefined, // shows what the workers gain; no budget
      'CLI `--cache`, nothing changed': true,
      'CLI `--cache`, one file changed': false, // 2.1 s > 2 s
      'markdownlint-cli2': false, // 2.9× the cold CLI, not 3×
      'server initial scan, no cache': false, // 12.5 s > the cold CLI's 12.4 s
      'server initial scan, warm cache': true,
      'keystroke → diagnostics': false, // p95 26 ms
    });
  });

  it('holds the language server to the same memory budget: its scans by their own peak, its edits by the session peak', async () => {
    const { budgetRows } = await table();
    const server = (scanRss: number, sessionRss: number) => budgetRows({
      runs: [{ mix: 'heavy', size: 10000, cold: m(12400, 290), serverCold: { scanMs: 12000, signal: 'progress', peakRssMb: scanRss }, keystrokes: { p50Ms: 8, p95Ms: 20, peakRssMb: sessionRss } }],
    }).filter((r: { what: string }) => /server/.test(r.what)).map((r: { met: boolean; rss: string }) => [r.met, r.rss]);
    assert.deepEqual(server(280, 290), [[true, '280 MB'], [true, '290 MB']]);
    // Fast enough, but the edits after the scan took the server past 300 MB.
    assert.deepEqual(server(280, 1200), [[true, '280 MB'], [false, '1200 MB']]);
    assert.deepEqual(server(301, 301), [[false, '301 MB'], [false, '301 MB']]);
  });

  it('holds runs up to 10k to 300 MB and 50k to under 1 GB, and 10k → 50k to 5.5×', async () => {
    const { budgetRows } = await table();
    const rows = budgetRows({
      runs: [
        { mix: 'light', size: 10000, floor: m(1000), cold: m(1200, 301) },
        { mix: 'light', size: 50000, floor: m(5000), cold: m(6000, 1000) },
      ],
      scale: [{ mix: 'light', from: 10000, to: 50000, fromMs: 1200, toMs: 6700, ratio: 5.58 }],
    });
    const cold = rows.filter((r: { what: string }) => r.what === 'CLI, cold');
    assert.deepEqual(cold.map((r: { met: boolean }) => r.met), [false, true]);
    assert.match(cold[1].budget, /RSS < 1 GB/);
    const growth = rows.find((r: { what: string }) => r.what === 'CLI, cold: growth');
    assert.equal(growth.budget, '≤ 5.5×');
    assert.equal(growth.met, false);
  });

  it('prints one Markdown table: a row per measurement, none for skipped parts', async () => {
    const { renderTable } = await table();
    const { serverCold: _s, serverWarm: _w, keystrokes: _k, markdownlint: _m, ...cliOnly } = heavy10k;
    const lines = renderTable({ runs: [cliOnly], kep: { generated: true, floor: m(2000, 100), cli: m(2400, 150) } }).split('\n');
    assert.equal(lines.length, 2 + 5 + 2);
    assert.ok(lines.every((l: string) => l.startsWith('|') && l.endsWith('|')));
    assert.match(lines[2], /^\| heavy, 10k docs \| lazy parse floor \(55\.3 MiB, 6,921 taking part, 40,123 findings\) \| 10\.0 s \| 170 MB \| — \| {2}\|$/);
    assert.match(lines[3], /\| CLI, cold \| 12\.4 s \(1\.24× floor\) \| 290 MB \| ≤ 1\.25× floor; RSS ≤ 300 MB \| met \|$/);
    assert.match(lines[4], /\| CLI, cold, --concurrency off \| 13\.1 s \(with workers: 0\.95× this\) \| 280 MB \| — \| {2}\|$/);
    assert.match(lines[8], /^\| `--preset kep`, generated KEPs \| CLI, cold \| 2\.40 s \(1\.2× floor\) \| 150 MB \| .* \| met \|$/);
    assert.ok(!lines.some((l: string) => /markdownlint|server|keystroke/.test(l)));
  });
});
