// Debian's Chromium driven by playwright-core (from the e2e cache), allowed to reach loopback only.
import { writeFileSync } from 'node:fs';
import { format } from 'node:util';
import { CHROMIUM, loadPlaywright } from './paths.mjs';

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
  // Belt and braces next to the route handler below: also covers WebSockets and workers.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopback(url) {
  const { protocol, hostname } = new URL(url);
  if (!protocol.startsWith('http') && !protocol.startsWith('ws')) return true; // data:, blob:, ...
  return LOOPBACK_HOSTS.has(hostname) || hostname.startsWith('127.');
}

/**
 * A console message as one line of text. The workbench logs `console.log('%c INFO', 'color: #33f',
 * ...args)`, where args are what the extension host logged, often with their own format string
 * (mocha: `'  ✔ %s', title`) that Chromium leaves unexpanded because it is not the first argument.
 * Keep `INFO`, drop the styling and expand the rest as Node's console would. JSHandle's toString()
 * is its preview: the value itself for strings and numbers.
 */
function consoleText(msg) {
  const args = msg.args().map(String);
  if (!args.length || !args[0].includes('%c')) return msg.text();
  const styles = args[0].split('%c').length - 1;
  const level = args[0].replaceAll('%c', '').trim();
  const rest = args.slice(1 + styles);
  return `${level} ${rest.length ? format(...rest) : ''}`.trimEnd();
}

/**
 * Launches Chromium with one page. Every console message and page error is kept in `consoleLines`
 * (the extension host's console only reaches the browser console); `saveConsole(file)` writes them.
 * `onConsole(line)` sees each line as it comes.
 */
export async function launchBrowser({ viewport = { width: 1400, height: 900 }, onConsole } = {}) {
  const { chromium } = loadPlaywright();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    // Playwright would exit the process on these signals before our own cleanup (code-server,
    // temp profile) runs; callers close the browser themselves.
    handleSIGINT: false,
    handleSIGTERM: false,
  });
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
  page.on('console', (msg) => record(`[${msg.type()}] ${consoleText(msg)}`));
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
