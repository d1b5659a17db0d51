// Bundles the CLI, the language server and the VS Code extension with esbuild.
// tsc (run before this) type-checks and emits out/ for the tests; the bundles are what users run.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { devNull } from 'node:os';
import { copySchemasToClient } from './extension-files.mjs';

// A hash of the sources: the lint cache (--cache) trusts only results of the very build that wrote them.
const sourceHash = createHash('sha1');
for (const file of readdirSync('server/src', { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).sort()) sourceHash.update(file).update(readFileSync(`server/src/${file}`));
sourceHash.update(readFileSync('package.json'));
const define = { STRATEGY_LINT_BUILD: JSON.stringify(sourceHash.digest('base64').slice(0, 16)) };

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', define };

// Two bundles, so that a lint run compiles no language-server code (V8 pays for every byte it loads):
// the CLI, and the language server that `strategy-lint --stdio` requires from the CLI's folder.
const SERVER_BUNDLE = 'strategy-lint-server.cjs';
const serverAtRunTime = {
  name: 'server-at-run-time',
  setup(b) {
    b.onResolve({ filter: /\/lsp\/main\.js$/ }, () => ({ path: `./${SERVER_BUNDLE}`, external: true }));
  },
};
/**
 * commander requires node:child_process when it loads, for subcommands that are executables of
 * their own (the CLI has none): ~5 ms of every run, for Node to load child_process, net, dgram and
 * their streams. Its require gets an object that loads the module on first use instead.
 */
const commanderSpawnsLazily = {
  name: 'commander-spawns-lazily',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (/[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'lazy-child-process' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};

/**
 * Rewrites a bundle's non-ASCII characters as \u escapes. esbuild escapes them in strings but
 * leaves them in comments and regular-expression literals, and one such character made Node read
 * a whole bundle into a two-byte string: for the CLI's 2.2 MB, 4.4 MB held for the whole run (the
 * language server's, for its whole session), and slower to read (~4 ms of a small run's ~105 ms of
 * CPU). An escape means the same character in a comment, a string, a regular expression (with or
 * without the u flag) and an identifier; only a raw template string (String.raw) would read it
 * differently, and none holds such a character.
 */
function asciiOnly(file) {
  const source = readFileSync(file, 'utf8');
  const ascii = source.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== source) writeFileSync(file, ascii);
}

await build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/strategy-lint.cjs', plugins: [serverAtRunTime, commanderSpawnsLazily] });
asciiOnly('dist/strategy-lint.cjs');
await build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: `dist/${SERVER_BUNDLE}` });
asciiOnly(`dist/${SERVER_BUNDLE}`);
// The parsing worker of --concurrency (server/src/parallel/): the CLI starts it from its own folder.
await build({ ...common, entryPoints: ['server/src/parallel/parseWorker.ts'], outfile: 'dist/strategy-lint-parse-worker.cjs' });
asciiOnly('dist/strategy-lint-parse-worker.cjs');
// The language server's hashing worker (server/src/parallel/contentHashes.ts), started from its folder.
await build({ ...common, entryPoints: ['server/src/parallel/hashWorker.ts'], outfile: 'dist/strategy-lint-hash-worker.cjs' });
asciiOnly('dist/strategy-lint-hash-worker.cjs');
// The CLI bundle's code cache, made by a run on the samples (bin/load-bundle.cjs says why).
const training = spawnSync(process.execPath, ['scripts/write-code-cache.cjs', '--preset', 'kep', '--format', 'json', '--output-file', devNull, 'samples'], { encoding: 'utf8' });
if (training.status === null || training.status > 1 || !existsSync('dist/strategy-lint.cjs.cache')) console.warn(`build: no code cache for the CLI (${training.stderr || training.status}); it runs without one`);
// The language server's, made by a session on samples/acme (`strategy-lint --stdio` loads the bundle with it).
const serverTraining = spawnSync(process.execPath, ['scripts/write-server-code-cache.mjs'], { encoding: 'utf8' });
if (serverTraining.status !== 0 || !existsSync(`dist/${SERVER_BUNDLE}.cache`)) console.warn(`build: no code cache for the language server (${serverTraining.stderr || serverTraining.status}); it runs without one`);

// The web extension (VS Code for the web): the same server, bundled for a web worker. Node's
// built-ins that the engine imports are mapped onto small browser modules (server/src/platform/web/):
// a file system mirrored from the editor's workspace.fs, a content hash, UTF-8 checks; the
// language-server library's /node entry onto its /browser one. The engine's code is the same.
const web = 'server/src/platform/web';
const webAliases = {
  'node:fs': `./${web}/fs.ts`,
  'node:fs/promises': `./${web}/fsPromises.ts`,
  'node:path': 'path-browserify',
  'node:crypto': `./${web}/crypto.ts`,
  'node:buffer': `./${web}/buffer.ts`,
  'node:perf_hooks': `./${web}/perfHooks.ts`,
  'node:util': `./${web}/util.ts`,
  'vscode-languageserver/node': 'vscode-languageserver/browser',
};
// Both run in web workers (the extension host is one): packages' `worker` builds, not their DOM ones.
const browserCommon = { bundle: true, platform: 'browser', conditions: ['worker'], target: 'es2022', sourcemap: true, logLevel: 'warning', define: { 'process.env.NODE_ENV': '"production"' } };
if (existsSync('server/src/lsp/web/main.ts')) {
  await build({ ...browserCommon, format: 'iife', entryPoints: ['server/src/lsp/web/main.ts'], outfile: 'client/dist/browser/server.js', alias: webAliases });
}

if (existsSync('client/src/extension.ts')) {
  await build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/dist/extension.js', external: ['vscode'] });
  mkdirSync('client/dist', { recursive: true });
  // The extension starts the server bundle itself (`node server.cjs --stdio`), without the CLI in front.
  // It gets no code cache (bin/load-bundle.cjs, which `strategy-lint --stdio` uses): VS Code runs it
  // on its extension host's runtime (Electron's V8, or code-server's Node), and V8 silently rejects a
  // cache made by another V8 than this build's Node's, so it would be 1.6 MB in the .vsix for nothing.
  copyFileSync(`dist/${SERVER_BUNDLE}`, 'client/dist/server.cjs');
  // Its first scan of a large folder parses in worker threads (strategyLint.concurrency), from this bundle beside it.
  copyFileSync('dist/strategy-lint-parse-worker.cjs', 'client/dist/strategy-lint-parse-worker.cjs');
  // A start from the lint cache hashes the folder's files in a worker thread, from this bundle beside it.
  copyFileSync('dist/strategy-lint-hash-worker.cjs', 'client/dist/strategy-lint-hash-worker.cjs');
  copySchemasToClient({ strict: false }); // `npm run package` insists on them
}
// The web extension's entry (package.json → browser), for the web extension host (a web worker).
if (existsSync('client/src/browserExtension.ts')) {
  await build({ ...browserCommon, format: 'cjs', entryPoints: ['client/src/browserExtension.ts'], outfile: 'client/dist/browser/extension.js', external: ['vscode'] });
}

// The extension-host suite, as CommonJS (VS Code loads extensionTestsPath with require; the repo
// root is ESM): one bundle per file, so that index.js can hand the *.test.js files to mocha.
// mocha stays external: it is required from the repo's node_modules at run time.
if (existsSync('test/vscode/suite/index.ts')) {
  const suite = 'test/vscode/suite';
  const entryPoints = readdirSync(suite).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => `${suite}/${f}`);
  await build({ ...common, entryPoints, outdir: 'out/test/vscode-bundle/suite', external: ['vscode', 'mocha'] });
  writeFileSync('out/test/vscode-bundle/package.json', '{ "type": "commonjs" }\n');
}
