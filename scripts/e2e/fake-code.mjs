#!/usr/bin/env node
// A stand-in for the VS Code executable that @vscode/test-electron's runTests() launches
// (`vscodeExecutablePath`). VS Code cannot be downloaded here, so this runs the same
// extension-host suite in code-server + Chromium instead:
//   fake-code.mjs --extensionDevelopmentPath=EXT --extensionTestsPath=SUITE [FOLDER] [VS Code flags]
// It starts code-server with the smoke-test driver, opens the workbench with a `payload` URL
// parameter carrying the development/test paths, and exits with the code the workbench passes to
// window.codeAutomationExit (0 when the suite's run() resolves, 1 when it rejects; 1 on timeout).
// Flags meant for Electron / desktop VS Code (--no-sandbox, --disable-extensions, ...) are ignored.
//
// Environment:
//   STRATEGY_LINT_*, MOCHA_*        forwarded to the extension host (extensionEnvironment)
//   STRATEGY_LINT_E2E_TIMEOUT_MS    whole-run limit (default 1200000: the suite's own mocha
//                                   timeouts catch a stuck test long before)
//   STRATEGY_LINT_E2E_KEEP=1        keep the temp profile (user data, logs) for debugging
//   STRATEGY_LINT_E2E_VERBOSE=1     echo the whole browser console, not just the extension host's
// Artifacts (<artifacts>/vscode-suite/): final.png, console.log, code-server.log, logs/ (the
// workbench's log files, as handed to codeAutomationExit), server-logs/ (extension host, output
// channels).
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { prepareArtifacts, screenshot } from './artifacts.mjs';
import { launchBrowser } from './browser.mjs';
import { createProfile, remoteUri, startCodeServer, workbenchUrl } from './code-server.mjs';

const log = (msg) => console.log(`[fake-code] ${msg}`);

/** Flags VS Code accepts as `--flag value` (two words): their value is not the folder. */
const FLAGS_WITH_VALUE = new Set([
  '--extensionDevelopmentPath', '--extensionTestsPath', '--folder-uri', '--file-uri',
  '--user-data-dir', '--extensions-dir', '--locale', '--log', '--profile', '--sync',
  '--crash-reporter-directory', '--inspect-extensions', '--inspect-brk-extensions',
]);

const toPath = (value) => resolve(value.startsWith('file:') ? fileURLToPath(value) : value);

/** { extensionDevelopmentPaths, extensionTestsPath, folder, ignored } from VS Code's argv. */
export function parseArgs(argv) {
  const parsed = { extensionDevelopmentPaths: [], extensionTestsPath: undefined, folder: undefined, ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      if (parsed.folder) parsed.ignored.push(arg);
      else parsed.folder = resolve(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    let value = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (value === undefined && FLAGS_WITH_VALUE.has(name) && i + 1 < argv.length) value = argv[++i];
    if (name === '--extensionDevelopmentPath' && value) parsed.extensionDevelopmentPaths.push(toPath(value));
    else if (name === '--extensionTestsPath' && value) parsed.extensionTestsPath = toPath(value);
    else if ((name === '--folder-uri' || name === '--file-uri') && value) parsed.folder ??= toPath(value);
    else parsed.ignored.push(value === undefined || eq > 0 ? arg : `${arg} ${value}`);
  }
  return parsed;
}

/** What runTests' extensionTestsEnv put in our environment and the suite may need. */
function forwardedEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => /^(STRATEGY_LINT_|MOCHA_)/.test(key)));
}

/** The workbench hands its log files to codeAutomationExit; keep them with the artifacts. */
function saveWorkbenchLogs(dir, logs) {
  if (!Array.isArray(logs)) return;
  for (const { relativePath, contents } of logs) {
    const file = normalize(join(dir, 'logs', String(relativePath)));
    if (!file.startsWith(join(dir, 'logs'))) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, String(contents));
  }
}

/**
 * Workbench chatter in the browser console. The extension host's output (the suite's console and
 * process.stdout/stderr, e.g. mocha's reporter) reaches the browser console with no mark telling
 * it apart from the workbench's own logging, so we echo all but this known noise.
 */
const NOISE = [
  /(Ignoring fetching|Updating) additional builtin extensions/, /connection token/, /Creating a socket/,
  /Failed to load resource/, /\[reconnection-grace-time\]/, /\[Service Worker\]/, /\[AgentHost/,
  /\[AccountPolicyGate\]/, /web worker extension host is started/, /allow-scripts and allow-same-origin/,
  /Creation of workbench contribution/, /Canceled: Canceled/, /authentication provider 'github'/,
];

/** Echo extension-host output to our stdout, which runTests passes on; the full log is an artifact. */
function echoConsole(line) {
  if (process.env.STRATEGY_LINT_E2E_VERBOSE === '1' || !NOISE.some((re) => re.test(line))) {
    console.log(`  | ${line.replaceAll('\n', '\n  | ')}`);
  }
}

async function run(args, artifacts) {
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const profile = createProfile();
  let server;
  let browser;
  let cleaning;
  const cleanup = () => (cleaning ??= (async () => {
    if (browser) {
      browser.saveConsole(join(artifacts, 'console.log'));
      await browser.close();
    }
    await server?.stop();
    // The server side's logs: remote extension host, the extension's output channels.
    const serverLogs = join(profile.userDataDir, 'logs');
    if (existsSync(serverLogs)) cpSync(serverLogs, join(artifacts, 'server-logs'), { recursive: true });
    if (process.env.STRATEGY_LINT_E2E_KEEP === '1') log(`profile kept in ${profile.root}`);
    else profile.remove();
  })());
  const interrupted = (signal) => cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  // `on`, not `once`: Ctrl+C reaches us twice (from the terminal and from runTests).
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);

  try {
    server = await startCodeServer(profile, { smokeTestDriver: true, logFile: join(artifacts, 'code-server.log') });
    log(`code-server listening on ${server.origin} after ${seconds()}`);
    browser = await launchBrowser({ onConsole: echoConsole });
    const { page } = browser;

    let exit;
    const exited = new Promise((resolveExit) => { exit = resolveExit; });
    await page.exposeFunction('codeAutomationExit', (code, logs) => exit({ code, logs }));
    page.on('crash', () => exit({ code: 1, reason: 'the page crashed' }));
    const timeoutMs = Number(process.env.STRATEGY_LINT_E2E_TIMEOUT_MS) || 1_200_000;
    const timer = setTimeout(() => exit({ code: 1, reason: `no result within ${timeoutMs} ms` }), timeoutMs);

    const payload = [
      ...args.extensionDevelopmentPaths.map((path) => ['extensionDevelopmentPath', remoteUri(server, path)]),
      ['extensionTestsPath', remoteUri(server, args.extensionTestsPath)],
      ['extensionEnvironment', JSON.stringify(forwardedEnv())],
    ];
    await page.goto(workbenchUrl(server, { folder: args.folder, payload }));
    const result = await exited;
    clearTimeout(timer);

    log(result.reason ? `giving up after ${seconds()}: ${result.reason}` : `codeAutomationExit(${result.code}) after ${seconds()}`);
    await screenshot(page, artifacts, 'final');
    saveWorkbenchLogs(artifacts, result.logs);
    return Number.isInteger(result.code) ? result.code : 1;
  } finally {
    await cleanup();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args.extensionTestsPath) {
    console.error('usage: fake-code.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [FOLDER]');
    return 2;
  }
  for (const path of [...args.extensionDevelopmentPaths, args.extensionTestsPath, args.folder].filter(Boolean)) {
    if (!existsSync(path)) {
      console.error(`[fake-code] not found: ${path}`);
      return 1;
    }
  }
  if (args.ignored.length) log(`ignoring ${args.ignored.join(' ')}`);
  const artifacts = prepareArtifacts('vscode-suite');
  try {
    const code = await run(args, artifacts);
    log(`artifacts in ${artifacts}`);
    return code;
  } catch (error) {
    console.error(`[fake-code] ${error.stack ?? error.message}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exit(await main());
}
