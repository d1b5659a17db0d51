#!/usr/bin/env node
// UI flow: the packaged extension in a real VS Code (code-server + Chromium), used as a person
// would. Installs the .vsix, opens a temporary copy of samples/acme, opens an initiative with no
// owner, sees the error squiggle and the Problems row, applies the "Insert owner" quick fix with
// Ctrl+. and saves, checks the file on disk and that the squiggle is gone, then opens the Strategy
// view and finds an orphan mark, then the alignment report webview (its map, a link that opens a
// declaration; no console error, nothing fetched beyond loopback). A screenshot per step goes to
// <artifacts>/ui-flow/.
//
// With --web the same flow runs the extension as a web extension: in the browser's web worker
// extension host (the `browser` entry, the server in a web worker reading files through
// workspace.fs), as in vscode.dev and github.dev; its artifacts go to <artifacts>/ui-flow-web/.
//
//   node test/e2e/ui-flow.mjs [--web] [path/to/extension.vsix]
// Without an argument: $STRATEGY_LINT_E2E_VSIX, else the newest *.vsix at the repo root or in client/.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prepareArtifacts, screenshot } from '../../scripts/e2e/artifacts.mjs';
import { launchBrowser } from '../../scripts/e2e/browser.mjs';
import { createProfile, installVsix, startCodeServer, workbenchUrl } from '../../scripts/e2e/code-server.mjs';
import { repoRoot } from '../../scripts/e2e/paths.mjs';
import {
  findTreeRow, openProblems, openQuickFixMenu, openViewByName, pickQuickFix, poll, problemRows,
  quickOpenFile, runCommand, squiggleOnLine, waitForWorkbench,
} from './workbench.mjs';

/**
 * What the flow works on: an initiative in samples/acme that has every link but an owner, so the
 * only error squiggle on its heading is initiative-owner's.
 */
const TARGET = {
  file: 'docs/platform-strategy.md',
  heading: 'Initiative: Checkout latency budget',
  rule: 'initiative-owner',
  fixLabels: [/^insert owner/i, /owner/i],
};
const VIEW_ID = 'strategyLint.strategyView';
const FOCUS_COMMAND = 'strategyLint.focusStrategyView';

const log = (msg) => console.log(`[ui-flow] ${msg}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function findVsix(explicit) {
  if (explicit) return explicit;
  const candidates = [repoRoot, join(repoRoot, 'client')]
    .flatMap((dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.vsix')).map((f) => join(dir, f)) : []))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!candidates.length) throw new Error('no .vsix found at the repo root or in client/: run npm run package');
  return candidates[0];
}

/** The installed extension's package.json (the one contributing the Strategy view), nls resolved. */
function installedManifest(extensionsDir) {
  for (const dir of readdirSync(extensionsDir)) {
    const file = join(extensionsDir, dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    const views = Object.values(manifest.contributes?.views ?? {}).flat();
    if (!views.some((view) => view.id === VIEW_ID)) continue;
    const nlsFile = join(extensionsDir, dir, 'package.nls.json');
    const nls = existsSync(nlsFile) ? JSON.parse(readFileSync(nlsFile, 'utf8')) : {};
    const text = (value) => (typeof value === 'string' ? value.replace(/^%(.+)%$/, (m, key) => nls[key] ?? m) : value);
    return { manifest, text };
  }
  throw new Error(`no installed extension contributes the view ${VIEW_ID}`);
}

/** The lines of `heading`'s section (up to the next heading) in the file on disk. */
function sectionOnDisk(file, heading) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((line) => line.includes(heading));
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && /^#{1,6}\s/.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

async function openStrategyView(page, extensionsDir) {
  const { manifest, text } = installedManifest(extensionsDir);
  const view = Object.values(manifest.contributes.views).flat().find((v) => v.id === VIEW_ID);
  const command = (manifest.contributes.commands ?? []).find((c) => c.command === FOCUS_COMMAND);
  if (command) {
    const title = text(command.title);
    const category = text(command.category);
    await runCommand(page, category ? `${category}: ${title}` : title);
  } else {
    await openViewByName(page, text(view.name));
  }
  return text(view.name);
}

/** Makes VS Code run the extension on the UI side: in a browser, the web worker extension host. */
const WEB_SETTINGS = { 'remote.extensionKind': { 'strategy-lint.strategy-lint': ['ui'] } };

/** Strategy-lint language servers started as Node processes from this profile's extensions. */
function nodeServersOf(profile) {
  const ps = spawnSync('ps', ['-eo', 'args='], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((line) => line.includes(profile.extensionsDir) && line.includes('server.cjs'));
}

/** The webview frame holding the report page (VS Code nests it in an iframe of an iframe). */
async function reportFrame(page) {
  return poll(async () => {
    for (const frame of page.frames()) {
      try {
        if (await frame.locator('#report #map svg').count()) return frame;
      } catch {
        // a frame navigating away
      }
    }
    return undefined;
  }, { timeout: 60_000, message: 'the alignment report webview with its map' });
}

export async function uiFlow(vsixPath, { web = false } = {}) {
  const artifacts = prepareArtifacts(web ? 'ui-flow-web' : 'ui-flow');
  const profile = createProfile({ settings: web ? WEB_SETTINGS : {} });
  let server;
  let browser;
  let stepNumber = 0;
  let page;
  const step = async (name, fn) => {
    const label = `${String(++stepNumber).padStart(2, '0')}-${name}`;
    const started = Date.now();
    try {
      const result = await fn();
      log(`✓ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      if (page) await screenshot(page, artifacts, label);
      return result;
    } catch (error) {
      log(`✗ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      if (page) await screenshot(page, artifacts, `${label}-FAILED`);
      throw error;
    }
  };

  let cleaning;
  const cleanup = () => (cleaning ??= (async () => {
    browser?.saveConsole(join(artifacts, 'console.log'));
    await browser?.close();
    await server?.stop();
    if (process.env.STRATEGY_LINT_E2E_KEEP === '1') log(`profile kept in ${profile.root}`);
    else profile.remove();
    log(`artifacts in ${artifacts}`);
  })());
  const interrupted = (signal) => cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);

  try {
    const workspace = join(profile.root, 'workspace', 'acme');
    await step('prepare', async () => {
      log(`installing ${vsixPath}`);
      installVsix(profile, vsixPath);
      mkdirSync(workspace, { recursive: true });
      cpSync(join(repoRoot, 'samples', 'acme'), workspace, { recursive: true });
      if (sectionOnDisk(join(workspace, TARGET.file), TARGET.heading).some((line) => /owner/i.test(line))) {
        throw new Error(`"${TARGET.heading}" in samples/acme/${TARGET.file} already has an owner: update TARGET`);
      }
      server = await startCodeServer(profile, { logFile: join(artifacts, 'code-server.log') });
      browser = await launchBrowser();
      page = browser.page;
    });

    await step('workbench', async () => {
      await page.goto(workbenchUrl(server, { folder: workspace }));
      await waitForWorkbench(page);
    });

    await step('open-file', () => quickOpenFile(page, TARGET.file));

    await step('error-squiggle', () => poll(async () => (await squiggleOnLine(page, TARGET.heading)).box, {
      timeout: 60_000, message: `an error squiggle on "${TARGET.heading}"`,
    }));

    await step('extension-host', async () => {
      const servers = nodeServersOf(profile);
      if (web && servers.length) throw new Error(`the web extension started a Node server: ${servers.join('; ')}`);
      if (!web && !servers.length) throw new Error('no Node language server runs for the desktop extension');
      log(`  language server: ${web ? 'in the web worker (no Node process)' : servers[0]}`);
    });

    await step('problems', async () => {
      await openProblems(page, TARGET.rule);
      const row = await poll(async () => (await problemRows(page))
        .find((r) => r.file === TARGET.file.split('/').pop() && r.text.includes(TARGET.rule)), {
        timeout: 30_000, message: `a Problems row for ${TARGET.rule} in ${TARGET.file}`,
      });
      log(`  Problems: ${row.text}`);
    });

    await step('quick-fix-menu', async () => {
      // The cursor goes on the squiggle (a click there), then Ctrl+. (retried: see openQuickFixMenu).
      const { box } = await squiggleOnLine(page, TARGET.heading);
      if (!box) throw new Error('the squiggle went away before the quick fix');
      await page.mouse.click(box.x, box.y);
      const labels = await openQuickFixMenu(page);
      log(`  code actions: ${JSON.stringify(labels)}`);
    });

    await step('apply-fix', async () => {
      const picked = await pickQuickFix(page, TARGET.fixLabels);
      log(`  picked: ${picked}`);
    });

    await step('save', async () => {
      await page.keyboard.press('Control+S');
      const file = join(workspace, TARGET.file);
      const owner = await poll(() => sectionOnDisk(file, TARGET.heading).find((line) => /owner/i.test(line)), {
        timeout: 15_000, message: `an owner line under "${TARGET.heading}" in ${file}`,
      });
      log(`  on disk: ${owner.trim()}`);
    });

    await step('squiggle-gone', async () => {
      await poll(async () => {
        const { line, box } = await squiggleOnLine(page, TARGET.heading);
        return line && !box;
      }, {
        timeout: 30_000, message: `the error squiggle on "${TARGET.heading}" to go`,
      });
      await poll(async () => !(await problemRows(page))
        .some((r) => r.file === TARGET.file.split('/').pop() && r.text.includes(TARGET.rule)), {
        timeout: 30_000, message: `the ${TARGET.rule} Problems row for ${TARGET.file} to go`,
      });
    });

    await step('strategy-view', async () => {
      const viewName = await openStrategyView(page, profile.extensionsDir);
      const orphan = await findTreeRow(page, viewName, (row) => /orphan/i.test(`${row.text} ${row.aria} ${row.title}`));
      log(`  orphan row: ${orphan.aria || orphan.text}`);
    });

    await step('report-webview', async () => {
      browser.consoleLines.length = 0; // what follows is checked on its own
      // Room for the report beside the editor: no side bar, no panel.
      await page.keyboard.press('Control+B');
      await page.keyboard.press('Control+J');
      await runCommand(page, 'Strategy: Show Alignment Report');
      const frame = await reportFrame(page);
      const facts = await frame.evaluate(() => ({
        csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
        sections: [...document.querySelectorAll('#report section')].map((s) => s.id),
        nodes: document.querySelectorAll('#map svg .nodes > a.entity').length,
        links: document.querySelectorAll('#report a[data-file]').length,
      }));
      log(`  report: sections ${facts.sections.join(', ')}; ${facts.nodes} map nodes, ${facts.links} links`);
      if (!/default-src 'none'/.test(facts.csp) || !/script-src 'nonce-/.test(facts.csp)) throw new Error(`weak CSP: ${facts.csp}`);
      for (const id of ['coverage', 'orphans', 'map', 'initiatives']) if (!facts.sections.includes(id)) throw new Error(`no #${id} in the report`);
      if (facts.nodes < 10) throw new Error(`the map has ${facts.nodes} linked nodes`);
      // The fix just saved gave the target initiative an owner: the report says so without a reload.
      const stillOrphan = await frame.locator('#orphans li', { hasText: 'no owner' }).filter({ hasText: 'INIT-latency' }).count();
      if (stillOrphan) throw new Error('the report still lists the fixed initiative as lacking an owner');
      // Scrolled to the map for the screenshot of this step.
      await frame.evaluate(() => document.getElementById('map').scrollIntoView());
      await sleep(300);
    });

    await step('report-refresh', async () => {
      // An unsaved edit in the editor beside: the open report follows it without being asked.
      const editor = page.locator('.editor-group-container').first();
      await editor.locator('.view-line', { hasText: '# Platform strategy' }).first().click();
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await page.keyboard.type('## Initiative: Refresh probe');
      await page.keyboard.press('Enter');
      await page.keyboard.type('- id: INIT-probe');
      const frame = await reportFrame(page);
      await poll(async () => (await frame.locator('#orphans li', { hasText: 'INIT-probe' }).count()) > 0, {
        timeout: 30_000, message: 'the new orphan INIT-probe in the open report',
      });
      await frame.evaluate(() => document.getElementById('orphans').scrollIntoView());
      log('  the report lists INIT-probe, typed a moment ago');
    });

    await step('report-link', async () => {
      const frame = await reportFrame(page);
      // A map node of an objective declared in another file than the one open.
      const node = frame.locator('#map svg a.entity.objective', { hasText: 'OBJ-brand' }).first();
      const file = await node.getAttribute('data-file');
      await node.click();
      const name = file.split('/').pop();
      await page.locator('.tab.active', { hasText: name }).first().waitFor({ timeout: 15_000 });
      log(`  the map node opened ${file}`);
      const problems = browser.consoleLines.filter((line) => /^\[(error|pageerror|blocked)\]/.test(line) && /webview|report|blocked|Content Security/i.test(line));
      if (problems.length) throw new Error(`console errors or blocked requests around the report:\n${problems.join('\n')}`);
      const blocked = browser.consoleLines.filter((line) => line.startsWith('[blocked]'));
      if (blocked.length) throw new Error(`requests leaving loopback:\n${blocked.join('\n')}`);
    });
    return 0;
  } finally {
    await cleanup();
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  const args = process.argv.slice(2);
  const web = args.includes('--web');
  try {
    await uiFlow(findVsix(args.find((a) => !a.startsWith('--')) ?? process.env.STRATEGY_LINT_E2E_VSIX), { web });
    log(`passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(`[ui-flow] FAILED: ${error.stack ?? error.message}`);
    process.exitCode = 1;
  }
}
