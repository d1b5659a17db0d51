import { posix } from 'node:path';
import { PRESETS } from '../presets/index.js';
import type { ResolvedTemplate, TemplateSpec } from './spec.js';

/** What a config (or the command line) says about templates. */
export interface TemplateSettings {
  presets?: string[];
  templates?: TemplateSpec[];
}

/** Every template of every preset, by template name (what `extends` may name besides the config's own). */
export function presetTemplatesByName(): Map<string, TemplateSpec> {
  const byName = new Map<string, TemplateSpec>();
  for (const preset of PRESETS.values()) for (const template of preset.templates) if (!byName.has(template.name)) byName.set(template.name, template);
  return byName;
}

/**
 * A derived template (docs/templates.md "extends"): `fields` merged by name (the derived one wins),
 * `schema` added to the base's (both must hold), every other key written replacing the base's.
 */
export function mergeTemplate(base: TemplateSpec, own: TemplateSpec): TemplateSpec {
  const merged: TemplateSpec = { ...base, ...own };
  delete merged.extends;
  if (base.fields || own.fields) merged.fields = { ...(base.fields ?? {}), ...(own.fields ?? {}) };
  if (base.schema && own.schema) merged.schema = { allOf: [base.schema, own.schema] };
  return merged;
}

/**
 * The templates that apply under a config: those of the presets named (config `presets`, then
 * `--preset`), in that order, then the config's own, each with `extends` resolved. Assumes the
 * settings were validated (templateProblems): a template that still lacks `files` or `kind` is skipped.
 */
export function resolveTemplates(settings: TemplateSettings, base: string, extraPresets: readonly string[] = [], configPath?: string): ResolvedTemplate[] {
  const out: ResolvedTemplate[] = [];
  const add = (spec: TemplateSpec, origin: string, index?: number) => {
    if (spec.files === undefined || (spec.kind === undefined && !spec.entities?.length)) return;
    out.push({ ...spec, files: spec.files, base, origin, ...(configPath && index !== undefined ? { source: { config: configPath, index } } : {}) });
  };
  for (const name of new Set([...(settings.presets ?? []), ...extraPresets])) {
    for (const template of PRESETS.get(name)?.templates ?? []) add(template, `preset:${name}`);
  }
  const defined = new Map<string, TemplateSpec>();
  const presetTemplates = presetTemplatesByName();
  (settings.templates ?? []).forEach((own, index) => {
    const parent = own.extends ? (defined.get(own.extends) ?? presetTemplates.get(own.extends)) : undefined;
    const spec = parent ? mergeTemplate(parent, own) : own;
    defined.set(own.name, spec);
    add(spec, 'config', index);
  });
  return out;
}

/** The globs of the files templates read (main files and their siblings), relative to `root`, for discovery. */
export function templateGlobs(templates: readonly ResolvedTemplate[], root: string): string[] {
  const globs: string[] = [];
  for (const template of templates) {
    const prefix = posix.relative(root, template.base);
    for (const glob of filesOf(template)) {
      const relative = prefix ? `${prefix}/${glob}` : glob;
      globs.push(relative);
      if (template.sibling) globs.push(siblingGlob(relative, template.sibling.file));
    }
  }
  return globs;
}

export function filesOf(template: Pick<TemplateSpec, 'files'>): string[] {
  return template.files === undefined ? [] : Array.isArray(template.files) ? template.files : [template.files];
}

/** `keps/**\/kep.yaml` → `keps/**\/README.md`: where the sibling of each matched file can be. */
export function siblingGlob(glob: string, siblingFile: string): string {
  const slash = glob.lastIndexOf('/');
  return slash === -1 ? siblingFile : `${glob.slice(0, slash)}/${siblingFile}`;
}
