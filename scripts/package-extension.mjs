// `npm run package`: client/strategy-lint-<version>.vsix from the bundles `npm run build` made.
// Offline: vsce gets --no-dependencies (the extension and its server are self-contained bundles).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copySchemasToClient, repoRoot } from './extension-files.mjs';

const client = join(repoRoot, 'client');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

for (const bundle of ['dist/extension.js', 'dist/server.cjs', 'dist/strategy-lint-parse-worker.cjs', 'dist/strategy-lint-hash-worker.cjs', 'dist/browser/extension.js', 'dist/browser/server.js']) {
  if (!existsSync(join(client, bundle))) fail(`client/${bundle} is missing: run \`npm run build\` first`);
}
try {
  copySchemasToClient({ strict: true });
} catch (error) {
  fail(error.message);
}

// The extension ships the server of the CLI it is released with: one version for both.
const { version } = readJson(join(client, 'package.json'));
const cliVersion = readJson(join(repoRoot, 'package.json')).version;
if (version !== cliVersion) fail(`client/package.json has version ${version} but the CLI has ${cliVersion}`);

const vsix = `strategy-lint-${version}.vsix`;
const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], {
  cwd: client,
  stdio: 'inherit',
});
if (result.status !== 0) fail(`vsce failed (${result.error?.message ?? `exit ${result.status}`})`);
console.log(`package: client/${vsix}`);
