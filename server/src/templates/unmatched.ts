import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import picomatch from 'picomatch';
import { ConfigError, problemAt, type ConfigProblem } from '../config/problems.js';
import { rangeOf } from '../config/validate.js';
import { relativeInside } from '../files/paths.js';
import { LineMap } from '../text/lineMap.js';
import { filesOf } from './resolve.js';
import type { ResolvedTemplate } from './spec.js';

/**
 * A config's own template whose `files` glob matches no file of the workspace is a mistake (a typo
 * in a path, a template for another repository): a config error at that glob (docs/templates.md
 * "Bad templates"). Presets are exempt: one preset serves many repositories. Returns the problems
 * by config file.
 */
export function unmatchedTemplateGlobs(templates: Iterable<ResolvedTemplate>, files: readonly string[]): Map<string, ConfigProblem[]> {
  const byConfig = new Map<string, ConfigProblem[]>();
  const seen = new Set<string>();
  for (const template of templates) {
    const source = template.source;
    if (!source || seen.has(`${source.config}#${source.index}`)) continue;
    seen.add(`${source.config}#${source.index}`);
    const globs = filesOf(template);
    const relative = files.map((f) => relativeInside(template.base, f)).filter((r): r is string => r !== undefined && r !== '');
    globs.forEach((glob, j) => {
      const matches = picomatch(glob, { dot: true });
      if (relative.some((r) => matches(r))) return;
      const segments = Array.isArray(template.files) ? ['templates', String(source.index), 'files', String(j)] : ['templates', String(source.index), 'files'];
      const problems = byConfig.get(source.config) ?? [];
      problems.push(locate(source.config, segments, `templates[${source.index}].files: "${glob}" matches no file (globs are relative to the folder of this config); correct the pattern or remove the template "${template.name}"`));
      byConfig.set(source.config, problems);
    });
  }
  return byConfig;
}

function locate(configPath: string, segments: string[], message: string): ConfigProblem {
  let text = '';
  try {
    text = readFileSync(configPath, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    // Read a moment ago; if it is gone now, the problem is reported at its start.
  }
  const doc = parseDocument(text, { version: '1.2', prettyErrors: false });
  const [start, end] = rangeOf(doc, segments, false);
  return problemAt(LineMap.of(text), start, end, message);
}

/** Throws the first config's problems as a ConfigError (exit 2 with file:line:column). */
export function assertTemplatesMatch(templates: Iterable<ResolvedTemplate>, files: readonly string[]): void {
  for (const [config, problems] of unmatchedTemplateGlobs(templates, files)) throw new ConfigError(config, problems);
}
