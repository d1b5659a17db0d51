import { didYouMean } from '../config/suggest.js';
import { PRESET_NAMES, PRESETS } from '../presets/index.js';
import { presetTemplatesByName, mergeTemplate } from './resolve.js';
import { schemaProblem } from './schemaValidator.js';
import { TEMPLATE_LINKS } from './configSchema.js';
import type { FieldSource, InnerEntitySpec, TemplateSpec } from './spec.js';

/** Reports one problem at the value (or, with `onKey`, the key) at `segments` of the config. */
export type AddProblem = (segments: string[], onKey: boolean, message: string) => void;

const SOURCE_KEYS = ['key', 'header', 'table', 'section', 'title', 'path'];
/** Sources whose value is a regular expression (what it captures is the field's value). */
const PATTERN_SOURCES = ['title', 'path', 'capture'] as const;

/**
 * What the config's JSON Schema cannot say about `presets` and `templates` (docs/templates.md "Bad
 * templates"): preset names that do not exist, duplicate template names, `extends` naming nothing,
 * a template with no `files` or `kind` even after `extends`, an invalid JSON Schema, a `when` with
 * no (or several) sources or a bad pattern, links the kind does not have. Run on data the schema
 * accepted.
 */
export function templateProblems(data: { presets?: unknown; templates?: unknown }, add: AddProblem): void {
  if (Array.isArray(data.presets)) {
    data.presets.forEach((name, i) => {
      if (typeof name === 'string' && !PRESETS.has(name)) add(['presets', String(i)], false, `presets[${i}]: unknown preset "${name}"${didYouMean(name, PRESET_NAMES)}; presets: ${PRESET_NAMES.join(', ') || '(none)'}`);
    });
  }
  if (!Array.isArray(data.templates)) return;
  const presetTemplates = presetTemplatesByName();
  const defined = new Map<string, TemplateSpec>();
  (data.templates as TemplateSpec[]).forEach((own, i) => {
    const at = (...rest: string[]) => ['templates', String(i), ...rest];
    const where = `templates[${i}]`;
    if (defined.has(own.name)) add(at('name'), false, `${where}.name: "${own.name}" names another template above; template names must be unique`);
    let spec = own;
    let resolved = true;
    if (own.extends !== undefined) {
      const parent = defined.get(own.extends) ?? presetTemplates.get(own.extends);
      if (!parent) {
        const known = [...defined.keys(), ...presetTemplates.keys()];
        add(at('extends'), false, `${where}.extends: no template "${own.extends}"${didYouMean(own.extends, known)}; it may name a template above or one of a preset (${[...presetTemplates.keys()].join(', ') || 'none'})`);
        resolved = false;
      } else spec = mergeTemplate(parent, own);
    }
    defined.set(own.name, spec);
    if (resolved && spec.files === undefined) add(at(), false, `${where} ("${own.name}"): "files" is required (the globs of the files it reads)`);
    if (resolved && spec.kind === undefined && !spec.entities?.length) add(at(), false, `${where} ("${own.name}"): "kind" (what each file is) or "entities" (where entities sit inside it) is required`);
    if (resolved && spec.kind !== undefined && spec.entities?.length) add(at('entities'), false, `${where}.entities: a template has "kind" (each file is one entity) or "entities" (entities inside each file), not both`);
    if (own.entities) innerProblems(own.entities, at('entities'), `${where}.entities`, add);
    if (own.schema !== undefined) {
      const problem = schemaProblem(own.schema);
      if (problem) add(at('schema', ...problem.segments), false, `${where}.schema is not a valid JSON Schema: ${problem.message}`);
    }
    if (own.when) whenProblems(own.when as Record<string, unknown>, at('when'), `${where}.when`, add);
    headingSourceProblems(own.fields, at('fields'), `${where}.fields`, false, add);
    headingSourceProblems(own.sibling?.fields, at('sibling', 'fields'), `${where}.sibling.fields`, false, add);
    fieldPatternProblems(own.fields, at('fields'), `${where}.fields`, add);
    fieldPatternProblems(own.sibling?.fields, at('sibling', 'fields'), `${where}.sibling.fields`, add);
    if (spec.kind && own.links) {
      const allowed = TEMPLATE_LINKS[spec.kind] ?? [];
      own.links.forEach((link, j) => {
        if (!allowed.includes(link)) add(at('links', String(j)), false, `${where}.links: ${spec.kind} has no link "${link}"${allowed.length ? `; links of ${spec.kind}: ${allowed.join(', ')}` : ''}`);
      });
    }
  });
}

const INNER_SOURCES = ['heading', 'list-items', 'table-rows'] as const;

/** Each inner entity names exactly one place (heading, list-items, table-rows); `in` names a kind read by headings; patterns compile; links fit the kind. */
function innerProblems(entities: InnerEntitySpec[], segments: string[], where: string, add: AddProblem): void {
  const headingKinds = new Set(entities.filter((e) => e.heading).map((e) => e.kind));
  entities.forEach((inner, i) => {
    const at = [...segments, String(i)];
    const here = `${where}[${i}]`;
    const places = INNER_SOURCES.filter((k) => inner[k] !== undefined);
    if (places.length !== 1) add(at, false, `${here}: name exactly one of ${INNER_SOURCES.join(', ')} (where the ${inner.kind} entities sit), not ${places.length}`);
    for (const key of ['matches', 'under'] as const) {
      const pattern = inner.heading?.[key];
      if (pattern === undefined) continue;
      try {
        new RegExp(pattern);
      } catch (error) {
        add([...at, 'heading', key], false, `${here}.heading.${key}: not a valid regular expression: ${(error as Error).message}`);
      }
    }
    for (const key of ['list-items', 'table-rows'] as const) {
      const place = inner[key];
      if (!place) continue;
      if ((place.in === undefined) === (place['under-heading'] === undefined)) add([...at, key], false, `${here}.${key}: name either "in" (a kind read by headings) or "under-heading", exactly one`);
      else if (place.in !== undefined && !headingKinds.has(place.in)) add([...at, key, 'in'], false, `${here}.${key}.in: no heading entity of this template is of kind ${place.in}`);
    }
    headingSourceProblems(inner.fields, [...at, 'fields'], `${here}.fields`, true, add);
    if (inner.schema !== undefined) {
      const problem = schemaProblem(inner.schema);
      if (problem) add([...at, 'schema', ...problem.segments], false, `${here}.schema is not a valid JSON Schema: ${problem.message}`);
    }
    const allowed = TEMPLATE_LINKS[inner.kind] ?? [];
    (inner.links ?? []).forEach((link, j) => {
      if (!allowed.includes(link)) add([...at, 'links', String(j)], false, `${here}.links: ${inner.kind} has no link "${link}"${allowed.length ? `; links of ${inner.kind}: ${allowed.join(', ')}` : ''}`);
    });
  });
}

/** `{ heading: pattern }` sources: only entities inside a file have headings around them; the pattern must compile. */
function headingSourceProblems(fields: Record<string, FieldSource | FieldSource[]> | undefined, segments: string[], where: string, inner: boolean, add: AddProblem): void {
  for (const [name, written] of Object.entries(fields ?? {})) {
    const list = Array.isArray(written) ? written : [written];
    list.forEach((source, i) => {
      if (typeof source !== 'object' || !('heading' in source)) return;
      const at = Array.isArray(written) ? [...segments, name, String(i), 'heading'] : [...segments, name, 'heading'];
      const here = `${where}.${name}${Array.isArray(written) ? `[${i}]` : ''}.heading`;
      if (!inner) {
        add(at, true, `${here}: a field read from a heading around the entity is for entities inside a file (\`entities\`); a whole file has no heading around it`);
        return;
      }
      try {
        new RegExp(source.heading);
      } catch (error) {
        add(at, false, `${here}: not a valid regular expression: ${(error as Error).message}`);
      }
    });
  }
}

/** `title` and `path` sources, and a header's or table row's `capture`, are regular expressions: each must compile. */
function fieldPatternProblems(fields: TemplateSpec['fields'], segments: string[], where: string, add: AddProblem): void {
  for (const [name, value] of Object.entries(fields ?? {})) {
    const list = Array.isArray(value) ? value : [value];
    list.forEach((source, i) => {
      if (typeof source !== 'object' || source === null) return;
      for (const key of PATTERN_SOURCES) {
        const pattern = (source as Record<string, unknown>)[key];
        if (typeof pattern !== 'string') continue;
        const problem = regexProblem(pattern);
        if (problem) add([...segments, name, ...(Array.isArray(value) ? [String(i)] : []), key], false, `${where}.${name}.${key}: not a valid regular expression: ${problem}`);
      }
    });
  }
}

function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'd');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function whenProblems(when: Record<string, unknown>, segments: string[], where: string, add: AddProblem): void {
  const sources = SOURCE_KEYS.filter((k) => k in when);
  if (sources.length !== 1) add(segments, false, `${where}: name exactly one source to test (${SOURCE_KEYS.join(', ')}), not ${sources.length}`);
  for (const key of PATTERN_SOURCES) {
    const problem = typeof when[key] === 'string' ? regexProblem(when[key] as string) : undefined;
    if (problem) add([...segments, key], false, `${where}.${key}: not a valid regular expression: ${problem}`);
  }
  if (typeof when.matches === 'string') {
    try {
      new RegExp(when.matches);
    } catch (error) {
      add([...segments, 'matches'], false, `${where}.matches: not a valid regular expression: ${(error as Error).message}`);
    }
  }
}
