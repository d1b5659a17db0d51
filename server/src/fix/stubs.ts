import type { EntityKind } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import type { TextEdit } from '../model/finding.js';
import { yamlScalar } from './edits.js';

const HEADING_WORD: Partial<Record<EntityKind, string>> = { objective: 'Objective', metric: 'Key Result', initiative: 'Initiative' };
const YAML_LIST: Partial<Record<EntityKind, string>> = { objective: 'objectives', metric: 'metrics', initiative: 'initiatives' };
const VALID_ID = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/**
 * The edit that declares a minimal `kind` entity with this id at the end of `file`, in the file's own
 * form: a `## Objective: <id>` section in Markdown, an item of the matching top-level list in a
 * strategy YAML file (or a new list at the end). Undefined where no stub can be written cleanly
 * (an id that is not a valid id, a single-entity YAML file, a flow-style list, a templated file).
 */
export function stubDeclarationEdit(file: ParsedFile, kind: EntityKind, id: string): TextEdit | undefined {
  if (!VALID_ID.test(id) || !HEADING_WORD[kind]) return undefined;
  // A file a template reads is read in the template's shape, not SPEC §4's: a `## Key Result:` section would declare nothing.
  if (file.templated) return undefined;
  return file.language === 'markdown' ? markdownStub(file, kind, id) : yamlStub(file, kind, id);
}

function markdownStub(file: ParsedFile, kind: EntityKind, id: string): TextEdit {
  const { eol } = file;
  const end = file.lineMap.length;
  const prefix = endsWithBlankLine(file) ? '' : endsWithNewline(file) ? eol : eol + eol;
  return { file: file.path, start: end, end, newText: `${prefix}## ${HEADING_WORD[kind]}: ${id}${eol}- id: ${id}${eol}` };
}

function yamlStub(file: ParsedFile, kind: EntityKind, id: string): TextEdit | undefined {
  const place = yamlStubPlace(file, kind);
  if (!place) return undefined;
  const { eol } = file;
  const value = yamlScalar(id);
  if (place !== 'new-list') return { file: file.path, start: place.at, end: place.at, newText: `${eol}${place.dash}- id: ${value}${eol}${place.dash}  title: ${value}` };
  const end = file.lineMap.length;
  const prefix = end === 0 || endsWithNewline(file) ? '' : eol;
  return { file: file.path, start: end, end, newText: `${prefix}${YAML_LIST[kind]}:${eol}  - id: ${value}${eol}    title: ${value}${eol}` };
}

/** After the last item of the kind's list (its `- ` `dash` columns in), a new list at the end, or nowhere. */
type YamlStubPlace = { at: number; dash: string } | 'new-list' | undefined;

/**
 * Where a YAML file takes a stub of each kind, worked out once per parse: a file with hundreds of
 * references that name nothing (a portfolio file re-checked on a keystroke elsewhere) offers a stub
 * for each, and each would otherwise scan every entity of the file again.
 */
const yamlStubPlaces = new WeakMap<ParsedFile, Map<EntityKind, YamlStubPlace>>();

function yamlStubPlace(file: ParsedFile, kind: EntityKind): YamlStubPlace {
  let places = yamlStubPlaces.get(file);
  if (!places) yamlStubPlaces.set(file, (places = new Map()));
  if (!places.has(kind)) places.set(kind, findYamlStubPlace(file, kind));
  return places.get(kind);
}

function findYamlStubPlace(file: ParsedFile, kind: EntityKind): YamlStubPlace {
  const topLevel = file.entities.filter((e) => e.form === 'yaml' && !e.enclosing);
  // A file holding one entity with `kind:` has no lists to add to.
  if (topLevel.some((e) => e.fields.some((f) => f.key === 'kind'))) return undefined;
  const siblings = topLevel.filter((e) => e.kind === kind);
  if (!siblings.length) return 'new-list';
  const last = siblings.reduce((a, b) => (b.extent.end > a.extent.end ? b : a));
  if (last.insertion.style !== 'yaml-block') return undefined;
  // The item's `- ` sits two columns before the mapping's first key.
  return { at: last.insertion.offset, dash: ' '.repeat(Math.max(0, last.insertion.indent.length - 2)) };
}

function endsWithNewline(file: ParsedFile): boolean {
  const lines = file.lineMap;
  return lines.lineCount > 1 && lines.lineStart(lines.lineCount - 1) === lines.length;
}

/** The text ends with an empty line (`…\n\n`), so a new section needs no separator. */
function endsWithBlankLine(file: ParsedFile): boolean {
  const lines = file.lineMap;
  if (!endsWithNewline(file) || lines.lineCount < 3) return false;
  return lines.length - lines.lineStart(lines.lineCount - 2) <= file.eol.length;
}
