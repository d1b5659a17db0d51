import type { HealthState, InitiativeReport, MetricReport, ObjectiveReport, ReportModel } from './model.js';
import { COVERAGE_ROWS, displayId, effortLine, gaps, HEALTH_INTRO, HEALTH_WORDS, metricValues, namedUnder, NO_ORPHANS, orphanCount, paceText, summaryLine, where } from './text.js';

/**
 * The report as one self-contained HTML page (inline styles, no scripts, nothing fetched). The markup
 * is also well-formed XML, which is how the tests prove every value is escaped.
 */
export function renderHtml(model: ReportModel): string {
  const body: string[] = [];

  body.push(`<header><h1>Strategy alignment report</h1><p class="summary">${esc(summaryLine(model))} · as of ${esc(model.today)}</p></header>`);

  body.push('<section id="coverage"><h2>Coverage</h2><div class="cards">');
  for (const [key, label] of COVERAGE_ROWS) {
    const r = model.coverage[key];
    const pct = r.percent ?? 0;
    const tone = r.percent === null ? 'none' : pct === 100 ? 'good' : pct >= 75 ? 'fair' : 'poor';
    body.push(
      `<div class="card ${tone}"><div class="pct">${r.percent === null ? '—' : `${pct}%`}</div><div class="bar"><span style="width:${pct}%"></span></div>` +
        `<div class="label">${esc(label)}</div><div class="count">${r.count} of ${r.total}</div></div>`,
    );
  }
  body.push('</div></section>');

  body.push(`<section id="orphans"><h2>Orphans <span class="pill">${orphanCount(model)}</span></h2>`);
  if (!orphanCount(model)) body.push(`<p class="ok">${esc(NO_ORPHANS)}</p>`);
  for (const [title, list] of [
    ['Initiatives', model.orphans.initiatives],
    ['Objectives', model.orphans.objectives],
  ] as const) {
    if (!list.length) continue;
    body.push(`<h3>${title}</h3><ul class="orphans">`);
    for (const o of list) body.push(`<li>${badge(gaps(o.missing))} <b>${esc(displayId(o.id))}</b> ${esc(o.title ?? '')} <code>${esc(where(o.location))}</code></li>`);
    body.push('</ul>');
  }
  body.push('</section>');

  body.push(healthSection(model));

  body.push('<section id="tree"><h2>Objective tree</h2>');
  if (!model.objectives.length) body.push('<p>No objectives declared.</p>');
  const tree = (o: ObjectiveReport): string => {
    const items = [
      ...namedUnder(o.metrics, model.metrics, o.id).map((m) => `<li class="kr">${metricItem(m)}</li>`),
      ...namedUnder(o.initiatives, model.initiatives, o.id).map(initiativeItem),
      ...o.children.map(tree),
    ];
    const facts = [o.status, o.period, o.perspective, o.priority, o.owner].filter(Boolean).join(' · ');
    return (
      `<li class="objective${o.missing.length ? ' orphan' : ''}"><span class="kind">Objective</span> <b>${esc(displayId(o.id))}</b> ${esc(o.title ?? '')} ` +
      `<span class="facts">${esc(facts)}</span>${o.health && o.health !== 'unknown' ? ` ${healthBadge(o.health)}` : ''}${o.missing.length ? ` ${badge(gaps(o.missing))}` : ''}${items.length ? `<ul>${items.join('')}</ul>` : ''}</li>`
    );
  };
  if (model.objectives.length) body.push(`<ul class="tree">${model.objectives.map(tree).join('')}</ul>`);
  body.push('</section>');

  body.push('<section id="key-results"><h2>Key results</h2>');
  body.push(
    table(
      ['Key result', 'Title', 'Objective', 'Type', 'Baseline → current → target', 'Progress', 'Pace', 'Owner', 'Due', 'Moved by', 'Declared in'],
      model.metrics.map((m) => ({
        cells: [b(displayId(m.id)), esc(m.title ?? ''), esc(m.objectives.join(', ')), esc(m.type ?? ''), esc(metricValues(m)), m.progress === undefined ? '' : `${m.progress}%`, m.pace ? esc(paceText(m.pace)) : '', esc(m.owner ?? ''), esc(m.due ?? ''), esc(m.initiatives.join(', ')), loc(where(m.location))],
      })),
      'No key results declared.',
    ),
  );
  body.push('</section>');

  body.push('<section id="initiatives"><h2>Initiatives</h2>');
  body.push(
    table(
      ['Initiative', 'Title', 'Status', 'Owner', 'Objective', 'Metrics', 'Due', 'Orphan', 'Declared in'],
      model.initiatives.map((i) => ({
        orphan: i.missing.length > 0,
        cells: [b(displayId(i.id)), esc(i.title ?? ''), esc(i.status), esc(i.owner ?? '—'), esc(i.objectives.join(', ') || '—'), esc(i.metrics.join(', ') || '—'), due(i), i.missing.length ? badge(gaps(i.missing)) : '', loc(where(i.location))],
      })),
      'No initiatives declared.',
    ),
  );
  body.push('</section>');

  body.push('<section id="owners"><h2>Owners</h2>');
  body.push(
    table(
      ['Owner', 'Name', 'Team', 'Active initiatives / capacity', 'Initiatives', 'Objectives', 'Declared in'],
      model.owners.map((o) => ({
        orphan: o.overloaded,
        cells: [b(o.id), esc(o.name ?? ''), esc(o.team ?? ''), `${o.activeInitiatives} / ${o.capacity}${o.overloaded ? ` ${badge('over capacity')}` : ''}`, esc(o.initiatives.join(', ')), esc(o.objectives.join(', ')), o.location ? loc(where(o.location)) : 'not declared'],
      })),
      'No owners declared or named.',
    ),
  );
  body.push('</section>');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="generator" content="strategy-lint"/>
<title>Strategy alignment report</title>
<style>${STYLE}</style>
</head>
<body>
${body.join('\n')}
<footer>Generated by strategy-lint report.</footer>
</body>
</html>
`;
}

function metricItem(m: MetricReport | string): string {
  if (typeof m === 'string') return `<span class="kind">Key result</span> <b>${esc(m)}</b>`;
  const facts = [m.type, metricValues(m), m.pace ? paceText(m.pace) : m.progress === undefined ? undefined : `${m.progress}% of the way`].filter(Boolean).join(' · ');
  return `<span class="kind">Key result</span> <b>${esc(displayId(m.id))}</b> ${esc(m.title ?? '')} <span class="facts">${esc(facts)}</span>`;
}

function initiativeItem(i: InitiativeReport | string): string {
  if (typeof i === 'string') return `<li class="initiative"><span class="kind">Initiative</span> <b>${esc(i)}</b></li>`;
  const facts = [i.status, i.owner, i.due && `due ${i.due}${i.overdue ? ' (overdue)' : ''}`].filter(Boolean).join(' · ');
  return (
    `<li class="initiative${i.missing.length ? ' orphan' : ''}"><span class="kind">Initiative</span> <b>${esc(displayId(i.id))}</b> ${esc(i.title ?? '')} ` +
    `<span class="facts">${esc(facts)}</span>${i.missing.length ? ` ${badge(gaps(i.missing))}` : ''}</li>`
  );
}

/** Health: per objective (rolled up) with the reasons, stale check-ins, effort by priority per period. */
function healthSection(model: ReportModel): string {
  const { health } = model;
  const out = ['<section id="health"><h2>Health</h2>', `<p class="facts">${esc(HEALTH_INTRO)}</p>`];
  out.push(
    table(
      ['Objective', 'Period', 'Priority', 'Health', 'Why', 'Declared in'],
      health.objectives.map((o) => ({
        cells: [b(displayId(o.id)), esc(o.period ?? ''), esc(o.priority ?? ''), healthBadge(o.state), o.reasons.map(esc).join('<br/>'), loc(where(o.location))],
      })),
      'No active objectives.',
    ),
  );
  out.push('<h3>Stale check-ins</h3>');
  if (!health.staleCheckIns.length) out.push('<p class="ok">None: every <code>updated</code> is within its cadence.</p>');
  else {
    out.push('<ul>');
    for (const s of health.staleCheckIns) out.push(`<li>${esc(s.kind)} <b>${esc(s.id)}</b>: updated ${esc(s.updated)}, ${s.days} days ago (cadence ${s.cadence} days) ${loc(where(s.location))}</li>`);
    out.push('</ul>');
  }
  out.push(`<h3>Effort by priority (${esc(health.effortUnit)})</h3>`);
  if (!health.effort.length) out.push('<p>No active top-level objectives with a period.</p>');
  else {
    out.push('<ul>');
    for (const p of health.effort) out.push(`<li><b>${esc(p.period)}</b>: ${esc(effortLine(p.priorities, health.effortUnit))}</li>`);
    out.push('</ul>');
  }
  out.push('</section>');
  return out.join('\n');
}

function healthBadge(state: HealthState): string {
  return `<span class="health ${state}">${esc(HEALTH_WORDS[state])}</span>`;
}

function due(i: InitiativeReport): string {
  if (!i.due) return '';
  return esc(i.due) + (i.overdue ? ` ${badge('overdue')}` : '');
}

/** Cells are HTML already (escaped by the caller). */
function table(headers: string[], rows: { cells: string[]; orphan?: boolean }[], empty: string): string {
  if (!rows.length) return `<p>${esc(empty)}</p>`;
  const head = `<thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>`;
  const body = rows.map((r) => `<tr${r.orphan ? ' class="orphan"' : ''}>${r.cells.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<div class="scroll"><table>${head}<tbody>\n${body}\n</tbody></table></div>`;
}

function badge(text: string): string {
  return `<span class="badge">⚠ ${esc(text)}</span>`;
}

function b(text: string): string {
  return `<b>${esc(text)}</b>`;
}

function loc(text: string): string {
  return `<code>${esc(text)}</code>`;
}

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d1d9e0;--warn:#b91c1c;--warn-bg:#fee2e2;--good:#15803d;--fair:#b45309}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--line:#3d444d;--warn:#fca5a5;--warn-bg:#3b1212;--good:#4ade80;--fair:#fbbf24}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1200px;padding:24px;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
h1{margin:0 0 4px}h2{margin-top:36px;border-bottom:1px solid var(--line);padding-bottom:4px}
.summary,.facts,footer{color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:12px}
.card{border:1px solid var(--line);border-radius:8px;padding:12px}
.pct{font-size:28px;font-weight:600}
.bar{height:6px;border-radius:3px;background:var(--line);overflow:hidden;margin:4px 0 8px}.bar span{display:block;height:100%;background:var(--muted)}
.good .bar span{background:var(--good)}.fair .bar span{background:var(--fair)}.poor .bar span{background:var(--warn)}
.count{color:var(--muted);font-size:13px}
.pill{font-size:13px;border-radius:10px;padding:1px 8px;background:var(--line)}
.badge{color:var(--warn);background:var(--warn-bg);border-radius:4px;padding:0 6px;font-size:13px;white-space:nowrap}
.ok{color:var(--good)}
.kind{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
ul.tree,ul.tree ul{list-style:none;padding-left:20px;border-left:1px solid var(--line)}ul.tree{padding-left:0;border:0}
ul.tree li{margin:4px 0}
li.orphan>b,tr.orphan td:first-child b{color:var(--warn)}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;vertical-align:top;border-bottom:1px solid var(--line);padding:6px 8px}
th{font-weight:600}
td:first-child,td code{white-space:nowrap}
code{font-size:12px;color:var(--muted)}
footer{margin-top:40px;font-size:13px}
.health{border-radius:4px;padding:0 6px;font-size:13px;white-space:nowrap;border:1px solid var(--line)}
.health.on-track{color:#14532d;background:#dcfce7}.health.at-risk{color:#7c2d12;background:#ffedd5}
.health.off-track{color:#7f1d1d;background:#fee2e2}.health.missed{color:#fff;background:#7f1d1d}.health.unknown{color:var(--muted)}
`;
