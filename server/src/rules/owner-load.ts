import type { Entity, Reference } from '../model/entity.js';
import { fieldText, isActiveInitiative } from '../model/semantics.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { docsUrl, type Rule } from './rule.js';
import { byIdThenPlace } from './workspaceFacts.js';
import { entitiesOf } from './support.js';

const DEFAULT_CAPACITY = 3;
/** Initiatives named in a message before "and N more". */
const LISTED = 8;

/** Active initiatives per owner: declared owners by their declaration, undeclared ones by handle. */
interface Loads {
  byOwner: Map<Entity, Entity[]>;
  byHandle: Map<string, Entity[]>;
}

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
      },
      additionalProperties: false,
    },
    defaultOptions: { capacity: DEFAULT_CAPACITY },
  },
  check({ file, index, options, report }) {
    const owners = entitiesOf(file.entities, 'owner');
    const initiatives = entitiesOf(file.entities, 'initiative').filter(isActiveInitiative);
    if (!owners.length && !initiatives.length) return;
    const optionCapacity = positiveInteger(options.capacity);
    const loads = index.derive('owner-load:loads', () => activeInitiativesPerOwner(index));

    for (const owner of owners) {
      const load = loads.byOwner.get(owner) ?? [];
      const own = positiveInteger(fieldText(owner, 'capacity'));
      const capacity = own ?? optionCapacity ?? DEFAULT_CAPACITY;
      if (load.length <= capacity) continue;
      // Default options are merged into `options`, so an option equal to the default reads as the default.
      const source = own !== undefined ? 'its `capacity`' : capacity !== DEFAULT_CAPACITY ? 'the owner-load `capacity` option' : 'the default';
      report({
        span: owner.anchor,
        message:
          `Owner @${owner.id} carries ${load.length} active initiatives, more than its capacity of ${capacity} (${source}): ${list(load)}. ` +
          `Reassign some, move them back to \`proposed\`, or raise \`capacity\` if the owner can really carry them.`,
        related: load.map((i) => ({ file: i.file, span: i.anchor, message: `active initiative '${i.id}'` })),
      });
    }

    // §10.2: an owner nobody declares is reported at each of its initiatives' owner values.
    const capacity = optionCapacity ?? DEFAULT_CAPACITY;
    for (const initiative of initiatives) {
      for (const ref of initiative.refs) {
        const handle = undeclaredHandle(ref, index);
        const load = handle === undefined ? undefined : loads.byHandle.get(handle);
        if (!load || load.length <= capacity) continue;
        report({
          span: ref.span,
          message:
            `Owner @${handle} carries ${load.length} active initiatives, more than the capacity of ${capacity}: ${list(load)}. ` +
            `Reassign some or move them back to \`proposed\`; declare @${handle} with a \`capacity\` if they can carry more.`,
        });
      }
    }
  },
};

function activeInitiativesPerOwner(index: WorkspaceIndex): Loads {
  const loads: Loads = { byOwner: new Map(), byHandle: new Map() };
  for (const initiative of index.entitiesOfKind('initiative')) {
    if (!isActiveInitiative(initiative)) continue;
    for (const ref of initiative.refs) {
      if (ref.field !== 'owner') continue;
      const declared = index.resolve(ref).filter((e) => e.kind === 'owner');
      for (const owner of declared) add(loads.byOwner, owner, initiative);
      const handle = declared.length ? undefined : undeclaredHandle(ref, index);
      if (handle !== undefined) add(loads.byHandle, handle, initiative);
    }
  }
  for (const group of [...loads.byOwner.values(), ...loads.byHandle.values()]) group.sort(byIdThenPlace);
  return loads;
}

/** The handle of an owner reference that names (`@x`, `x`, `[[x]]`) an owner nobody declares. */
function undeclaredHandle(ref: Reference, index: WorkspaceIndex): string | undefined {
  if (ref.field !== 'owner' || (ref.form !== 'id' && ref.form !== 'wiki') || !ref.id) return undefined;
  return index.resolve(ref).some((e) => e.kind === 'owner') ? undefined : ref.id;
}

/** Adds an initiative once, even when it names the same owner twice. */
function add<K>(map: Map<K, Entity[]>, key: K, initiative: Entity): void {
  const group = map.get(key);
  if (!group) map.set(key, [initiative]);
  else if (!group.includes(initiative)) group.push(initiative);
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
