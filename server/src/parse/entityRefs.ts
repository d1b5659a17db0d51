import type { Entity, FieldValue, Reference, ScalarValue } from '../model/entity.js';
import { FIELD_SPECS, fieldFor } from '../model/kinds.js';
import { parseReference, splitListText } from './references.js';

/**
 * Derives an entity's references from its fields (§5) and from nesting (§4.1, §4.3):
 * a metric or initiative inside an objective links to it unless it names an objective itself.
 */
export function collectReferences(entity: Entity): Reference[] {
  const refs: Reference[] = [];
  const specs = FIELD_SPECS[entity.kind];
  for (const field of entity.fields) {
    const name = fieldFor(entity.kind, field.key);
    if (!name) continue;
    const spec = specs[name];
    if (!spec?.target || (spec.type !== 'ref' && spec.type !== 'ref-list')) continue;
    for (const item of scalarItems(field.value)) {
      const quoted = /^["']/.test(item.text);
      const splittable = spec.type === 'ref-list' && typeof item.value === 'string' && !quoted;
      const parts = splittable
        ? splitListText(item.text, item.span.start)
        : [{ text: item.value === null ? '' : String(item.value), start: item.span.start }];
      for (const part of parts) {
        const partSpan = quoted || !splittable ? item.span : { start: part.start, end: part.start + part.text.length };
        const ref = parseReference(part.text, partSpan, name, spec.target, entity.file);
        if (ref) refs.push(ref);
      }
    }
  }
  const enclosing = entity.enclosing;
  if (enclosing?.kind === 'objective' && (entity.kind === 'metric' || entity.kind === 'initiative')) {
    if (!refs.some((r) => r.field === 'objective')) {
      refs.push({
        field: 'objective',
        expected: 'objective',
        form: 'implicit',
        text: enclosing.id,
        span: entity.anchor,
        id: enclosing.id,
        implicitTarget: enclosing,
      });
    }
  }
  return refs;
}

/** Scalars of a value: itself, or the items of a list (one level; nested lists are invalid values). */
export function scalarItems(value: FieldValue): ScalarValue[] {
  if (value.type === 'scalar') return [value];
  if (value.type === 'list') return value.items.filter((v): v is ScalarValue => v.type === 'scalar');
  return [];
}
