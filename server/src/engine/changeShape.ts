import type { Entity, Field } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';

/**
 * What a file declares, without positions, in parts: its entities' ids (with kind and form), their
 * heading anchors, and everything else but their titles. Keys sorted: a parse restored from the
 * lint cache holds the same properties in another order.
 */
export interface DeclaredAspects {
  ids: string;
  anchors: string;
  rest: string;
}

/**
 * Each parse's aspects, once: a `--cache` run asks for those of an edited file's parses twice, as
 * engine.update decides whether the edit only moved what it declares (movedOrRetitledOnly) and as
 * the run works out which rules' candidates it moved (cachedLint.ts).
 */
const aspectsOfParse = new WeakMap<ParsedFile, DeclaredAspects>();

export function declaredAspects(parsed: ParsedFile | undefined): DeclaredAspects {
  if (!parsed) return aspectsOf(undefined);
  let aspects = aspectsOfParse.get(parsed);
  if (!aspects) aspectsOfParse.set(parsed, (aspects = aspectsOf(parsed)));
  return aspects;
}

function aspectsOf(parsed: ParsedFile | undefined): DeclaredAspects {
  const entities = parsed?.entities ?? [];
  return {
    ids: JSON.stringify([parsed?.participates ?? false, entities.map((e) => [e.kind, e.id, e.form])]),
    anchors: JSON.stringify(entities.map((e) => e.headingSlug ?? null)),
    // `fields` by name: an entity restored from the cache holds it as an accessor (cache/restoredEntity.ts).
    rest: JSON.stringify(entities.map((e) => ({ ...e, fields: fieldsButTitle(e) })), (key, value: unknown) => {
      if (POSITION_KEYS.has(key) || key === 'template' || key === 'title' || key === 'headingSlug') return undefined;
      if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(value).sort()) sorted[k] = (value as Record<string, unknown>)[k];
      return sorted;
    }),
  };
}

/**
 * An entity's fields but its title: a title written as a field (YAML) is the title too, which a
 * retitle may add, change or remove. What `rest` compares, and what movedFindings pairs in order.
 */
export function fieldsButTitle(entity: Entity): Field[] {
  return entity.fields.filter((f) => f.key !== 'title');
}

// Ranges as parsers write them (Span objects) and as the index keeps them (model/indexed.ts: two
// numbers each; an entity's insertion as its offset and its shared place), so that an edit which
// only moves text below it (a longer title) compares equal. `enclosing` and `implicitTarget` name
// other entities: nestingOf compares them by place.
const POSITION_KEYS = new Set(['span', 'keySpan', 'idSpan', 'start', 'end', 'keyStart', 'keyEnd', 'valueStart', 'idStart', 'idEnd', 'anchorStart', 'anchorEnd', 'extentStart', 'extentEnd', 'anchor', 'extent', 'insertion', 'insertionOffset', 'insertionPlace', 'enclosing', 'implicitTarget']);

/**
 * Whether an edit of a file only moved what it declares or retitled it: the same entities in the
 * same order, nested the same way, with the same fields and references, where only positions,
 * titles and heading anchors may differ. Such an edit changes nothing another file's checks read
 * of it but its positions (related places and fix edits that point into it), its names (hints that
 * offer a near id, title or anchor; links to an anchor) and, where an entity has no id, the title
 * that stands for it in messages: so a retitled entity must keep an id. Files a template reads
 * are left out (their siblings read each other's text).
 */
export function movedOrRetitledOnly(before: ParsedFile, after: ParsedFile): boolean {
  if (before.templated || after.templated) return false;
  if (before.entities.length !== after.entities.length) return false;
  for (let i = 0; i < before.entities.length; i++) {
    const [was, now] = [before.entities[i]!, after.entities[i]!];
    if (was.template || now.template) return false;
    if (was.title !== now.title && (!was.id || !now.id)) return false;
  }
  const [a, b] = [declaredAspects(before), declaredAspects(after)];
  return a.ids === b.ids && a.rest === b.rest && nestingOf(before) === nestingOf(after);
}

/** Each entity's enclosing entity and implicit link targets, by their places in the file. */
function nestingOf(file: ParsedFile): string {
  const place = new Map<Entity, number>(file.entities.map((e, i) => [e, i]));
  const at = (e: Entity | undefined) => (e === undefined ? -1 : (place.get(e) ?? -2));
  return JSON.stringify(file.entities.map((e) => [at(e.enclosing), e.refs.map((r) => at(r.implicitTarget))]));
}
