// How the bench turns repeated measurements into one row (scripts/bench/timer.mjs mergeRounds,
// scripts/bench/lsp.mjs medianScan): the server's scans and the CLI rows are taken in the same
// rounds, so a row's median must count every round's samples. The measures are written by hand.
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../cli/cli.js';

const bench = (file: string) => import(pathToFileURL(path.join(REPO_ROOT, 'scripts/bench', file)).href);
const measure = (label: string, samplesMs: number[], peakRssMb?: number, stderr = '') => ({ label, medianMs: samplesMs[0], samplesMs, peakRssMb, stderr });

describe('bench rounds', () => {
  it('merges rounds of the same commands into one median per command, with the highest peak', async () => {
    const { mergeRounds } = await bench('timer.mjs');
    const rounds = [
      [measure('floor', [9000], 160, 'first'), measure('cold', [7400], 250)],
      [measure('floor', [8000], 170), measure('cold', [7100], undefined)],
      [measure('floor', [8600], 150, 'last'), measure('cold', [9900], 240)],
    ];
    const [floor, cold] = mergeRounds(rounds);
    assert.deepEqual(floor, { label: 'floor', medianMs: 8600, samplesMs: [8000, 8600, 9000], peakRssMb: 170, stderr: 'last' });
    assert.equal(cold.medianMs, 7400, 'the middle of 7100, 7400 and 9900, not the last round');
    assert.equal(cold.peakRssMb, 250, 'a round without a figure does not hide the others');
  });

  it('keeps no peak when no round has one', async () => {
    const { mergeRounds } = await bench('timer.mjs');
    const [only] = mergeRounds([[measure('x', [5])], [measure('x', [3])]]);
    assert.equal(only.peakRssMb, undefined);
    assert.equal(only.medianMs, 5, 'of an even count, the upper middle sample');
  });

  it('reports the median scan of several server sessions, with every scan time and the highest peak', async () => {
    const { medianScan } = await bench('lsp.mjs');
    const scans = [
      { scanMs: 8100, signal: 'progress', publishes: 10, peakRssMb: 251 },
      { scanMs: 7300, signal: 'progress', publishes: 11, peakRssMb: 262 },
      { scanMs: 7900, signal: 'idle', publishes: 12, peakRssMb: undefined },
    ];
    assert.deepEqual(medianScan(scans), { scanMs: 7900, signal: 'idle', publishes: 12, peakRssMb: 262, samplesMs: [7300, 7900, 8100] });
  });
});
