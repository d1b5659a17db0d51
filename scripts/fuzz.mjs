// `npm run fuzz`: the property tests of test/fuzz/ and the plain Markdown reader's differential
// tests against remark (test/parse/simpleMarkdown*.test.ts), run briefly by `npm test`, with many more
// cases and a fresh random seed each time. FUZZ_RUNS sets the cases per property (default
// 10,000); FUZZ_SEED replays a failing run (fast-check prints its seed and path).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const runs = process.env.FUZZ_RUNS ?? '10000';
const mocha = createRequire(import.meta.url).resolve('mocha/bin/mocha.js');
const started = Date.now();
const result = spawnSync(process.execPath, [mocha, '--no-config', '--timeout', '0', '--reporter', 'spec', 'out/test/fuzz/*.test.js', 'out/test/parse/simpleMarkdown*.test.js'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs },
});
console.log(`fuzz: ${runs} cases per property in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(result.status ?? 1);
