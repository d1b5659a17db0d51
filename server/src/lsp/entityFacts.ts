import type { Entity, EntityKind } from '../model/entity.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import type { Finding } from '../model/finding.js';
import { ENTITY_KINDS } from '../model/kinds.js';

/**
 * Who links to whom, as the editor features show it (hover, code lens, Strategy view).
 * Implicit links (an initiative nested under an objective) count like written ones.
 */

/** Entities of `kind` whose `field` references resolve to `target`, in declaration order. */
export function linkedFrom(target: Entity, kind: EntityKind, field: string, index: WorkspaceIndex): Entity[] {
  const found: Entity[] = [];
  for (const { ref, from } of index.incoming(target)) {
    if (from.kind === kind && ref.field === field && !found.includes(from)) found.push(from);
  }
  return found.sort(byPlace);
}

/** Entities of `kind` that `entity`'s `field` references resolve to. */
export function linkedTo(entity: Entity, field: string, kind: EntityKind, index: WorkspaceIndex): Entity[] {
  const found: Entity[] = [];
  for (const ref of entity.refs) {
    if (ref.field !== field) continue;
    for (const target of index.resolve(ref)) if (target.kind === kind && !found.includes(target)) found.push(target);
  }
  return found;
}

export const initiativesOf = (objective: Entity, index: WorkspaceIndex) => linkedFrom(objective, 'initiative', 'objective', index);
export const metricsMeasuring = (objective: Entity, index: WorkspaceIndex) => linkedFrom(objective, 'metric', 'objective', index);
export const childObjectivesOf = (objective: Entity, index: WorkspaceIndex) => linkedFrom(objective, 'objective', 'parent', index);

/** The rules whose findings make an initiative an orphan (SPEC §1), and how the editor words each. */
const ORPHAN_RULES: Readonly<Record<string, string>> = { 'initiative-owner': 'no owner', 'initiative-objective': 'no objective', 'initiative-metric': 'no metric' };

/** What the editor asks of the engine to call an initiative an orphan: its index and the findings it reports. */
export interface FindingSource {
  readonly index: WorkspaceIndex;
  lint(filePath: string): Finding[];
}

/**
 * Why an initiative is an orphan, from the findings actually reported (SPEC §1, §9): an
 * `initiative-owner`, `-objective` or `-metric` finding in the initiative, after suppression
 * comments and the configured severities. A rule turned off, or a finding suppressed, does not
 * make an orphan; a link that resolves to nothing is reported (and shown) as `unresolved-reference`.
 */
export function orphanReasons(initiative: Entity, source: FindingSource): string[] {
  if (initiative.kind !== 'initiative') return [];
  return orphanFindingsOf(initiative.file, source).get(initiative) ?? [];
}

/** Per engine, the orphan reasons of each file's initiatives, kept until the index or the configuration changes. */
const orphanCache = new WeakMap<FindingSource, { version: number; config: unknown; byFile: Map<string, Map<Entity, string[]>> }>();

function orphanFindingsOf(filePath: string, source: FindingSource): Map<Entity, string[]> {
  const config = (source as { configs?: unknown }).configs;
  let cache = orphanCache.get(source);
  if (!cache || cache.version !== source.index.version || cache.config !== config) {
    cache = { version: source.index.version, config, byFile: new Map() };
    orphanCache.set(source, cache);
  }
  let byEntity = cache.byFile.get(filePath);
  if (byEntity) return byEntity;
  byEntity = new Map();
  const initiatives = source.index.getFile(filePath)?.entities.filter((e) => e.kind === 'initiative') ?? [];
  for (const finding of source.lint(filePath)) {
    const reason = ORPHAN_RULES[finding.ruleId];
    if (!reason) continue;
    // The innermost initiative whose text holds the finding (at its anchor, or at a placeholder value).
    let owner: Entity | undefined;
    for (const e of initiatives) {
      if (finding.span.start < e.extent.start || finding.span.start > e.extent.end) continue;
      if (!owner || e.extent.start >= owner.extent.start) owner = e;
    }
    if (!owner) continue;
    const reasons = byEntity.get(owner) ?? [];
    if (!reasons.includes(reason)) reasons.push(reason);
    byEntity.set(owner, reasons);
  }
  const order = Object.values(ORPHAN_RULES);
  for (const reasons of byEntity.values()) reasons.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  cache.byFile.set(filePath, byEntity);
  return byEntity;
}

/** Counts of what links to an entity, by kind of the linking entity: "2 initiatives, 1 prd". */
export function incomingCounts(entity: Entity, index: WorkspaceIndex): Map<EntityKind, number> {
  const seen = new Set<Entity>();
  const counts = new Map<EntityKind, number>();
  for (const { from } of index.incoming(entity)) {
    if (seen.has(from) || from === entity) continue;
    seen.add(from);
    counts.set(from.kind, (counts.get(from.kind) ?? 0) + 1);
  }
  return new Map(ENTITY_KINDS.filter((k) => counts.has(k)).map((k) => [k, counts.get(k)!]));
}

export function plural(count: number, word: string): string {
  const singular = word === 'prd' ? 'PRD' : word;
  if (count === 1) return `1 ${singular}`;
  return `${count} ${singular.endsWith('y') ? `${singular.slice(0, -1)}ies` : `${singular}s`}`;
}

export function byPlace(a: Entity, b: Entity): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.anchor.start - b.anchor.start;
}
