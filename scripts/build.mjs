// Bundles the CLI/language server and the VS Code extension with esbuild.
// tsc (run before this) type-checks and emits out/ for the tests; the bundles are what users run.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, existsSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

await build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/strategy-lint.cjs' });

if (existsSync('client/src/extension.ts')) {
  await build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/dist/extension.js', external: ['vscode'] });
  mkdirSync('client/dist', { recursive: true });
  copyFileSync('dist/strategy-lint.cjs', 'client/dist/server.cjs');
}
