// Bundles the CLI, the language server and the VS Code extension with esbuild.
// tsc (run before this) type-checks and emits out/ for the tests; the bundles are what users run.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { copySchemasToClient } from './extension-files.mjs';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

// Two bundles, so that a lint run compiles no language-server code (V8 pays for every byte it loads):
// the CLI, and the language server that `strategy-lint --stdio` requires from the CLI's folder.
const SERVER_BUNDLE = 'strategy-lint-server.cjs';
const serverAtRunTime = {
  name: 'server-at-run-time',
  setup(b) {
    b.onResolve({ filter: /\/lsp\/main\.js$/ }, () => ({ path: `./${SERVER_BUNDLE}`, external: true }));
  },
};
await build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/strategy-lint.cjs', plugins: [serverAtRunTime] });
await build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: `dist/${SERVER_BUNDLE}` });

if (existsSync('client/src/extension.ts')) {
  await build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/dist/extension.js', external: ['vscode'] });
  mkdirSync('client/dist', { recursive: true });
  // The extension starts the server bundle itself (`node server.cjs --stdio`), without the CLI in front.
  copyFileSync(`dist/${SERVER_BUNDLE}`, 'client/dist/server.cjs');
  copySchemasToClient({ strict: false }); // `npm run package` insists on them
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
