import type { Range } from 'vscode-languageserver/node';
import type { Entity, EntityKind, FieldValue } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import { fieldText } from '../model/semantics.js';
import { byPlace, childObjectivesOf, initiativesOf, linkedTo, metricsMeasuring, orphanReasons, type FindingSource } from './entityFacts.js';
import { declarationSpan } from './locate.js';
import { pathToUri } from './uri.js';

/** A node of the Strategy view (`strategyLint/strategyTree`); see protocol.ts. */
export interface StrategyTreeNode {
  /** The entity's id (owners without `@`); 'orphan-initiatives' for the group. Not unique in the tree. */
  id: string;
  kind: EntityKind | 'group';
  label: string;
  detail?: string;
  /** Declaring document ('' for the group). */
  uri: string;
  range: Range;
  orphan: boolean;
  orphanReasons: string[];
  children: StrategyTreeNode[];
}

const NOWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Objectives (top-level first, child objectives nested) → their metrics and initiatives (with the
 * initiatives' metrics), then a group of the initiatives linked to no objective. Several workspace
 * folders give one forest.
 */
export function strategyTree(engines: readonly FindingSource[]): StrategyTreeNode[] {
  const roots: StrategyTreeNode[] = [];
  const orphans: StrategyTreeNode[] = [];
  for (const engine of engines) {
    const index = engine.index;
    const objectives = [...index.entitiesOfKind('objective')].sort(byPlace);
    const placed = new Set<Entity>();
    const build = (objective: Entity, path: Set<Entity>): StrategyTreeNode => {
      placed.add(objective);
      const inner = new Set(path).add(objective);
      const children: StrategyTreeNode[] = [];
      for (const child of childObjectivesOf(objective, index)) if (!inner.has(child)) children.push(build(child, inner));
      for (const metric of metricsMeasuring(objective, index)) children.push(node(metric, engine, []));
      for (const initiative of initiativesOf(objective, index)) children.push(initiativeNode(initiative, engine));
      return node(objective, engine, children);
    };
    for (const objective of objectives) if (!linkedTo(objective, 'parent', 'objective', index).length) roots.push(build(objective, new Set()));
    // Objectives whose parents form a cycle have no root above them: show them at the top too.
    for (const objective of objectives) if (!placed.has(objective)) roots.push(build(objective, new Set()));
    const unaligned = [...index.entitiesOfKind('initiative')].filter((i) => !linkedTo(i, 'objective', 'objective', index).length).sort(byPlace);
    for (const initiative of unaligned) orphans.push(initiativeNode(initiative, engine));
  }
  roots.push({
    id: 'orphan-initiatives',
    kind: 'group',
    label: 'Orphan initiatives',
    detail: `${orphans.length} linked to no objective`,
    uri: '',
    range: NOWHERE,
    orphan: orphans.length > 0,
    orphanReasons: [],
    children: orphans,
  });
  return roots;
}

function initiativeNode(initiative: Entity, engine: FindingSource): StrategyTreeNode {
  const metrics = linkedTo(initiative, 'metrics', 'metric', engine.index).map((m) => node(m, engine, []));
  return node(initiative, engine, metrics);
}

function node(entity: Entity, engine: FindingSource, children: StrategyTreeNode[]): StrategyTreeNode {
  const index = engine.index;
  const reasons = orphanReasons(entity, engine);
  const detail = detailOf(entity);
  return {
    id: entity.id,
    kind: entity.kind,
    label: entity.title || entity.id,
    ...(detail ? { detail } : {}),
    uri: pathToUri(entity.file),
    range: index.getFile(entity.file)?.lineMap.rangeOf(declarationSpan(entity)) ?? NOWHERE,
    orphan: reasons.length > 0,
    orphanReasons: reasons,
    children,
  };
}

function detailOf(entity: Entity): string {
  const parts: (string | undefined)[] = [entity.id];
  const owner = fieldText(entity, 'owner');
  if (entity.kind === 'objective') parts.push(owner, fieldText(entity, 'period'), fieldText(entity, 'status'));
  else if (entity.kind === 'initiative') parts.push(owner, fieldText(entity, 'status'));
  else if (entity.kind === 'metric') {
    const baseline = fieldText(entity, 'baseline');
    const target = fieldText(entity, 'target');
    if (baseline !== undefined || target !== undefined) parts.push(`${baseline ?? '?'} → ${target ?? '?'}${fieldText(entity, 'unit') ? ` ${fieldText(entity, 'unit')}` : ''}`);
  }
  return parts.filter(Boolean).join(' · ');
}

/**
 * What of a file the Strategy view shows (entities, links, the fields in labels, the lines nodes
 * open at). When an edit leaves
 * it unchanged, the view need not be refreshed: typing a description does not rebuild the tree.
 */
export function treeSignature(file: ParsedFile | undefined): string {
  if (!file) return '';
  const shown = new Set(['owner', 'status', 'period', 'baseline', 'target', 'unit', 'title', 'name', 'id']);
  return JSON.stringify(
    file.entities.map((e) => [
      e.kind,
      e.id,
      e.title,
      file.lineMap.positionAt(declarationSpan(e).start).line,
      e.refs.map((r) => `${r.field}=${r.form === 'implicit' ? `^${r.implicitTarget?.id}` : r.text}`),
      e.fields.filter((f) => shown.has(f.key)).map((f) => `${f.key}=${valueText(f.value)}`),
    ]),
  );
}

function valueText(value: FieldValue): string {
  if (value.type === 'scalar') return value.text;
  if (value.type === 'list') return value.items.map(valueText).join(',');
  return value.fields.map((f) => `${f.key}:${valueText(f.value)}`).join(',');
}
