import type { InitiativeReport, MetricReport, ObjectiveReport, ReportModel } from './model.js';
import { COVERAGE_ROWS, displayId, effortLine, gaps, HEALTH_INTRO, HEALTH_WORDS, metricValues, namedUnder, NO_ORPHANS, orphanCount, paceText, percent, summaryLine, where } from './text.js';

/** The report as GitHub-flavoured Markdown: coverage and orphans first, then the tree and the tables. */
export function renderMarkdown(model: ReportModel): string {
  const out: string[] = [];
  out.push('# Strategy alignment report', '', `${summaryLine(model)} (as of ${model.today})`, '');

  out.push('## Coverage', '', '| Measure | Covered | Total | % |', '| --- | ---: | ---: | ---: |');
  for (const [key, label] of COVERAGE_ROWS) {
    const r = model.coverage[key];
    out.push(row([label, String(r.count), String(r.total), percent(r)]));
  }
  out.push('');

  out.push(`## Orphans (${orphanCount(model)})`, '');
  if (!orphanCount(model)) out.push(NO_ORPHANS, '');
  for (const [title, list] of [
    ['Initiatives', model.orphans.initiatives],
    ['Objectives', model.orphans.objectives],
  ] as const) {
    if (!list.length) continue;
    out.push(`### ${title}`, '');
    for (const o of list) out.push(`- ⚠ **${md(displayId(o.id))}**${o.title ? ` ${md(o.title)}` : ''}: ${gaps(o.missing)} (${code(where(o.location))})`);
    out.push('');
  }

  renderHealth(model, out);

  out.push('## Objective tree', '');
  if (!model.objectives.length) out.push('No objectives declared.', '');
  const tree = (o: ObjectiveReport, depth: number) => {
    const indent = '  '.repeat(depth);
    out.push(`${indent}- ${objectiveLine(o)}`);
    for (const m of namedUnder(o.metrics, model.metrics, o.id)) out.push(`${indent}  - ${metricLine(m)}`);
    for (const i of namedUnder(o.initiatives, model.initiatives, o.id)) out.push(`${indent}  - ${initiativeLine(i)}`);
    for (const child of o.children) tree(child, depth + 1);
  };
  for (const root of model.objectives) tree(root, 0);
  if (model.objectives.length) out.push('');

  out.push('## Key results', '');
  if (!model.metrics.length) out.push('No key results declared.', '');
  else {
    out.push('| Key result | Title | Objective | Type | Baseline → current → target | Progress | Pace | Owner | Due | Moved by | Declared in |');
    out.push('| --- | --- | --- | --- | --- | ---: | --- | --- | --- | --- | --- |');
    for (const m of model.metrics) {
      out.push(row([boldCell(displayId(m.id)), m.title ?? '', ids(m.objectives), m.type ?? '', metricValues(m), m.progress === undefined ? '' : `${m.progress}%`, m.pace ? paceText(m.pace) : '', m.owner ?? '', m.due ?? '', ids(m.initiatives), codeCell(where(m.location))]));
    }
    out.push('');
  }

  out.push('## Initiatives', '');
  if (!model.initiatives.length) out.push('No initiatives declared.', '');
  else {
    out.push('| Initiative | Title | Status | Owner | Objective | Metrics | Due | Orphan | Declared in |');
    out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const i of model.initiatives) {
      const due = i.due ? `${i.due}${i.overdue ? ' (overdue)' : ''}` : '';
      out.push(row([boldCell(displayId(i.id)), i.title ?? '', i.status, i.owner ?? '—', ids(i.objectives, '—'), ids(i.metrics, '—'), due, i.missing.length ? `⚠ ${gaps(i.missing)}` : '', codeCell(where(i.location))]));
    }
    out.push('');
  }

  out.push('## Owners', '');
  if (!model.owners.length) out.push('No owners declared or named.', '');
  else {
    out.push('| Owner | Name | Team | Active initiatives / capacity | Initiatives | Objectives | Declared in |');
    out.push('| --- | --- | --- | --- | --- | --- | --- |');
    for (const o of model.owners) {
      const load = `${o.activeInitiatives} / ${o.capacity}${o.overloaded ? ' ⚠ over capacity' : ''}`;
      out.push(row([boldCell(o.id), o.name ?? '', o.team ?? '', load, ids(o.initiatives), ids(o.objectives), o.location ? codeCell(where(o.location)) : 'not declared']));
    }
    out.push('');
  }
  return out.join('\n');
}

const HEALTH_MARK: Record<string, string> = { 'on-track': '🟢', 'at-risk': '🟠', 'off-track': '🔴', missed: '⛔', unknown: '⚪' };

/** Health: per objective (rolled up) with the reasons, stale check-ins, effort by priority per period. */
function renderHealth(model: ReportModel, out: string[]): void {
  const { health } = model;
  out.push('## Health', '', HEALTH_INTRO, '');
  if (!health.objectives.length) out.push('No active objectives.', '');
  else {
    out.push('| Objective | Period | Priority | Health | Why | Declared in |', '| --- | --- | --- | --- | --- | --- |');
    for (const o of health.objectives) {
      out.push(row([boldCell(displayId(o.id)), o.period ?? '', o.priority ?? '', `${HEALTH_MARK[o.state]} ${HEALTH_WORDS[o.state]}`, o.reasons.join('; '), codeCell(where(o.location))]));
    }
    out.push('');
  }
  out.push('### Stale check-ins', '');
  if (!health.staleCheckIns.length) out.push('None: every `updated` is within its cadence.', '');
  for (const s of health.staleCheckIns) out.push(`- ${s.kind} **${md(s.id)}**: updated ${s.updated}, ${s.days} days ago (cadence ${s.cadence} days) (${code(where(s.location))})`);
  if (health.staleCheckIns.length) out.push('');
  out.push(`### Effort by priority (${md(health.effortUnit)})`, '');
  if (!health.effort.length) out.push('No active top-level objectives with a period.', '');
  for (const p of health.effort) out.push(`- **${md(p.period)}**: ${md(effortLine(p.priorities, health.effortUnit))}`);
  if (health.effort.length) out.push('');
}

function objectiveLine(o: ObjectiveReport): string {
  const facts = [o.status, o.period, o.perspective, o.priority, o.owner, o.health && o.health !== 'unknown' ? HEALTH_WORDS[o.health] : undefined].filter(Boolean).map((f) => md(f!));
  const orphan = o.missing.length ? ` ⚠ **orphan: ${gaps(o.missing)}**` : '';
  return `Objective ${bold(displayId(o.id))}${o.title ? ` ${md(o.title)}` : ''} — ${facts.join(' · ')}${orphan}`;
}

function metricLine(m: MetricReport | string): string {
  if (typeof m === 'string') return `Key result ${bold(m)}`;
  const facts = [m.type, metricValues(m), m.pace ? paceText(m.pace) : m.progress === undefined ? undefined : `${m.progress}% of the way`].filter(Boolean).map((f) => md(f!));
  return `Key result ${bold(displayId(m.id))}${m.title ? ` ${md(m.title)}` : ''} — ${facts.join(' · ')}`;
}

function initiativeLine(i: InitiativeReport | string): string {
  if (typeof i === 'string') return `Initiative ${bold(i)}`;
  const facts = [i.status, i.owner, i.due && `due ${i.due}${i.overdue ? ' (overdue)' : ''}`].filter(Boolean).map((f) => md(f!));
  const orphan = i.missing.length ? ` ⚠ **orphan: ${gaps(i.missing)}**` : '';
  return `Initiative ${bold(displayId(i.id))}${i.title ? ` ${md(i.title)}` : ''} — ${facts.join(' · ')}${orphan}`;
}

/** Markdown that is already formatted (bold, code), as opposed to plain text a table cell must escape. */
class Formatted {
  constructor(readonly markdown: string) {}
}

/** A table row: plain cells are escaped; a `|` in a code span still needs a backslash in GFM tables. */
function row(cells: (string | Formatted)[]): string {
  return `| ${cells.map((c) => (c instanceof Formatted ? c.markdown.replace(/(?<!\\)\|/g, '\\|') : md(c))).join(' | ')} |`;
}

function ids(list: readonly string[], empty = ''): string {
  return list.length ? list.join(', ') : empty;
}

function bold(text: string): string {
  return `**${md(text)}**`;
}

function boldCell(text: string): Formatted {
  return new Formatted(bold(text));
}

function codeCell(text: string): Formatted {
  return new Formatted(code(text));
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${fence === '``' ? ` ${text} ` : text}${fence}`;
}

/** Escapes what Markdown would read as markup, and folds line breaks. */
export function md(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/([\\`*_[\]<>|#~])/g, '\\$1');
}
