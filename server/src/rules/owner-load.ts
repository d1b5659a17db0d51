import type { Entity, Reference } from '../model/entity.js';
import type { RelatedLocation } from '../model/finding.js';
import { fieldText, isActiveInitiative } from '../model/semantics.js';
import { refKey, type WorkspaceIndex } from '../index/workspaceIndex.js';
import { docsUrl, type Rule } from './rule.js';
import { byIdThenPlace } from './workspaceFacts.js';
import { effortOfInitiative } from './healthFacts.js';
import { entitiesOf } from './support.js';

const DEFAULT_CAPACITY = 3;
/** Initiatives named in a message before "and N more". */
const LISTED = 8;

/**
 * An owner carrying more active initiatives than they can is where execution stalls: work is
 * planned but nobody has the time to do it. Capacity comes from the owner's `capacity`, else the
 * rule's `capacity` option, else 3 (§10.12).
 */
export const rule: Rule = {
  meta: {
    id: 'owner-load',
    description: 'Owner of more active initiatives than their capacity',
    defaultSeverity: 'warning',
    fixable: false,
    docsUrl: docsUrl('owner-load'),
    optionsSchema: {
      type: 'object',
      properties: {
        capacity: { type: 'integer', minimum: 1, description: 'Most active initiatives an owner without its own `capacity` can carry.' },
        count: {
          enum: ['initiatives', 'effort'],
          description: 'What a load counts: active initiatives (default), or the sum of their `effort`, capacities then being in the config\'s `effort-unit`.',
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { capacity: DEFAULT_CAPACITY, count: 'initiatives' },
  },
  check({ file, index, options, settings, report }) {
    const owners = entitiesOf(file.entities, 'owner');
    const initiatives = entitiesOf(file.entities, 'initiative').filter(isActiveInitiative);
    if (!owners.length && !initiatives.length) return;
    const optionCapacity = positiveInteger(options.capacity);
    const measure = loadMeasure(options.count === 'effort', settings.effortUnit);

    for (const owner of owners) {
      const load = loadOfOwner(index, owner);
      const own = positiveInteger(fieldText(owner, 'capacity'));
      const capacity = own ?? optionCapacity ?? DEFAULT_CAPACITY;
      if (measure.size(load) <= capacity) continue;
      // Default options are merged into `options`, so an option equal to the default reads as the default.
      const source = own !== undefined ? 'its `capacity`' : capacity !== DEFAULT_CAPACITY ? 'the owner-load `capacity` option' : 'the default';
      report({
        span: owner.anchor,
        message:
          `Owner @${owner.id} carries ${measure.describe(load)}, more than its capacity of ${capacity}${measure.unit} (${source}): ${list(load)}. ` +
          `Reassign some, move them back to \`proposed\`, or raise \`capacity\` if the owner can really carry them.`,
        related: relatedOf(load),
      });
    }

    // §10.2: an owner nobody declares is reported at each of its initiatives' owner values.
    const capacity = optionCapacity ?? DEFAULT_CAPACITY;
    for (const initiative of initiatives) {
      for (const ref of initiative.refs) {
        const handle = undeclaredHandle(ref, index);
        const load = handle === undefined ? undefined : loadOfHandle(index, handle);
        if (!load || measure.size(load) <= capacity) continue;
        report({
          span: ref.span,
          message:
            `Owner @${handle} carries ${measure.describe(load)}, more than the capacity of ${capacity}${measure.unit}: ${list(load)}. ` +
            `Reassign some or move them back to \`proposed\`; declare @${handle} with a \`capacity\` if they can carry more.`,
        });
      }
    }
  },
};

/** How a load is measured: by counting initiatives, or (option `count: effort`) by adding up their `effort`. */
function loadMeasure(byEffort: boolean, unit: string): { size: (load: readonly Entity[]) => number; describe: (load: readonly Entity[]) => string; unit: string } {
  if (!byEffort) return { size: (load) => load.length, describe: (load) => `${load.length} active initiatives`, unit: '' };
  const size = (load: readonly Entity[]) => load.reduce((sum, i) => sum + effortOfInitiative(i), 0);
  return { size, describe: (load) => `${Math.round(size(load) * 10) / 10} ${unit} of effort in ${load.length} active initiatives`, unit: ` ${unit}` };
}

/** Active initiatives that name one owner key (see refKey), sorted once per change of the group. */
interface OwnerGroup {
  initiatives: Set<Entity>;
  sorted?: Entity[];
}

/**
 * Active initiatives grouped by the key of each of their owner references, kept current file by
 * file (index.maintain). An owners file declares every owner, so it is re-checked on almost every
 * keystroke: its loads must cost the owners, not a walk over every initiative of the workspace.
 */
function groupsByOwnerKey(index: WorkspaceIndex): Map<string, OwnerGroup> {
  const update = (groups: Map<string, OwnerGroup>, entities: Iterable<Entity>, adding: boolean) => {
    for (const initiative of entities) {
      if (initiative.kind !== 'initiative' || !isActiveInitiative(initiative)) continue;
      for (const ref of initiative.refs) {
        if (ref.field !== 'owner') continue;
        const key = refKey(ref);
        let group = groups.get(key);
        if (!group && !adding) continue;
        if (!group) groups.set(key, (group = { initiatives: new Set() }));
        if (adding) group.initiatives.add(initiative);
        else group.initiatives.delete(initiative);
        group.sorted = undefined;
        if (!group.initiatives.size) groups.delete(key);
      }
    }
  };
  return index.maintain(
    'owner-load:groups',
    () => {
      const groups = new Map<string, OwnerGroup>();
      update(groups, index.entitiesOfKind('initiative'), true);
      return groups;
    },
    (groups, { before, after }) => {
      if (before) update(groups, before.entities, false);
      if (after) update(groups, after.entities, true);
    },
  );
}

function sortedGroup(index: WorkspaceIndex, key: string): readonly Entity[] {
  const group = groupsByOwnerKey(index).get(key);
  if (!group) return [];
  return (group.sorted ??= [...group.initiatives].sort(byIdThenPlace));
}

/**
 * Active initiatives whose owner is this declaration. A handle (`@x`, `x`, `[[x]]`) resolves to every
 * declaration of its id, so all initiatives naming the id count; a link to the owner's document or
 * heading counts when it resolves to this declaration.
 */
function loadOfOwner(index: WorkspaceIndex, owner: Entity): readonly Entity[] {
  const byHandle = sortedGroup(index, `id:${owner.id}`);
  const linkKeys = new Set([`doc:${owner.file}`, `anchor:${owner.file}#${owner.id.toLowerCase()}`]);
  if (owner.headingSlug) linkKeys.add(`anchor:${owner.file}#${owner.headingSlug}`);
  const linked = new Set<Entity>();
  for (const key of linkKeys) {
    for (const initiative of sortedGroup(index, key)) {
      if (initiative.refs.some((ref) => ref.field === 'owner' && refKey(ref) === key && index.resolve(ref).includes(owner))) linked.add(initiative);
    }
  }
  if (!linked.size) return byHandle;
  return [...new Set([...byHandle, ...linked])].sort(byIdThenPlace);
}

/**
 * Active initiatives naming an owner nobody declares, by its handle: every reference written with
 * that handle (`@x`, `x`, `[[x]]`), since none of them resolves to an owner.
 */
function loadOfHandle(index: WorkspaceIndex, handle: string): readonly Entity[] {
  return sortedGroup(index, `id:${handle}`);
}

/** The handle of an owner reference that names (`@x`, `x`, `[[x]]`) an owner nobody declares. */
function undeclaredHandle(ref: Reference, index: WorkspaceIndex): string | undefined {
  if (ref.field !== 'owner' || (ref.form !== 'id' && ref.form !== 'wiki') || !ref.id) return undefined;
  return index.resolve(ref).some((e) => e.kind === 'owner') ? undefined : ref.id;
}

/**
 * Where each initiative of a load is declared. A load stays the same array while none of its
 * initiatives changes (see sortedGroup), so an owners file re-checked on every keystroke does not
 * rebuild thousands of locations for owners the edit did not touch.
 */
const relatedOfLoad = new WeakMap<readonly Entity[], RelatedLocation[]>();

function relatedOf(load: readonly Entity[]): RelatedLocation[] {
  let related = relatedOfLoad.get(load);
  if (!related) relatedOfLoad.set(load, (related = load.map((i) => ({ file: i.file, span: i.anchor, message: `active initiative '${i.id}'` }))));
  return related;
}

function list(initiatives: readonly Entity[]): string {
  const names = initiatives.slice(0, LISTED).map((i) => i.id || i.title || '(no id)');
  const more = initiatives.length - names.length;
  return names.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

function positiveInteger(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
