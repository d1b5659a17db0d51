// Bundles the CLI/language server and the VS Code extension with esbuild.
// tsc (run before this) type-checks and emits out/ for the tests; the bundles are what users run.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { copySchemasToClient } from './extension-files.mjs';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

await build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/strategy-lint.cjs' });

if (existsSync('client/src/extension.ts')) {
  await build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/dist/extension.js', external: ['vscode'] });
  mkdirSync('client/dist', { recursive: true });
  copyFileSync('dist/strategy-lint.cjs', 'client/dist/server.cjs');
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
