import type { CompareModel, EntityChange, LinkChange } from './compare.js';
import { hasChanges } from './compare.js';
import { md } from './markdown.js';
import type { Ratio } from './model.js';
import { COVERAGE_ROWS, displayId, gaps, percent, where } from './text.js';

/**
 * The delta as GitHub-flavoured Markdown, for `$GITHUB_STEP_SUMMARY` or a pull request comment:
 * coverage before → after first, then what became or stopped being an orphan, new and resolved
 * findings, and entities added, removed, re-parented or re-owned.
 */
export function renderCompareMarkdown(model: CompareModel): string {
  const out: string[] = [];
  out.push(`## Strategy changes since \`${model.base.ref.replace(/`/g, "'")}\` (${model.base.commit.slice(0, 7)})`, '');
  if (!hasChanges(model)) {
    out.push('No change to the strategy: same entities, links, owners, orphans and findings.', '');
    return out.join('\n');
  }

  out.push('| Coverage | Before | After | |', '| --- | ---: | ---: | --- |');
  for (const [key, label] of COVERAGE_ROWS) {
    const { before, after } = model.coverage[key];
    out.push(`| ${label} | ${ratioText(before)} | ${ratioText(after)} | ${trend(before, after)} |`);
  }
  out.push('');

  section(out, 'New orphans', model.orphans.new, (o) => `⚠ ${o.kind} **${md(displayId(o.id))}**${o.title ? ` ${md(o.title)}` : ''}: ${gaps(o.missing)} (\`${where(o.location)}\`)`);
  section(out, 'Orphans resolved', model.orphans.resolved, (o) => `✓ ${o.kind} **${md(displayId(o.id))}**${o.title ? ` ${md(o.title)}` : ''} (had ${gaps(o.missing)})`);
  section(out, 'New findings', model.findings.new, (f) => `${f.severity} \`${f.ruleId}\` \`${where(f.location)}\`: ${md(oneLine(f.message))}`);
  section(out, 'Findings resolved', model.findings.resolved, (f) => `✓ \`${f.ruleId}\` (was at \`${where(f.location)}\`): ${md(oneLine(f.message))}`);
  section(out, 'Entities added', model.entities.added, (e) => entityText(e));
  section(out, 'Entities removed', model.entities.removed, (e) => entityText(e));
  section(out, 'Re-parented', model.entities.reparented, (e) => `${entityText(e)}: ${links(e.before)} → ${links(e.after)}`);
  section(out, 'Re-owned', model.entities.reowned, (e: LinkChange) => `${entityText(e)}: ${links(e.before)} → ${links(e.after)}`);
  return out.join('\n');
}

function section<T>(out: string[], title: string, items: readonly T[], line: (item: T) => string): void {
  if (!items.length) return;
  out.push(`### ${title} (${items.length})`, '');
  for (const item of items) out.push(`- ${line(item)}`);
  out.push('');
}

function entityText(e: EntityChange): string {
  return `${e.kind} **${md(displayId(e.id))}**${e.title ? ` ${md(e.title)}` : ''}${e.location ? ` (\`${where(e.location)}\`)` : ''}`;
}

function links(ids: readonly string[]): string {
  return ids.length ? ids.map((id) => `\`${id}\``).join(', ') : 'none';
}

function ratioText(r: Ratio): string {
  return `${r.count}/${r.total} (${percent(r)})`;
}

/** ▲ / ▼ by percentage points; = when unchanged. */
function trend(before: Ratio, after: Ratio): string {
  if (before.percent === null || after.percent === null) return before.total === after.total && before.count === after.count ? '=' : '';
  const delta = after.percent - before.percent;
  return delta > 0 ? `▲ ${delta} pts` : delta < 0 ? `▼ ${-delta} pts` : '=';
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
