// The bench's language-server client (scripts/bench/lsp.mjs): where it says the initial scan ends,
// every file with findings has had its diagnostics published, whichever signal the server gave
// (work-done progress `end`, or idle after the last diagnostics). No timing is asserted.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, runCli } from '../cli/cli.js';

const bench = (file: string) => import(pathToFileURL(path.join(REPO_ROOT, 'scripts/bench', file)).href);

describe('bench language-server session', function () {
  this.timeout(180_000);
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'bench-lsp-'));
    (await bench('generate-heavy.mjs')).generateHeavyWorkspace(dir, 80);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('ends the initial scan once every file with findings is published, and reports the server\'s peak memory', async () => {
    const run = runCli(['.', '--format', 'json'], { cwd: dir });
    const withFindings = (JSON.parse(run.stdout) as { messages: unknown[] }[]).filter((f) => f.messages.length > 0).length;
    assert.ok(withFindings > 20, `${withFindings} files with findings`);

    const { startSession } = await bench('lsp.mjs');
    const { RSS_HOOK } = await bench('timer.mjs');
    const session = await startSession({ root: REPO_ROOT, ws: dir, hook: RSS_HOOK });
    try {
      assert.ok(['progress', 'idle'].includes(session.scan.signal));
      assert.ok(session.scan.publishedAtEnd >= withFindings, `${session.scan.publishedAtEnd} published by the end of the scan, ${withFindings} files have findings`);
    } finally {
      const rssMb = await session.close();
      assert.ok(typeof rssMb === 'number' && rssMb > 10, `peak RSS ${rssMb}`);
    }
  });
});
