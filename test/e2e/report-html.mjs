#!/usr/bin/env node
// The printed HTML report in a real browser: `strategy-lint report --format html` on samples/acme,
// served from loopback and opened in the e2e's Chromium. Checks that the page shows its sections
// and the strategy map (one node per entity, the orphans marked), that the console stays free of
// errors and that no request leaves loopback. Screenshots go to <artifacts>/report-html/.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { prepareArtifacts } from '../../scripts/e2e/artifacts.mjs';
import { launchBrowser } from '../../scripts/e2e/browser.mjs';
import { repoRoot } from '../../scripts/e2e/paths.mjs';

const log = (msg) => console.log(`[report-html] ${msg}`);

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function main() {
  const dir = prepareArtifacts('report-html');
  const cli = spawnSync(process.execPath, [join(repoRoot, 'bin', 'strategy-lint.cjs'), 'report', 'samples/acme', '--format', 'html'], { cwd: repoRoot, encoding: 'utf8' });
  check(cli.status === 0, `report --format html exited ${cli.status}: ${cli.stderr}`);
  const json = spawnSync(process.execPath, [join(repoRoot, 'bin', 'strategy-lint.cjs'), 'report', 'samples/acme', '--format', 'json'], { cwd: repoRoot, encoding: 'utf8' });
  const model = JSON.parse(json.stdout);

  const requests = [];
  const server = createServer((req, res) => {
    requests.push(req.url);
    if (req.url !== '/report.html') return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(cli.stdout);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/report.html`;
  let session;
  try {
    session = await launchBrowser({ viewport: { width: 1400, height: 1000 } });
    await session.page.goto(url, { waitUntil: 'load' });
    const facts = await session.page.evaluate(() => ({
      title: document.title,
      sections: [...document.querySelectorAll('section')].map((s) => s.id),
      mapNodes: document.querySelectorAll('#map svg .nodes > *').length,
      orphanNodes: [...document.querySelectorAll('#map svg .nodes > .orphan text.id')].map((t) => t.textContent),
      mapWidth: document.querySelector('#map svg')?.getBoundingClientRect().width ?? 0,
    }));
    log(`sections ${facts.sections.join(', ')}; map: ${facts.mapNodes} nodes, orphans ${facts.orphanNodes.join(', ')}`);
    check(facts.title === 'Strategy alignment report', `title: ${facts.title}`);
    for (const id of ['coverage', 'orphans', 'tree', 'map', 'initiatives', 'owners']) check(facts.sections.includes(id), `no section #${id}`);
    const countObjectives = (list) => list.reduce((n, o) => n + 1 + countObjectives(o.children), 0);
    const entities = countObjectives(model.objectives) + model.metrics.length + model.initiatives.length + model.owners.length;
    check(facts.mapNodes === entities, `the map has ${facts.mapNodes} nodes for ${entities} entities`);
    for (const orphan of model.orphans.initiatives) check(facts.orphanNodes.includes(orphan.id), `orphan ${orphan.id} is not marked on the map`);
    check(facts.mapWidth > 400, `the map is ${facts.mapWidth}px wide`);
    await session.page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    await session.page.locator('#map').screenshot({ path: join(dir, 'map.png') });
    session.saveConsole(join(dir, 'console.log'));
    const errors = session.consoleLines.filter((line) => /^\[(error|pageerror|blocked)\]/.test(line));
    check(!errors.length, `console errors or blocked requests:\n${errors.join('\n')}`);
    check(requests.every((r) => r === '/report.html'), `the page asked for more than itself: ${requests.join(', ')}`);
    log(`ok: ${requests.length} request, no console errors; screenshots in ${dir}`);
  } finally {
    await session?.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(`[report-html] FAILED: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
