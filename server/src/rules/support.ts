import { distance } from 'fastest-levenshtein';
import type { Entity, EntityKind, Field, ScalarValue } from '../model/entity.js';
import { fieldFor, isPlaceholderText } from '../model/kinds.js';
import { scalarItems } from '../parse/entityRefs.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import type { Span } from '../model/span.js';

/** Entities of one kind declared in the file being checked. */
export function entitiesOf(entities: readonly Entity[], kind: EntityKind): Entity[] {
  return entities.filter((e) => e.kind === kind);
}

/** How a required field is written (§10.1): absent, empty/placeholder (with where), or present. */
export type RequiredState = { state: 'absent' } | { state: 'placeholder'; value: ScalarValue; field: Field } | { state: 'present' };

export function requiredFieldState(entity: Entity, fieldName: string): RequiredState {
  const fields = entity.fields.filter((f) => fieldFor(entity.kind, f.key) === fieldName);
  if (!fields.length) return { state: 'absent' };
  for (const field of fields) {
    const items = scalarItems(field.value);
    if (field.value.type === 'list' && field.value.items.length === 0) continue;
    if (items.some((v) => v.value !== null && !isPlaceholderText(String(v.value)))) return { state: 'present' };
  }
  const field = fields[0]!;
  const value = scalarItems(field.value)[0] ?? { type: 'scalar' as const, value: null, text: '', span: field.value.span };
  return { state: 'placeholder', value, field };
}

/** Where a "missing field" finding goes: the placeholder, or the entity's anchor (§6). */
export function missingSpan(entity: Entity, state: RequiredState): Span {
  return state.state === 'placeholder' && state.value.span.end > state.value.span.start ? state.value.span : entity.anchor;
}

/** Display name of an entity in messages: `initiative 'INIT-x' (One-click onboarding)`. */
export function describe(entity: Entity): string {
  const id = entity.kind === 'owner' ? `@${entity.id}` : entity.id;
  return `${entity.kind} '${id || entity.title || '(no id)'}'`;
}

/** Ids within `maxDistance` edits of `id`, closest first (ties: alphabetical). */
export function closest(id: string, candidates: Iterable<string>, maxDistance = 2): string[] {
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    if (c === id || Math.abs(c.length - id.length) > maxDistance) continue;
    const d = distance(id.toLowerCase(), c.toLowerCase()) === 0 ? 0.5 : distance(id, c);
    if (d <= maxDistance) scored.push({ c, d });
  }
  return scored.sort((a, b) => a.d - b.d || a.c.localeCompare(b.c)).map((s) => s.c);
}

/** Ids of declared entities of one kind (owners with their `@`-less handle). */
export function idsOfKind(index: WorkspaceIndex, kind: EntityKind): string[] {
  return index.derive(`ids:${kind}`, () => [...new Set([...index.entitiesOfKind(kind)].map((e) => e.id).filter(Boolean))].sort());
}
