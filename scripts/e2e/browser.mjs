// Debian's Chromium driven by playwright-core (from the e2e cache), allowed to reach loopback only.
import { writeFileSync } from 'node:fs';
import { CHROMIUM, loadPlaywright } from './paths.mjs';

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
  // Belt and braces next to the route handler below: also covers WebSockets and workers.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost',
];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopback(url) {
  const { protocol, hostname } = new URL(url);
  if (!protocol.startsWith('http') && !protocol.startsWith('ws')) return true; // data:, blob:, ...
  return LOOPBACK_HOSTS.has(hostname) || hostname.startsWith('127.');
}

/**
 * Launches Chromium with one page. Every console message and page error is kept in `consoleLines`
 * (the extension host's console only reaches the browser console); `saveConsole(file)` writes them.
 * `onConsole(line)` sees each line as it comes.
 */
export async function launchBrowser({ viewport = { width: 1400, height: 900 }, onConsole } = {}) {
  const { chromium } = loadPlaywright();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({ viewport });
  const consoleLines = [];
  const record = (line) => {
    consoleLines.push(line);
    onConsole?.(line);
  };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    record(`[blocked] ${url}`);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', (msg) => record(`[${msg.type()}] ${msg.text()}`));
  page.on('pageerror', (error) => record(`[pageerror] ${error.stack ?? error.message}`));
  return {
    browser,
    context,
    page,
    consoleLines,
    saveConsole: (file) => writeFileSync(file, `${consoleLines.join('\n')}\n`),
    close: () => browser.close().catch(() => {}),
  };
}
