import { didYouMean } from '../config/suggest.js';
import { PRESET_NAMES, PRESETS } from '../presets/index.js';
import { presetTemplatesByName, mergeTemplate } from './resolve.js';
import { schemaProblem } from './schemaValidator.js';
import { TEMPLATE_LINKS } from './configSchema.js';
import type { TemplateSpec } from './spec.js';

/** Reports one problem at the value (or, with `onKey`, the key) at `segments` of the config. */
export type AddProblem = (segments: string[], onKey: boolean, message: string) => void;

const SOURCE_KEYS = ['key', 'header', 'table', 'section'];

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
    if (resolved && spec.kind === undefined) add(at(), false, `${where} ("${own.name}"): "kind" is required (objective, metric, initiative, owner or prd)`);
    if (own.schema !== undefined) {
      const problem = schemaProblem(own.schema);
      if (problem) add(at('schema', ...problem.segments), false, `${where}.schema is not a valid JSON Schema: ${problem.message}`);
    }
    if (own.when) whenProblems(own.when as Record<string, unknown>, at('when'), `${where}.when`, add);
    if (spec.kind && own.links) {
      const allowed = TEMPLATE_LINKS[spec.kind] ?? [];
      own.links.forEach((link, j) => {
        if (!allowed.includes(link)) add(at('links', String(j)), false, `${where}.links: ${spec.kind} has no link "${link}"${allowed.length ? `; links of ${spec.kind}: ${allowed.join(', ')}` : ''}`);
      });
    }
  });
}

function whenProblems(when: Record<string, unknown>, segments: string[], where: string, add: AddProblem): void {
  const sources = SOURCE_KEYS.filter((k) => k in when);
  if (sources.length !== 1) add(segments, false, `${where}: name exactly one source to test (${SOURCE_KEYS.join(', ')}), not ${sources.length}`);
  if (typeof when.matches === 'string') {
    try {
      new RegExp(when.matches);
    } catch (error) {
      add([...segments, 'matches'], false, `${where}.matches: not a valid regular expression: ${(error as Error).message}`);
    }
  }
}
