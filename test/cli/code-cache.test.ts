import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './cli.js';

const BUNDLE = path.join(REPO_ROOT, 'dist', 'strategy-lint.cjs');
const SERVER_BUNDLE = path.join(REPO_ROOT, 'dist', 'strategy-lint-server.cjs');
const LOADER = path.join(REPO_ROOT, 'bin', 'load-bundle.cjs');

/** Runs `code` in a fresh Node.js (a fresh V8: nothing compiled yet, so a code cache is really consumed). */
function node(code: string, args: string[] = []) {
  return spawnSync(process.execPath, ['-e', code, '--', ...args], { encoding: 'utf8' });
}

describe('CLI code cache (bin/load-bundle.cjs)', () => {
  // The language server's bundle has its own, made by a session (scripts/write-server-code-cache.mjs);
  // every language-server test starts it through bin/strategy-lint.cjs --stdio, from that cache.
  for (const bundle of [BUNDLE, SERVER_BUNDLE]) {
    it(`the build writes a code cache of ${path.basename(bundle)} that this Node.js accepts`, () => {
      const run = node(`
        const { readFileSync } = require('node:fs');
        const vm = require('node:vm');
        const Module = require('node:module');
        const script = new vm.Script(Module.wrap(readFileSync(${JSON.stringify(bundle)}, 'utf8')), { filename: ${JSON.stringify(bundle)}, cachedData: readFileSync(${JSON.stringify(`${bundle}.cache`)}) });
        process.stdout.write(String(script.cachedDataRejected));
      `);
      assert.equal(run.stdout, 'false', run.stderr);
    });
  }

  it('a damaged or missing cache is ignored: the bundle is compiled as usual and the CLI answers the same', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sl-code-cache-'));
    try {
      const copy = path.join(dir, 'strategy-lint.cjs');
      copyFileSync(BUNDLE, copy);
      const version = (useCache: boolean) => node(`process.argv.splice(1, 0, 'strategy-lint'); require(${JSON.stringify(LOADER)}).loadBundle(${JSON.stringify(copy)}, { useCache: ${useCache} })`, ['--version']);
      const expected = version(false);
      assert.equal(expected.status, 0, expected.stderr);
      assert.match(expected.stdout, /^\d+\.\d+\.\d+\n$/);
      assert.deepEqual([version(true).status, version(true).stdout], [0, expected.stdout], 'no cache file');
      writeFileSync(`${copy}.cache`, Buffer.from('not a code cache'));
      const damaged = version(true);
      assert.deepEqual([damaged.status, damaged.stdout, damaged.stderr], [0, expected.stdout, '']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
