#!/usr/bin/env node
// UI flow: the packaged extension in a real VS Code (code-server + Chromium), used as a person
// would. Installs the .vsix, opens a temporary copy of samples/acme, opens an initiative with no
// owner, sees the error squiggle and the Problems row, applies the "Insert owner" quick fix with
// Ctrl+. and saves, checks the file on disk and that the squiggle is gone, then opens the Strategy
// view and finds an orphan mark. A screenshot per step goes to <artifacts>/ui-flow/.
//
//   node test/e2e/ui-flow.mjs [path/to/extension.vsix]
// Without an argument: $STRATEGY_LINT_E2E_VSIX, else the newest *.vsix at the repo root or in client/.
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

export async function uiFlow(vsixPath) {
  const artifacts = prepareArtifacts('ui-flow');
  const profile = createProfile();
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
    return 0;
  } finally {
    await cleanup();
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  try {
    await uiFlow(findVsix(process.argv[2] ?? process.env.STRATEGY_LINT_E2E_VSIX));
    log(`passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(`[ui-flow] FAILED: ${error.stack ?? error.message}`);
    process.exitCode = 1;
  }
}
