import type { Entity, Field, FieldValue } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import type { Finding } from '../model/finding.js';
import type { Span } from '../model/span.js';
import { fieldsButTitle } from '../engine/changeShape.js';

/**
 * Where each place of a file's entities went when an edit only moved or retitled what it declares
 * (engine/changeShape.ts: the same entities, fields and references, in the same order): a span of
 * `before` that is a part of one of its entities (its anchor, extent, id, a field's key or value,
 * a reference) gives the same part of the same entity in `after`. Undefined for any other span, and
 * for one that two parts shared before and no longer share.
 */
export function placesMoved(before: ParsedFile, after: ParsedFile): (span: Span) => Span | undefined {
  const moved = new Map<string, Span | null>();
  const pair = (was: Span | undefined, now: Span | undefined) => {
    if (!was || !now) return;
    const key = `${was.start}:${was.end}`;
    const known = moved.get(key);
    if (known === undefined) moved.set(key, now);
    else if (known !== null && (known.start !== now.start || known.end !== now.end)) moved.set(key, null);
  };
  before.entities.forEach((entity, i) => pairEntities(entity, after.entities[i]!, pair));
  return (span) => moved.get(`${span.start}:${span.end}`) ?? undefined;
}

type Pair = (was: Span | undefined, now: Span | undefined) => void;

function pairEntities(was: Entity, now: Entity, pair: Pair): void {
  pair(was.anchor, now.anchor);
  pair(was.extent, now.extent);
  pair(was.idSpan, now.idSpan);
  was.refs.forEach((ref, j) => pair(ref.span, now.refs[j]?.span));
  // A title written as a field may come or go (a retitle): the other fields pair in order.
  pairFields(fieldsButTitle(was), fieldsButTitle(now), pair);
}

function pairFields(was: readonly Field[], now: readonly Field[], pair: Pair): void {
  was.forEach((field, j) => {
    const other = now[j];
    if (!other) return;
    pair(field.keySpan, other.keySpan);
    pairValues(field.value, other.value, pair);
  });
}

function pairValues(was: FieldValue, now: FieldValue, pair: Pair): void {
  pair(was.span, now.span);
  if (was.type === 'list' && now.type === 'list') was.items.forEach((item, k) => now.items[k] && pairValues(item, now.items[k]!, pair));
  else if (was.type === 'map' && now.type === 'map') pairFields(was.fields, now.fields, pair);
}

/**
 * Another file's findings with their related places in `target` moved (placesMoved), the rest as
 * they are: the findings a run would give after that edit, which changed nothing they read of
 * `target` but its positions. `findings` itself when none names a place there; undefined when a
 * place cannot be moved, or a fix edits `target` (its edits would need the text, which the cache
 * does not keep).
 */
export function findingsMoved(findings: Finding[], target: string, moved: (span: Span) => Span | undefined): Finding[] | undefined {
  const out: Finding[] = [];
  let any = false;
  for (const finding of findings) {
    if (finding.fixes?.some((fix) => fix.edits.some((edit) => edit.file === target))) return undefined;
    if (!finding.related?.some((r) => r.file === target)) {
      out.push(finding);
      continue;
    }
    const related = [];
    for (const place of finding.related) {
      if (place.file !== target) {
        related.push(place);
        continue;
      }
      const span = moved(place.span);
      if (!span) return undefined;
      related.push({ ...place, span: { start: span.start, end: span.end } });
    }
    out.push({ ...finding, related });
    any = true;
  }
  return any ? out : findings;
}
