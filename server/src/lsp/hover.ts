import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import type { Entity } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { fieldText } from '../model/semantics.js';
import { percent } from '../model/progress.js';
import { paceOfMetric } from '../rules/healthFacts.js';
import type { LintSettings } from '../rules/rule.js';
import { incomingCounts, initiativesOf, linkedTo, metricsMeasuring, orphanReasons, plural, type FindingSource } from './entityFacts.js';
import { declarationSpan, targetAt } from './locate.js';
import { pathToUri } from './uri.js';

const KIND_NAMES: Record<Entity['kind'], string> = { objective: 'Objective', metric: 'Metric', initiative: 'Initiative', owner: 'Owner', prd: 'PRD' };

/** Hover on a reference (the entity it links to) or on a declaration (the entity itself). */
export function hoverAt(file: ParsedFile, offset: number, engine: FindingSource, displayPath: (file: string) => string, health?: HealthSettings): Hover | null {
  const index = engine.index;
  const target = targetAt(file, offset, index);
  if (!target) return null;
  let value: string;
  if (target.type === 'declaration') value = describeEntity(target.entity, engine, displayPath, health);
  else {
    const entities = index.resolve(target.ref);
    if (!entities.length) value = describeUnresolved(target.ref.text, index.unresolvedReason(target.ref));
    else value = entities.map((e) => describeEntity(e, engine, displayPath, health)).join('\n\n---\n\n');
  }
  const span = target.type === 'declaration' ? target.span : target.ref.span;
  return { contents: { kind: MarkupKind.Markdown, value }, range: file.lineMap.rangeOf(span) };
}

function describeUnresolved(text: string, reason: string): string {
  const why: Record<string, string> = {
    'no-such-id': 'nothing in the workspace declares this id',
    'no-such-document': 'the linked document does not exist or declares nothing',
    'document-declares-several': 'the linked document declares several entities: add `#id` to pick one',
    'no-such-anchor': 'no entity of the linked document has this id or heading',
    external: 'the link points outside the workspace',
  };
  return `**Unresolved reference** ${code(text)}: ${why[reason] ?? 'it resolves to nothing'}.`;
}

/** What the hover needs to judge a key result's pace as metric-pace does: `today`, the fiscal year, its `behind`. */
export interface HealthSettings {
  settings: LintSettings;
  behind: number;
}

/** Kind, title, id, owner, status, linked objective, metrics (baseline → target), progress and pace, what links here, where. */
export function describeEntity(entity: Entity, engine: FindingSource, displayPath: (file: string) => string, health?: HealthSettings): string {
  const index = engine.index;
  const id = entity.kind === 'owner' ? `@${entity.id}` : entity.id;
  const title = entity.title ?? (entity.kind === 'owner' ? fieldText(entity, 'name') : undefined);
  const lines = [`**${KIND_NAMES[entity.kind]}** ${code(id || '(no id)')}${title ? ` — ${escape(title)}` : ''}`, ''];
  const facts: string[] = [];
  const add = (label: string, value: string | undefined) => {
    if (value) facts.push(`- ${label}: ${value}`);
  };
  add('Owner', fieldText(entity, 'owner'));
  add('Status', fieldText(entity, 'status'));
  switch (entity.kind) {
    case 'objective': {
      add('Period', fieldText(entity, 'period'));
      add('Perspective', fieldText(entity, 'perspective'));
      add('Priority', fieldText(entity, 'priority'));
      add('Health', checkIn(entity));
      add('Parent', linkedTo(entity, 'parent', 'objective', index).map(short).join(', ') || undefined);
      add('Metrics', metricsMeasuring(entity, index).map(metricLine).join(', ') || undefined);
      const initiatives = initiativesOf(entity, index);
      if (initiatives.length) add('Initiatives', initiatives.map(short).join(', '));
      break;
    }
    case 'metric':
      add('Objective', linkedTo(entity, 'objective', 'objective', index).map(short).join(', ') || undefined);
      add('Type', fieldText(entity, 'type'));
      add('Baseline → target', range(entity));
      add('Current', fieldText(entity, 'current'));
      add('Progress', health ? progressLine(entity, index, health) : undefined);
      add('Health', checkIn(entity));
      break;
    case 'initiative': {
      add('Objective', linkedTo(entity, 'objective', 'objective', index).map(short).join(', ') || '_none_');
      add('Metrics', linkedTo(entity, 'metrics', 'metric', index).map(metricLine).join(', ') || '_none_');
      add('Effort', fieldText(entity, 'effort') ? `${fieldText(entity, 'effort')} ${health?.settings.effortUnit ?? ''}`.trim() : undefined);
      add('Start → due', [fieldText(entity, 'start'), fieldText(entity, 'due')].some(Boolean) ? `${fieldText(entity, 'start') ?? '?'} → ${fieldText(entity, 'due') ?? '?'}` : undefined);
      const reasons = orphanReasons(entity, engine);
      if (reasons.length) add('Orphan', reasons.join(', '));
      break;
    }
    case 'owner':
      add('Team', fieldText(entity, 'team'));
      add('Capacity', fieldText(entity, 'capacity'));
      break;
    case 'prd':
      add('Initiative', linkedTo(entity, 'initiative', 'initiative', index).map(short).join(', ') || undefined);
      add('Objective', linkedTo(entity, 'objective', 'objective', index).map(short).join(', ') || undefined);
      break;
  }
  const counts = incomingCounts(entity, index);
  if (counts.size) add('Linked from', [...counts].map(([kind, n]) => plural(n, kind)).join(', '));
  lines.push(...facts);
  const line = index.getFile(entity.file)?.lineMap.positionAt(declarationSpan(entity).start).line ?? 0;
  lines.push('', `Declared in [${escape(displayPath(entity.file))}:${line + 1}](${pathToUri(entity.file)}#L${line + 1})`);
  return lines.join('\n');
}

/** `at-risk, confidence 0.6, updated 2027-02-01`: the last check-in as written. */
function checkIn(entity: Entity): string | undefined {
  const parts = [fieldText(entity, 'health'), fieldText(entity, 'confidence') && `confidence ${fieldText(entity, 'confidence')}`, fieldText(entity, 'updated') && `updated ${fieldText(entity, 'updated')}`];
  const written = parts.filter(Boolean);
  return written.length ? escape(written.join(', ')) : undefined;
}

const PACE_WORDS = { achieved: 'achieved', 'on-track': 'on track', 'at-risk': 'at risk', missed: 'missed' } as const;

/** `23% of the way, 50% of the window gone (ends 2027-03-31): **at risk**`, by metric-pace's arithmetic. */
function progressLine(metric: Entity, index: WorkspaceIndex, health: HealthSettings): string | undefined {
  const pace = paceOfMetric(index, metric, health.settings, health.behind);
  if (!pace) return undefined;
  const parts: string[] = [];
  if (pace.progress !== undefined) parts.push(`${percent(pace.progress)} of the way`);
  if (pace.elapsed !== undefined) parts.push(`${percent(pace.elapsed)} of the window gone`);
  const window = `window ends ${pace.window.end}`;
  return `${[...parts, window].join(', ')}: **${PACE_WORDS[pace.state]}** (at ${health.settings.today})`;
}

function short(entity: Entity): string {
  return `${code(entity.id)}${entity.title ? ` ${escape(entity.title)}` : ''}`;
}

function metricLine(metric: Entity): string {
  const r = range(metric);
  return `${code(metric.id)}${r ? ` (${r})` : ''}`;
}

function range(metric: Entity): string | undefined {
  const baseline = fieldText(metric, 'baseline');
  const target = fieldText(metric, 'target');
  if (baseline === undefined && target === undefined) return undefined;
  const unit = fieldText(metric, 'unit');
  return `${baseline ?? '?'} → ${target ?? '?'}${unit ? ` ${escape(unit)}` : ''}`;
}

function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}

/** Markdown-escapes text taken from the user's documents. */
function escape(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}
