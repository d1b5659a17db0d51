import * as path from 'node:path';
import { insertFieldEdit, insertListFieldEdit, replaceValueEdit, yamlScalar } from '../fix/edits.js';
import type { Entity, EntityKind, Reference, ScalarValue } from '../model/entity.js';
import type { TextEdit } from '../model/finding.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { scalarItems } from '../parse/entityRefs.js';
import type { RequiredState } from './support.js';
import { capitalise } from '../text/capitalise.js';
import { fillCellText, innerFieldHint } from '../fix/innerFields.js';

/**
 * Helpers shared by the link rules (initiative-objective, initiative-metric, prd-link,
 * unresolved-reference, kind-mismatch): how a link is shown in messages and how a fix writes one.
 */

export { capitalise };

/** A field as the user would write it in this entity's form: `objective: <id>` (YAML) or `Objective: <id>` (Markdown). */
export function fieldExample(entity: Entity, key: string, value: string): string {
  return innerFieldHint(entity, key, value) ?? `\`${entity.form === 'heading' ? capitalise(key) : key}: ${value}\``;
}

/**
 * The edit that fills a required link the entity lacks: it replaces the placeholder (or empty value)
 * where there is one, else adds the field in the entity's own layout. `asList` writes a YAML flow list.
 * Undefined where the entity's form takes no new field (a table row inside a templated file).
 */
export function setLinkEdit(entity: Entity, state: RequiredState, key: string, value: string, asList = false): TextEdit | undefined {
  if (state.state !== 'placeholder') return asList ? insertListFieldEdit(entity, key, [value]) : insertFieldEdit(entity, key, value);
  // An empty table cell (an entity inside a templated file) is filled between its pipes.
  const cell = fillCellText(entity, state.value.text, value);
  if (cell !== undefined) return { file: entity.file, start: state.value.span.start, end: state.value.span.end, newText: cell };
  const written = state.field.value;
  if (written.type === 'list' && written.items.length === 0) {
    // `metrics: []`: the whole empty list is the placeholder.
    return { file: entity.file, start: written.span.start, end: written.span.end, newText: asList ? `[${yamlScalar(value)}]` : yamlScalar(value) };
  }
  const edit = replaceValueEdit(entity.file, entity.form, state.value, value);
  // An empty value has a zero-width span right after the colon: keep a space between key and value.
  if (state.value.span.start === state.value.span.end) edit.newText = ` ${edit.newText}`;
  return edit;
}

/**
 * The edit that rewrites one reference. When the reference is a whole scalar its YAML quoting is kept;
 * a part of a comma list is replaced as written.
 */
export function replaceReferenceEdit(entity: Entity, ref: Reference, newText: string): TextEdit {
  const scalar = scalarOf(entity, ref);
  if (scalar) return replaceValueEdit(entity.file, entity.form, scalar, newText);
  return { file: entity.file, start: ref.span.start, end: ref.span.end, newText };
}

function scalarOf(entity: Entity, ref: Reference): ScalarValue | undefined {
  for (const field of entity.fields) {
    for (const scalar of scalarItems(field.value)) {
      if (scalar.span.start === ref.span.start && scalar.span.end === ref.span.end) return scalar;
    }
  }
  return undefined;
}

/** Entities of `kind` that the entity's references in `field` resolve to (implicit nesting links included). */
export function linkedEntities(entity: Entity, field: string, kind: EntityKind, index: WorkspaceIndex): Entity[] {
  const found: Entity[] = [];
  for (const ref of entity.refs) {
    if (ref.field !== field) continue;
    for (const target of index.resolve(ref)) if (target.kind === kind && !found.includes(target)) found.push(target);
  }
  return found;
}

/** Whether the entity links anything in `field`, implicitly (nesting) or explicitly. */
export function hasImplicitLink(entity: Entity, field: string): boolean {
  return entity.refs.some((r) => r.field === field && r.form === 'implicit');
}

/** Where a declaration is, for related information: its explicit id, else its anchor. */
export function declarationSpan(entity: Entity): { start: number; end: number } {
  return entity.idSpan ?? entity.anchor;
}

/** `plan.strategy.yaml` for messages: the file name, which is what users recognise. */
export function fileName(filePath: string): string {
  return filePath.slice(filePath.lastIndexOf('/') + 1);
}

/** `an objective`, `a metric`: the kind with its article, for messages. */
export function aKind(kind: EntityKind): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

/**
 * The text of a reference to `target`, written in the same form as `ref`: an id, `[[id]]`, or a
 * Markdown link (keeping its label) to the target's document, with an anchor unless the target is
 * the document's own entity.
 */
export function referenceTo(ref: Reference, fromFile: string, target: Entity, index: WorkspaceIndex): string {
  if (ref.form === 'wiki') return `[[${target.id}]]`;
  if (ref.form !== 'link') return target.id;
  const label = /^\[([^\]]*)\]/.exec(ref.text)?.[1] ?? target.id;
  const relative = target.file === fromFile ? '' : relativePath(fromFile, target.file);
  const documentEntity = target.file !== fromFile && index.resolve({ ...ref, external: false, path: target.file, anchor: '' }).includes(target);
  return `[${label}](${relative}${documentEntity ? '' : `#${target.id}`})`;
}

/** A '/'-separated path from the folder of `fromFile` to `toFile`. */
export function relativePath(fromFile: string, toFile: string): string {
  return path.posix.relative(path.posix.dirname(fromFile), toFile);
}
