import { distance } from 'fastest-levenshtein';
import type { Entity, Reference } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import { fieldText } from '../model/semantics.js';
import { byIdThenPlace, childObjectives } from '../rules/workspaceFacts.js';
import { refKey, type WorkspaceIndex } from '../index/workspaceIndex.js';
import { focusPeriod, topLevelObjectivesByPeriod } from '../rules/focus-limit.js';
import { topLevelPeriodOf } from '../rules/healthFacts.js';
export { healthChanges } from '../rules/healthFacts.js';

/** Fields along which findings propagate upwards (children → objectives → parents; dependents → dependencies). */
const UPWARD_FIELDS = new Set(['objective', 'parent', 'depends-on', 'initiative']);

/**
 * The keys a file's findings (and the findings of others about it) can depend on: the ids it declares
 * and references, the documents and anchors it can be linked by, and the declarations of every
 * ancestor reachable upwards (so "through child objectives" and cycles re-check correctly). Periods:
 * see changedPeriodKeys.
 *
 * What the file links to, and every ancestor above that, concerns only its declaration (`decl:`):
 * what a link changes there (the target's initiatives and key results, coverage through children,
 * a cycle through it, the related locations listing what links to it) is reported where the target
 * is declared. No rule judges one file's link by the other links to the same target (an undeclared
 * owner is the exception: see ownerKeys), so the other files that link to it (a parent objective's
 * other children, the portfolio files naming it) are not re-checked on every keystroke below it.
 */
export function touchedKeys(file: ParsedFile, index: WorkspaceIndex, _fiscalYearStart: number): Set<string> {
  const keys = new Set<string>();
  const climbed = new Set<Entity>();
  const climb = (entity: Entity) => {
    for (const ref of entity.refs) {
      if (!UPWARD_FIELDS.has(ref.field)) continue;
      for (const target of index.resolve(ref)) {
        if (climbed.has(target)) continue;
        climbed.add(target);
        keys.add(`decl:${target.id}`);
        climb(target);
      }
    }
  };
  for (const entity of file.entities) {
    keys.add(`doc:${entity.file}`);
    keys.add(`anchor:${entity.file}#${entity.id.toLowerCase()}`);
    if (entity.headingSlug) keys.add(`anchor:${entity.file}#${entity.headingSlug}`);
    keys.add(`id:${entity.id}`);
    for (const ref of entity.refs) {
      if (ref.field === 'owner') {
        ownerKeys(ref, index, keys);
        continue;
      }
      for (const target of index.resolve(ref)) keys.add(`decl:${target.id}`);
    }
  }
  for (const entity of file.entities) climb(entity);
  return keys;
}

/**
 * An owner value that names a declared owner concerns only that declaration (owner-load reports
 * there): `decl:` re-checks the owner's file, not the hundreds of files naming the same owner. An
 * undeclared handle is reported at every value naming it (§10.2), so all of them are re-checked.
 */
function ownerKeys(ref: Reference, index: WorkspaceIndex, keys: Set<string>): void {
  const owners = index.resolve(ref).filter((e) => e.kind === 'owner');
  if (!owners.length) keys.add(refKey(ref));
  for (const owner of owners) keys.add(`decl:${owner.id}`);
}

/**
 * `period:` keys of the periods whose count of active top-level objectives (focus-limit's measure)
 * the edit changed. Only those re-check the period's other files: typing in an objective's title
 * does not re-check every objective of its period.
 */
export function changedPeriodKeys(before: ParsedFile | undefined, after: ParsedFile | undefined, fiscalYearStart: number): Set<string> {
  const count = (file: ParsedFile | undefined) => {
    const counts = new Map<string, number>();
    for (const entity of file?.entities ?? []) {
      const key = entity.kind === 'objective' ? focusPeriod(entity, fiscalYearStart) : undefined;
      if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  };
  const old = count(before);
  const now = count(after);
  const keys = new Set<string>();
  for (const key of new Set([...old.keys(), ...now.keys()])) if (old.get(key) !== now.get(key)) keys.add(`period:${key}`);
  return keys;
}

/** `health:` keys of the top-level periods these entities count in (ask with the index they are part of). */
export function healthPeriodKeys(entities: readonly Entity[], index: WorkspaceIndex, fiscalYearStart: number): Set<string> {
  const keys = new Set<string>();
  for (const entity of entities) {
    const period = topLevelPeriodOf(index, entity, fiscalYearStart);
    if (period !== undefined) keys.add(`health:${period}`);
  }
  return keys;
}

/**
 * `id:` keys of the descendants (through `parent`) of the objectives among `entities`: a key result
 * of a period-less child objective is judged over the nearest period above it (healthFacts.windowOf),
 * so a parent's period change must re-check what links to its descendants.
 */
export function descendantKeys(entities: readonly Entity[], index: WorkspaceIndex): Set<string> {
  const keys = new Set<string>();
  const seen = new Set<Entity>();
  const stack = entities.filter((e) => e.kind === 'objective');
  while (stack.length) {
    const objective = stack.pop()!;
    if (seen.has(objective)) continue;
    seen.add(objective);
    for (const child of childObjectives(index, objective)) {
      keys.add(`id:${child.id}`);
      stack.push(child);
    }
  }
  return keys;
}

/** Files whose findings may change when anything named by `keys` changes. */
export function filesForKeys(keys: Set<string>, index: WorkspaceIndex, fiscalYearStart: number): Set<string> {
  const files = new Set<string>();
  const periods = new Set<string>();
  const healthPeriods = new Set<string>();
  for (const key of keys) {
    if (key.startsWith('period:')) {
      periods.add(key.slice(7));
      continue;
    }
    if (key.startsWith('health:')) {
      healthPeriods.add(key.slice(7));
      continue;
    }
    if (key.startsWith('decl:')) {
      for (const e of index.declarations(key.slice(5))) files.add(e.file);
      continue;
    }
    if (key.startsWith('id:')) for (const e of index.declarations(key.slice(3))) files.add(e.file);
    for (const entry of index.referencesByKey(key)) files.add(entry.from.file);
  }
  if (periods.size) {
    const byPeriod = topLevelObjectivesByPeriod(index, fiscalYearStart);
    for (const period of periods) for (const objective of byPeriod.get(period) ?? []) files.add(objective.file);
  }
  // allocation compares the objectives of a period that have a priority; perspective-coverage
  // reports at the period's first objective by id. Those files, not the whole period, are re-checked.
  if (healthPeriods.size) {
    const byPeriod = topLevelObjectivesByPeriod(index, fiscalYearStart);
    for (const period of healthPeriods) {
      let host: Entity | undefined;
      for (const objective of byPeriod.get(period) ?? []) {
        if (fieldText(objective, 'priority') !== undefined) files.add(objective.file);
        if (!host || byIdThenPlace(objective, host) < 0) host = objective;
      }
      if (host) files.add(host.file);
    }
  }
  return files;
}

/** Edit distance within which hints offer a name ("Did you mean 'OBJ-smb'?"): the rules' MAX_DISTANCE. */
const NEAR = 2;

/**
 * Files whose hints name near candidates ("Did you mean 'OBJ-smb'?", the closest owners, the entity
 * titled like the written id, a similarly named document): such findings depend on names declared
 * anywhere, not on a key their reference names. Only a reference that leads to no entity of its
 * kind gets such a hint. When an edit adds or removes a name, this re-checks those written within
 * edit distance 2 of it, broken links, and links into the edited file; when a file
 * appears, disappears or changes what it declares, links to documents that declare nothing.
 * Scans only when names changed, so ordinary edits cost nothing here.
 */
export function filesWithNearbyNames(before: ParsedFile | undefined, after: ParsedFile | undefined, index: WorkspaceIndex): Set<string> {
  const files = new Set<string>();
  const old = offeredNames(before);
  const now = offeredNames(after);
  // Compared as written, matched lower-cased: a title whose case alone changed still changes the
  // fix that names it ("Replace with objective 'OBJ-x' (Grow The Funnel)"), which the lint cache stores.
  const changed = [...new Set([...old].filter((n) => !now.has(n)).concat([...now].filter((n) => !old.has(n))).map((n) => n.toLowerCase()))];
  const documentChanged = documentShape(before) !== documentShape(after);
  if (!changed.length && !documentChanged) return files;
  const path = (after ?? before)!.path;
  for (const named of index.referencedIds()) {
    const id = named.toLowerCase();
    if (!changed.some((name) => Math.abs(name.length - id.length) <= NEAR && distance(name, id) <= NEAR)) continue;
    // Only a reference that leads to no entity of its kind gets a hint; one naming a changed id
    // exactly is re-checked through its key (touchedKeys) whether it resolves now or not.
    for (const entry of index.referencesToId(named)) if (!leadsToItsKind(entry.ref, index)) files.add(entry.from.file);
  }
  for (const key of index.linkKeys()) {
    let hit = false;
    if (key.startsWith('anchor:') || key.startsWith('doc:')) {
      const target = key.startsWith('doc:') ? key.slice(4) : key.slice(7, key.indexOf('#'));
      hit = (target === path && changed.length > 0) || (documentChanged && !index.getFile(target)?.entities.length);
      // A broken link's hint compares its anchor or document name with every name (unknown-owner's
      // "Did you mean @b?" for `[B](people.md)`): re-check broken links whenever names change.
      if (!hit && changed.length) for (const entry of index.referencesByKey(key)) if (!leadsToItsKind(entry.ref, index)) files.add(entry.from.file);
    }
    if (hit) for (const entry of index.referencesByKey(key)) files.add(entry.from.file);
  }
  return files;
}

function leadsToItsKind(ref: Reference, index: WorkspaceIndex): boolean {
  return index.resolve(ref).some((target) => target.kind === ref.expected);
}

/** Names a file offers to hints elsewhere: ids and heading slugs lower-cased, titles as written (trimmed). */
function offeredNames(file: ParsedFile | undefined): Set<string> {
  const names = new Set<string>();
  for (const entity of file?.entities ?? []) {
    if (entity.id) names.add(entity.id.toLowerCase());
    if (entity.headingSlug) names.add(entity.headingSlug);
    if (entity.title) names.add(entity.title.trim());
  }
  return names;
}

/** What a link to the whole document can resolve to, as a comparable string. */
function documentShape(file: ParsedFile | undefined): string {
  if (!file) return '';
  return file.entities.map((e) => `${e.form}:${e.kind}`).join(',');
}
