// The one table `npm run bench` prints (Markdown, ready for the README): every measured row with its
// budget and whether it was met. Budgets are issue 13's, stated for 10k documents of the heavy mix
// on 2 cores; the table applies them to every workspace so that a smaller one shows the trend.
// Pure: results in, Markdown out (tested in test/bench/table.test.ts).

/** Issue 13's budgets. */
export const BUDGETS = {
  coldOverFloor: 1.25, // cold CLI ≤ 1.25× the lazy parse floor
  markdownlintOverCold: 3, // markdownlint-cli2 ≥ 3× slower than the cold CLI
  warmUnchangedMs: 1000,
  warmChangedMs: 2000,
  rssMb: 300, // peak RSS of a CLI run, up to 10k documents
  rssLargeMb: 1024, // … and at 50k
  serverWarmScanMs: 2000, // server initial scan with a warm cache (and ≤ the cold CLI without one)
  keystrokeP95Ms: 25,
  scaleRatio: 5.5, // cold CLI 10k → 50k
};

const LARGE = 10000; // above this, the RSS budget is the 50k one

/** Linear growth with 10% slack: 5.5× from 10k to 50k. */
export const scaleBudget = (scale) => +(BUDGETS.scaleRatio / 5 * (scale.to / scale.from)).toFixed(2);

export function formatMs(ms) {
  if (ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

const budgetSeconds = (ms) => `${ms / 1000} s`;
const thousands = (n) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));
const ratio = (a, b) => +(a / b).toFixed(2);

/**
 * One row per measurement: { workspace, what, measured, rss, budget, met } where `met` is true,
 * false, or undefined for rows without a budget (the floor, the figures others are measured by).
 */
export function budgetRows(results) {
  const rows = [];
  for (const run of results.runs ?? []) {
    const workspace = `${run.mix}, ${thousands(run.size)} docs`;
    const rssCap = run.size > LARGE ? BUDGETS.rssLargeMb : BUDGETS.rssMb;
    const rssBudget = `RSS ${run.size > LARGE ? '<' : '≤'} ${rssCap >= 1024 ? `${rssCap / 1024} GB` : `${rssCap} MB`}`;
    const rssMet = (m) => m.peakRssMb === undefined || (run.size > LARGE ? m.peakRssMb < rssCap : m.peakRssMb <= rssCap);
    const add = (what, measured, rss, budget, met) => rows.push({ workspace, what, measured, rss: rss === undefined ? '—' : `${rss} MB`, budget, met });
    const facts = [run.mib !== undefined && `${run.mib} MiB`, run.takingPart !== undefined && `${run.takingPart.toLocaleString('en')} taking part`, run.findings !== undefined && `${run.findings.toLocaleString('en')} findings`].filter(Boolean);
    if (run.floor) add(`lazy parse floor${facts.length ? ` (${facts.join(', ')})` : ''}`, formatMs(run.floor.medianMs), run.floor.peakRssMb, '—', undefined);
    if (run.cold) {
      const over = run.floor ? ratio(run.cold.medianMs, run.floor.medianMs) : undefined;
      const threads = run.cold.concurrency ? ` (--concurrency ${run.cold.concurrency.flag}, ${run.cold.concurrency.cores} cores)` : '';
      add(`CLI, cold${threads}`, `${formatMs(run.cold.medianMs)}${over === undefined ? '' : ` (${over}× floor)`}`, run.cold.peakRssMb,
        `≤ ${BUDGETS.coldOverFloor}× floor; ${rssBudget}`, (over === undefined || over <= BUDGETS.coldOverFloor) && rssMet(run.cold));
    }
    // The same run without parsing workers: no budget of its own, it shows what --concurrency does here.
    if (run.coldOff) {
      const versus = run.cold ? ` (with workers: ${ratio(run.cold.medianMs, run.coldOff.medianMs)}× this)` : '';
      add('CLI, cold, --concurrency off', `${formatMs(run.coldOff.medianMs)}${versus}`, run.coldOff.peakRssMb, '—', undefined);
    }
    if (run.warm) add('CLI `--cache`, nothing changed', formatMs(run.warm.medianMs), run.warm.peakRssMb, `≤ ${budgetSeconds(BUDGETS.warmUnchangedMs)}; ${rssBudget}`, run.warm.medianMs <= BUDGETS.warmUnchangedMs && rssMet(run.warm));
    if (run.warmChanged) add('CLI `--cache`, one file changed', formatMs(run.warmChanged.medianMs), run.warmChanged.peakRssMb, `≤ ${budgetSeconds(BUDGETS.warmChangedMs)}; ${rssBudget}`, run.warmChanged.medianMs <= BUDGETS.warmChangedMs && rssMet(run.warmChanged));
    if (run.markdownlint) {
      const over = run.cold ? ratio(run.markdownlint.medianMs, run.cold.medianMs) : undefined;
      add('markdownlint-cli2 (default config)', `${formatMs(run.markdownlint.medianMs)}${over === undefined ? '' : ` (${over}× cold CLI)`}`, run.markdownlint.peakRssMb,
        `≥ ${BUDGETS.markdownlintOverCold}× cold CLI`, over === undefined ? undefined : over >= BUDGETS.markdownlintOverCold);
    }
    // The server's rows are held to the same memory budget as a lint run: its scan rows by the peak
    // at the scan's end, the keystroke row by the peak over the whole session (scan and edits).
    if (run.serverCold) {
      const over = run.cold ? ratio(run.serverCold.scanMs, run.cold.medianMs) : undefined;
      add(`server initial scan, no cache (to ${run.serverCold.signal === 'progress' ? 'progress end' : 'last diagnostics, idle'})`,
        `${formatMs(run.serverCold.scanMs)}${over === undefined ? '' : ` (${over}× cold CLI)`}`, run.serverCold.peakRssMb, `≤ cold CLI; ${rssBudget}`,
        over === undefined ? undefined : over <= 1 && rssMet(run.serverCold));
    }
    if (run.serverWarm) {
      add(`server initial scan, warm cache (to ${run.serverWarm.signal === 'progress' ? 'progress end' : 'last diagnostics, idle'})`,
        formatMs(run.serverWarm.scanMs), run.serverWarm.peakRssMb, `≤ ${budgetSeconds(BUDGETS.serverWarmScanMs)}; ${rssBudget}`, run.serverWarm.scanMs <= BUDGETS.serverWarmScanMs && rssMet(run.serverWarm));
    }
    if (run.keystrokes) {
      add(`keystroke → diagnostics (server${run.keystrokes.peakRssMb === undefined ? '' : '; RSS: session peak'})`, `p50 ${run.keystrokes.p50Ms} ms, p95 ${run.keystrokes.p95Ms} ms`, run.keystrokes.peakRssMb,
        `p95 ≤ ${BUDGETS.keystrokeP95Ms} ms; ${rssBudget}`, run.keystrokes.p95Ms <= BUDGETS.keystrokeP95Ms && rssMet(run.keystrokes));
    }
  }
  for (const scale of results.scale ?? []) {
    rows.push({
      workspace: `${scale.mix}, ${thousands(scale.from)} → ${thousands(scale.to)}`, what: 'CLI, cold: growth',
      measured: `${scale.ratio}× (${formatMs(scale.fromMs)} → ${formatMs(scale.toMs)})`, rss: '—',
      budget: `≤ ${scaleBudget(scale)}×`, met: scale.ratio <= scaleBudget(scale),
    });
  }
  const kep = results.kep;
  if (kep) {
    const workspace = `\`--preset kep\`, ${kep.generated ? 'generated KEPs' : 'keps/ checkout'}`;
    rows.push({ workspace, what: 'lazy parse floor', measured: formatMs(kep.floor.medianMs), rss: kep.floor.peakRssMb === undefined ? '—' : `${kep.floor.peakRssMb} MB`, budget: '—', met: undefined });
    const over = ratio(kep.cli.medianMs, kep.floor.medianMs);
    rows.push({ workspace, what: 'CLI, cold', measured: `${formatMs(kep.cli.medianMs)} (${over}× floor)`, rss: kep.cli.peakRssMb === undefined ? '—' : `${kep.cli.peakRssMb} MB`,
      budget: `≤ ${BUDGETS.coldOverFloor}× floor; RSS ≤ ${BUDGETS.rssMb} MB`, met: over <= BUDGETS.coldOverFloor && (kep.cli.peakRssMb ?? 0) <= BUDGETS.rssMb });
  }
  return rows;
}

export function renderTable(results) {
  const verdict = (met) => (met === undefined ? '' : met ? 'met' : '**not met**');
  const lines = ['| workspace | what | measured | peak RSS | budget | |', '|---|---|---:|---:|---|---|'];
  for (const row of budgetRows(results)) lines.push(`| ${row.workspace} | ${row.what} | ${row.measured} | ${row.rss} | ${row.budget} | ${verdict(row.met)} |`);
  return lines.join('\n');
}

/** The header above the table: when, where, how loaded the machine was. */
export function renderHeader(results) {
  const load = (l) => (l ? l.map((x) => x.toFixed(2)).join(', ') : '?');
  return `Measured ${results.date.slice(0, 16).replace('T', ' ')} UTC with \`npm run bench\` (Node ${results.node}, ${results.cpus} cores, `
    + `runs per row: ${results.runsLabel ?? '?'}, median shown; load average ${load(results.loadBefore)} before, ${load(results.loadAfter)} after).`;
}
