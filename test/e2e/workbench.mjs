// Page helpers for the VS Code 1.139 web workbench (code-server), driven by playwright-core.
// Selectors are the ones VS Code itself renders; each helper waits and retries rather than
// sleeping, because the language server, code-action providers and views all start lazily.

export const SELECTORS = Object.freeze({
  statusBar: '.monaco-workbench .part.statusbar',
  quickInput: '.quick-input-widget input',
  quickInputRow: '.quick-input-widget .monaco-list-row',
  problemsRow: '.markers-panel .monaco-list-row',
  // The panel holds other filter boxes too (Output's): pick the Problems one by its label.
  problemsFilter: '.viewpane-filter input[aria-label="Filter Problems"]',
  codeActionRow: '.action-widget .monaco-list-row',
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `fn` until it returns a truthy value; throws `message` after `timeout` ms. */
export async function poll(fn, { timeout = 30_000, interval = 250, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${message}`);
    await sleep(interval);
  }
}

export async function waitForWorkbench(page) {
  await page.locator(SELECTORS.statusBar).waitFor({ timeout: 60_000 });
}

/** Ctrl+P, type a file name, open the matching result; resolves once its tab is active. */
export async function quickOpenFile(page, relativePath) {
  const name = relativePath.split('/').pop();
  await page.keyboard.press('Control+P');
  await page.locator(SELECTORS.quickInput).waitFor();
  await page.keyboard.type(relativePath);
  await page.locator(SELECTORS.quickInputRow, { hasText: name }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
}

/** Runs a command by its palette label ("Category: Title") through Ctrl+Shift+P. */
export async function runCommand(page, label) {
  await page.keyboard.press('Control+Shift+P');
  await page.locator(SELECTORS.quickInput).waitFor();
  await page.keyboard.type(label);
  const row = page.locator(SELECTORS.quickInputRow).filter({ hasText: label }).first();
  await row.waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/** Ctrl+P `view NAME`: VS Code's "Open View" quick access, which works for every view. */
export async function openViewByName(page, viewName) {
  await page.keyboard.press('Control+P');
  await page.locator(SELECTORS.quickInput).waitFor();
  await page.keyboard.type(`view ${viewName}`);
  await page.locator(SELECTORS.quickInputRow, { hasText: viewName }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/**
 * `{ line, box }` for the active editor's line containing `lineText`: `line` says whether that
 * line is rendered at all (so "no squiggle" is never concluded from a line scrolled away), `box`
 * is the centre and size of a `.squiggly-<kind>` decoration on it, or null. Squiggles sit in an
 * overlay layer: they are matched to the text line by vertical position.
 */
export async function squiggleOnLine(page, lineText, kind = 'error') {
  return page.evaluate(({ lineText, kind }) => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor')
      ?? document.querySelector('.monaco-editor');
    if (!editor) return { line: false, box: null };
    const normalise = (s) => s.replace(/\u00a0/g, ' ');
    const line = [...editor.querySelectorAll('.view-lines .view-line')]
      .find((el) => normalise(el.textContent ?? '').includes(lineText));
    if (!line) return { line: false, box: null };
    const { top, bottom } = line.getBoundingClientRect();
    for (const squiggle of editor.querySelectorAll(`.squiggly-${kind}`)) {
      const r = squiggle.getBoundingClientRect();
      const middle = r.top + r.height / 2;
      if (r.width > 0 && middle >= top && middle <= bottom) {
        return { line: true, box: { x: r.left + r.width / 2, y: middle, width: r.width, height: r.height } };
      }
    }
    return { line: true, box: null };
  }, { lineText, kind });
}

/** Ctrl+Shift+M, optionally with a filter; resolves once the panel is shown. */
export async function openProblems(page, filter) {
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').first().waitFor({ timeout: 15_000 });
  if (filter !== undefined) {
    const input = page.locator(SELECTORS.problemsFilter).first();
    await input.fill(filter);
  }
}

/**
 * The Problems rows as { file, text } for markers (file rows set `file` for the marker rows under
 * them). Only rendered rows: keep the list short with a filter.
 */
export async function problemRows(page) {
  const rows = await page.locator(SELECTORS.problemsRow).evaluateAll((elements) =>
    elements.map((el) => ({ aria: el.getAttribute('aria-label') ?? '', text: el.textContent ?? '' })));
  const markers = [];
  let file;
  for (const { aria, text } of rows) {
    const fileRow = /problems? in file (.+?) of folder/i.exec(aria);
    if (fileRow) file = fileRow[1];
    else markers.push({ file, text, aria });
  }
  return markers;
}

/**
 * Ctrl+. until the code-action menu shows: the first request may be cancelled while other
 * providers register, and then no menu opens. Returns the row labels.
 */
export async function openQuickFixMenu(page, { attempts = 8 } = {}) {
  const rows = page.locator(SELECTORS.codeActionRow);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await rows.first().waitFor({ timeout: 2_500 });
      await sleep(300); // let late providers add their rows
      return (await rows.allTextContents()).map((text) => text.trim());
    } catch {
      await page.keyboard.press('Escape');
      await sleep(500 * attempt);
    }
  }
  throw new Error(`no code-action menu after ${attempts} Ctrl+. presses`);
}

/** Picks the first code-action row whose label matches one of the patterns (in order). */
export async function pickQuickFix(page, patterns) {
  const labels = (await page.locator(SELECTORS.codeActionRow).allTextContents()).map((t) => t.trim());
  for (const pattern of patterns) {
    const index = labels.findIndex((label) => pattern.test(label));
    if (index >= 0) {
      await page.locator(SELECTORS.codeActionRow).nth(index).click();
      await page.locator(SELECTORS.codeActionRow).first().waitFor({ state: 'hidden', timeout: 5_000 });
      return labels[index];
    }
  }
  throw new Error(`no code action matches ${patterns.join(' or ')}; menu: ${JSON.stringify(labels)}`);
}

/**
 * The rows of a tree view (e.g. an extension's TreeView) found by its pane header, expanding
 * collapsed rows until `found(row)` holds for some row or nothing is left to expand.
 * A row is { text, aria }.
 */
export async function findTreeRow(page, viewName, found, { timeout = 30_000 } = {}) {
  // A view alone in its container has a hidden ("merged") header, but the header is still there.
  const pane = page.locator('.pane').filter({ has: page.locator(`.pane-header[aria-label^="${viewName}"]`) }).first();
  const rows = pane.locator('.monaco-list-row');
  const read = () => rows.evaluateAll((elements) => elements.map((el) => ({
    text: el.textContent ?? '', aria: el.getAttribute('aria-label') ?? '',
    title: el.querySelector('[title]')?.getAttribute('title') ?? '',
    collapsed: el.getAttribute('aria-expanded') === 'false',
  })));
  return poll(async () => {
    const current = await read();
    const hit = current.find(found);
    if (hit) return hit;
    const collapsed = pane.locator('.monaco-list-row[aria-expanded="false"] .monaco-tl-twistie');
    if (await collapsed.count()) await collapsed.first().click();
    return undefined;
  }, { timeout, interval: 300, message: `a matching row in the "${viewName}" view` });
}
