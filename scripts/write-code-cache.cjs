// Writes V8's code cache of the CLI bundle (dist/strategy-lint.cjs.cache) after a lint run of the
// samples, so that it holds the functions a run compiles, not only the bundle's top level. Run by
// scripts/build.mjs in a child process: `node scripts/write-code-cache.cjs ARGS…` lints as the CLI
// does with ARGS, then writes the cache when the process exits. With `--stdio` it is the language
// server's bundle (dist/strategy-lint-server.cjs.cache), serving the session that
// scripts/write-server-code-cache.mjs drives over stdio until it says exit.
'use strict';
const { writeFileSync, rmSync } = require('node:fs');
const path = require('node:path');
const { setFlagsFromString } = require('node:v8');
const { spawnSync } = require('node:child_process');
const { loadBundle } = require('../bin/load-bundle.cjs');

const bundle = path.join(__dirname, '../dist', process.argv.includes('--stdio') ? 'strategy-lint-server.cjs' : 'strategy-lint.cjs');
rmSync(`${bundle}.cache`, { force: true });
// V8's default interrupt budget, as this Node.js states it (`node --v8-options`).
const defaultInterruptBudget = /--interrupt-budget=(\d+)/.exec(spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout ?? '')?.[1];
let compiled;
process.on('exit', () => {
  // The CLI limits the heap's growth with a V8 flag, and the language server its young generation's
  // (cli/heap.ts); V8 accepts a cache only under the flags it was made with, so the defaults are put
  // back first.
  setFlagsFromString('--heap-growing-percent=0');
  setFlagsFromString('--semi-space-growth-factor=2');
  // And the CLI's interrupt budget (cli/jit.ts), to V8's own default.
  if (defaultInterruptBudget) setFlagsFromString(`--interrupt-budget=${defaultInterruptBudget}`);
  if (compiled) writeFileSync(`${bundle}.cache`, compiled.createCachedData());
});
loadBundle(bundle, { useCache: false, onLoaded: (script) => (compiled = script) });
