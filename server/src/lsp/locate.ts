import type { Entity, Reference } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import { contains, type Span } from '../model/span.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { entityOfSibling } from '../templates/siblings.js';

/** What the cursor is on, for hover, navigation and rename. */
export type Target =
  | { type: 'reference'; ref: Reference; from: Entity }
  /** On an entity's explicit id value, or on its anchor (heading, front matter `kind` value). */
  | { type: 'declaration'; entity: Entity; span: Span };

/**
 * The reference or declaration at `offset`. References win over the declaration around them;
 * implicit links (nesting) have no text of their own and are never a target. With the index, a
 * field a sibling file supplies (the KEP number in a README's title) stands for the entity it
 * belongs to, declared in the main file.
 */
export function targetAt(file: ParsedFile, offset: number, index?: WorkspaceIndex): Target | undefined {
  if (index && file.templated?.role === 'sibling') return siblingFieldTarget(file, offset, index);
  let best: Target | undefined;
  let bestSize = Infinity;
  const consider = (candidate: Target, span: Span) => {
    const size = span.end - span.start;
    if (size < bestSize) {
      best = candidate;
      bestSize = size;
    }
  };
  for (const entity of file.entities) {
    for (const ref of entity.refs) {
      if (ref.form !== 'implicit' && contains(ref.span, offset)) consider({ type: 'reference', ref, from: entity }, ref.span);
    }
  }
  if (best) return best;
  for (const entity of file.entities) {
    if (entity.idSpan && contains(entity.idSpan, offset)) consider({ type: 'declaration', entity, span: entity.idSpan }, entity.idSpan);
    else if (contains(entity.anchor, offset)) consider({ type: 'declaration', entity, span: entity.anchor }, entity.anchor);
  }
  return best;
}

function siblingFieldTarget(file: ParsedFile, offset: number, index: WorkspaceIndex): Target | undefined {
  const field = file.templated!.fields.find((f) => contains(f.value.span, offset) && f.value.span.end > f.value.span.start);
  const entity = field && entityOfSibling(file, index);
  return entity ? { type: 'declaration', entity, span: field.value.span } : undefined;
}

/** The innermost entity whose declaration contains `offset` (completion needs the kind there). */
export function entityAt(file: ParsedFile, offset: number): Entity | undefined {
  let best: Entity | undefined;
  for (const entity of file.entities) {
    if (!contains(entity.extent, offset)) continue;
    if (!best || entity.extent.end - entity.extent.start < best.extent.end - best.extent.start) best = entity;
  }
  return best;
}

/** Where "go to" lands for an entity: its id value, else its anchor. */
export function declarationSpan(entity: Entity): Span {
  return entity.idSpan ?? entity.anchor;
}
