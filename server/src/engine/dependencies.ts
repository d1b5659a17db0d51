import type { Entity } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import { parsePeriod } from '../model/semantics.js';
import { refKey, type WorkspaceIndex } from '../index/workspaceIndex.js';
import { fieldScalar } from '../model/semantics.js';

/** Fields along which findings propagate upwards (children → objectives → parents; dependents → dependencies). */
const UPWARD_FIELDS = new Set(['objective', 'parent', 'depends-on', 'initiative']);

/**
 * The keys a file's findings (and the findings of others about it) can depend on: the ids it declares
 * and references, the documents and anchors it can be linked by, its objectives' periods, and every
 * ancestor reachable upwards (so "through child objectives" and cycles re-check correctly).
 */
export function touchedKeys(file: ParsedFile, index: WorkspaceIndex, fiscalYearStart: number): Set<string> {
  const keys = new Set<string>();
  const visited = new Set<Entity>();
  const climb = (entity: Entity) => {
    if (visited.has(entity)) return;
    visited.add(entity);
    keys.add(`id:${entity.id}`);
    for (const ref of entity.refs) {
      keys.add(refKey(ref));
      if (!UPWARD_FIELDS.has(ref.field) && ref.field !== 'owner' && ref.field !== 'metrics') continue;
      for (const target of index.resolve(ref)) {
        keys.add(`id:${target.id}`);
        if (UPWARD_FIELDS.has(ref.field)) climb(target);
      }
    }
  };
  for (const entity of file.entities) {
    keys.add(`doc:${entity.file}`);
    keys.add(`anchor:${entity.file}#${entity.id.toLowerCase()}`);
    if (entity.headingSlug) keys.add(`anchor:${entity.file}#${entity.headingSlug}`);
    if (entity.kind === 'objective') {
      const period = parsePeriod(fieldScalar(entity, 'period')?.value, fiscalYearStart);
      if (period) keys.add(`period:${period.key}`);
    }
    climb(entity);
  }
  return keys;
}

/** Files whose findings may change when anything named by `keys` changes. */
export function filesForKeys(keys: Set<string>, index: WorkspaceIndex, fiscalYearStart: number): Set<string> {
  const files = new Set<string>();
  const periods = new Set<string>();
  for (const key of keys) {
    if (key.startsWith('period:')) {
      periods.add(key.slice(7));
      continue;
    }
    if (key.startsWith('id:')) for (const e of index.declarations(key.slice(3))) files.add(e.file);
    for (const entry of index.referencesByKey(key)) files.add(entry.from.file);
  }
  if (periods.size) {
    for (const objective of index.entitiesOfKind('objective')) {
      const period = parsePeriod(fieldScalar(objective, 'period')?.value, fiscalYearStart);
      if (period && periods.has(period.key)) files.add(objective.file);
    }
  }
  return files;
}
