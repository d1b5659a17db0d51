import { posix } from 'node:path';
import type { Entity, EntityForm, Field } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import type { FileChange, WorkspaceIndex } from '../index/workspaceIndex.js';

/**
 * A templated entity and its sibling file are one entity (docs/templates.md "Sibling files"): a
 * KEP's kep.yaml declares it, its README.md supplies more of its fields. These functions join the
 * two through the index, never through the parse: each file is still parsed (and cached) on its
 * own content, and whatever is computed from both is computed at lint time from the index. So an
 * edit of either file must re-check the other: `siblingRelatedPaths` says which file that is, for
 * the engine's dependencies and the lint cache.
 */

/** A field of a templated entity and the file that holds it (the entity's own, or its sibling). */
export interface FieldIn {
  field: Field;
  file: string;
  /** How a value in that file is written, for fixes (quoting). */
  form: EntityForm;
}

/** The sibling's path of a main file that declares a templated entity (`…/2101-x/README.md` for `…/2101-x/kep.yaml`). */
function siblingPath(entity: Entity): string | undefined {
  const name = entity.template?.siblingFile;
  return name ? `${posix.dirname(entity.file)}/${name}` : undefined;
}

/** The sibling file of a templated entity, as the index holds it, when it was read as that template's sibling. */
export function siblingOf(entity: Entity, index: WorkspaceIndex): ParsedFile | undefined {
  const path = siblingPath(entity);
  const file = path === undefined ? undefined : index.getFile(path);
  return file?.templated?.role === 'sibling' && file.templated.template.identity === entity.template?.identity ? file : undefined;
}

/** The entity a sibling file belongs to: the one its template's main file in the same folder declares. */
export function entityOfSibling(file: ParsedFile, index: WorkspaceIndex): Entity | undefined {
  const templated = file.templated;
  if (templated?.role !== 'sibling') return undefined;
  for (const path of mainFilesIn(index, posix.dirname(file.path))) {
    const entity = index.getFile(path)?.entities.find((e) => e.template?.identity === templated.template.identity);
    if (entity) return entity;
  }
  return undefined;
}

/**
 * The entity's fields with its sibling's: the entity's own first; a sibling's field supplies a
 * field the entity's own file does not have (the main file wins when both have it).
 */
export function fieldsWithSibling(entity: Entity, sibling: ParsedFile | undefined): FieldIn[] {
  const own: FieldIn[] = entity.fields.map((field) => ({ field, file: entity.file, form: entity.form }));
  if (!sibling?.templated) return own;
  const taken = new Set(entity.fields.map((f) => f.key));
  for (const field of sibling.templated.fields) {
    if (taken.has(field.key)) continue;
    // A Markdown value is written bare; a quoted one comes from front matter and keeps its quotes.
    const form: EntityForm = sibling.language === 'yaml' ? 'yaml' : /^["']/.test(field.value.type === 'scalar' ? field.value.text : '') ? 'front-matter' : 'heading';
    own.push({ field, file: sibling.path, form });
  }
  return own;
}

/**
 * The files whose findings depend on this one through the sibling relation: a main file's sibling,
 * a sibling's main file(s). Asked of the file as the index holds it (before an edit, and after).
 * The engine adds these to what an edit affects; the lint cache gets them through it.
 */
export function siblingRelatedPaths(file: ParsedFile | undefined, index: WorkspaceIndex): string[] {
  const templated = file?.templated;
  if (!file || !templated) return [];
  if (templated.role === 'sibling') return mainFilesIn(index, posix.dirname(file.path)).filter((p) => p !== file.path && index.getFile(p)?.templated?.template.identity === templated.template.identity);
  const name = templated.template.siblingFile;
  return name ? [`${posix.dirname(file.path)}/${name}`] : [];
}

/** The files of a folder that a template read as their main document (kept current file by file). */
function mainFilesIn(index: WorkspaceIndex, dir: string): string[] {
  const byFolder = index.maintain(
    'template-main-files-by-folder',
    () => {
      const map = new Map<string, Set<string>>();
      for (const file of index.allFiles()) addMain(map, file);
      return map;
    },
    (map, change: FileChange) => {
      if (change.before) map.get(posix.dirname(change.before.path))?.delete(change.before.path);
      if (change.after) addMain(map, change.after);
    },
  );
  return [...(byFolder.get(dir) ?? [])];
}

function addMain(map: Map<string, Set<string>>, file: ParsedFile): void {
  if (file.templated?.role !== 'main' || !file.templated.template.siblingFile) return;
  const dir = posix.dirname(file.path);
  let set = map.get(dir);
  if (!set) map.set(dir, (set = new Set()));
  set.add(file.path);
}
