// Starts and stops code-server (VS Code 1.139 served to a browser) in a throwaway profile,
// and installs .vsix files into that profile. Loopback only, no gallery, quiet settings.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { codeServerEntry, node24, node24Env } from './paths.mjs';

/** User settings for a test profile that opens no welcome page, chat, git or trust prompts. */
const QUIET_SETTINGS = {
  'extensions.autoUpdate': 'off', // 'off' (not false) is the 1.139 value
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'git.openRepositoryInParentFolders': 'never',
  'security.workspace.trust.enabled': false,
  // VS Code 1.139 otherwise opens a Chat side bar over part of the editor.
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'files.autoSave': 'off',
};

/**
 * A fresh profile under the system temp dir: user data, extensions, TMPDIR (code-server leaves
 * sockets behind there) and a config file, with `settings` added to the quiet ones. `remove()`
 * deletes it all.
 */
export function createProfile({ settings = {} } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'strategy-lint-e2e-'));
  const profile = {
    root,
    userDataDir: join(root, 'user-data'),
    extensionsDir: join(root, 'extensions'),
    tmpDir: join(root, 'tmp'),
    configFile: join(root, 'config.yaml'),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  for (const dir of [profile.extensionsDir, profile.tmpDir, join(profile.userDataDir, 'User')]) {
    mkdirSync(dir, { recursive: true });
  }
  writeFileSync(join(profile.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  // Without --config code-server writes ~/.config/code-server/config.yaml with a password.
  writeFileSync(profile.configFile, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  return profile;
}

function codeServerArgs(profile) {
  return [
    codeServerEntry,
    '--auth', 'none',
    '--bind-addr', '127.0.0.1:0', // port 0: the OS picks a free port, printed on start-up
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--ignore-last-opened',
    '--config', profile.configFile,
    '--user-data-dir', profile.userDataDir,
    '--extensions-dir', profile.extensionsDir,
  ];
}

function codeServerEnv(profile) {
  // EXTENSIONS_GALLERY='{}': no marketplace, so nothing calls out to an outside gallery.
  return node24Env({ EXTENSIONS_GALLERY: '{}', TMPDIR: profile.tmpDir });
}

/** Installs a .vsix into the profile's extensions dir (run before starting the server). */
export function installVsix(profile, vsixPath) {
  const result = spawnSync(node24, [...codeServerArgs(profile), '--install-extension', vsixPath, '--force'], {
    env: codeServerEnv(profile), encoding: 'utf8', timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`installing ${vsixPath} failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout.trim();
}

/**
 * Starts code-server and resolves once it listens.
 * - smokeTestDriver: makes the built workbench honour the `payload` URL parameter
 *   (extensionDevelopmentPath / extensionTestsPath) and call window.codeAutomationExit.
 * - logFile: where its stdout and stderr go.
 * Returns { port, origin, stop() }.
 */
export async function startCodeServer(profile, { smokeTestDriver = false, logFile, timeoutMs = 60_000 } = {}) {
  const args = codeServerArgs(profile);
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  // detached: own process group, so stop() ends code-server together with its extension hosts.
  const child = spawn(node24, args, { env: codeServerEnv(profile), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const killGroupNow = () => signalGroup(child.pid, 'SIGKILL');
  process.once('exit', killGroupNow); // never leave a server behind if the caller crashes

  const log = logFile ? createWriteStream(logFile) : undefined;
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`code-server did not listen within ${timeoutMs} ms`)), timeoutMs);
    function fail(error) {
      clearTimeout(timer);
      signalGroup(child.pid, 'SIGKILL');
      reject(new Error(`${error.message}\n--- code-server output ---\n${output.slice(-4000)}`));
    }
    const onData = (chunk) => {
      if (log && !log.writableEnded) log.write(chunk);
      output = (output + chunk).slice(-8000); // the tail, for error messages
      const match = /HTTP server listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', fail);
    child.on('exit', (code, signal) => fail(new Error(`code-server exited early (${code ?? signal})`)));
  });
  child.removeAllListeners('exit');

  let exited = false;
  child.on('exit', () => { exited = true; });
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    /** SIGTERM the process group, then SIGKILL whatever is left after a few seconds. */
    async stop() {
      process.removeListener('exit', killGroupNow);
      signalGroup(child.pid, 'SIGTERM');
      const deadline = Date.now() + 5_000;
      while ((!exited || groupAlive(child.pid)) && Date.now() < deadline) await sleep(100);
      if (groupAlive(child.pid)) signalGroup(child.pid, 'SIGKILL');
      await new Promise((resolve) => (log ? log.end(resolve) : resolve()));
    },
  };
}

/**
 * The workbench URL for a folder (or a .code-workspace file), with an optional `payload`:
 * a list of [key, value] pairs such as ['extensionTestsPath', uri].
 */
export function workbenchUrl(server, { folder, payload } = {}) {
  const url = new URL('/', server.origin);
  if (folder) url.searchParams.set(folder.endsWith('.code-workspace') ? 'workspace' : 'folder', folder);
  if (payload?.length) url.searchParams.set('payload', JSON.stringify(payload));
  return url.href;
}

/** A path on the code-server machine as the workbench's remote URI (for `payload` values). */
export function remoteUri(server, path) {
  return `vscode-remote://127.0.0.1:${server.port}${pathToFileURL(path).pathname}`; // percent-encoded
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // group already gone
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
