import type { Entity, EntityKind } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { entityOfSibling, fieldsWithSibling, siblingOf } from '../templates/siblings.js';
import { entitiesOf, requiredFieldState, type RequiredState } from './support.js';

/**
 * A templated entity's required links may be written in its sibling file (docs/templates.md
 * "Sibling files": a proposal's README.md with `- Owner: @sam`). The link rules check them so: a
 * link the sibling writes counts, and a placeholder there is reported there, once.
 */

/** The entities of a kind whose links a file answers for: its own, and in a sibling file the entity of its main file. */
export function linkSubjects(file: ParsedFile, index: WorkspaceIndex, kind: EntityKind): Entity[] {
  const own = entitiesOf(file.entities, kind);
  const main = file.templated?.role === 'sibling' ? entityOfSibling(file, index) : undefined;
  return main?.kind === kind ? [...own, main] : own;
}

/** How a required link is written, the sibling's fields counting (the entity's own win), and the file that holds it (the entity's when absent). */
export function linkState(entity: Entity, field: string, index: WorkspaceIndex): { state: RequiredState; file: string } {
  const own = requiredFieldState(entity, field);
  const sibling = own.state === 'present' || !entity.template?.siblingFile ? undefined : siblingOf(entity, index);
  if (!sibling) return { state: own, file: entity.file };
  const joined = fieldsWithSibling(entity, sibling);
  const state = requiredFieldState({ ...entity, fields: joined.map((f) => f.field) }, field);
  const file = state.state === 'placeholder' ? (joined.find((f) => f.field === state.field)?.file ?? entity.file) : entity.file;
  return { state, file };
}
