import { parseDocument } from 'yaml';
import type { RuleSetting } from '../model/finding.js';
import type { EffortUnit } from '../engine/config.js';
import { LineMap } from '../text/lineMap.js';
import { problemAt, type ConfigProblem } from './problems.js';
import { validateConfigData } from './validate.js';
import type { TemplateSpec } from '../templates/spec.js';

/** The settings of a config file once it has been parsed and validated (SPEC §7). */
export interface ConfigSettings {
  /** Ends the upward search for configs (§10.12): this file's folder is the outermost that counts. */
  root?: boolean;
  include?: string[];
  ignore?: string[];
  today?: string;
  'fiscal-year-start'?: number;
  'effort-unit'?: EffortUnit;
  rules?: Record<string, RuleSetting | [RuleSetting] | [RuleSetting, Record<string, unknown>]>;
  presets?: string[];
  templates?: TemplateSpec[];
}

export interface ParsedConfig {
  /** Present only when there are no problems. */
  settings?: ConfigSettings;
  problems: ConfigProblem[];
}

/**
 * Parses and validates the text of a `.strategylint.yaml|yml|json` file. Pure data: YAML 1.2 core
 * schema, no tags that construct objects, nothing executed. Used by the CLI and, for
 * diagnostics on the config file, by the language server.
 */
export function parseConfigText(filePath: string, rawText: string): ParsedConfig {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const lineMap = LineMap.of(text);
  if (filePath.toLowerCase().endsWith('.json')) {
    const jsonProblem = strictJsonProblem(text, lineMap);
    if (jsonProblem) return { problems: [jsonProblem] };
  }
  // JSON is YAML 1.2 flow syntax, so one parser gives node ranges for both formats.
  const doc = parseDocument(text, { version: '1.2', schema: 'core', prettyErrors: false, uniqueKeys: true });
  // A tag (`!!js/function`, `!foo`) is left unresolved by the core schema: reject it rather than read it as text.
  const tags = doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (doc.errors.length || tags.length) {
    return {
      problems: [
        ...doc.errors.map((e) => problemAt(lineMap, e.pos[0], e.pos[1], yamlMessage(e.message))),
        ...tags.map((w) => problemAt(lineMap, w.pos[0], w.pos[1], `YAML tag ${text.slice(w.pos[0], w.pos[1])} is not allowed: a config holds plain values only`)),
      ].sort((a, b) => a.start - b.start),
    };
  }
  let data: unknown;
  try {
    data = doc.contents === null ? {} : (doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown);
  } catch (error) {
    // yaml refuses aliases that expand past the limit (a "billion laughs"): a config error, not a crash.
    if (!/alias/i.test((error as Error).message)) throw error;
    const alias = /\*[^\s,\]}]+/.exec(text);
    const start = alias?.index ?? 0;
    return { problems: [problemAt(lineMap, start, start + (alias?.[0].length ?? 0), `aliases expand too far (more than ${MAX_ALIAS_COUNT} copies): a config must not multiply its values; write them out instead`)] };
  }
  const problems = validateConfigData(data ?? {}, doc, lineMap);
  return problems.length ? { problems } : { settings: (data ?? {}) as ConfigSettings, problems };
}

/** The most alias expansions a config may make (it needs none; a few are harmless). */
const MAX_ALIAS_COUNT = 100;

function yamlMessage(message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return `invalid YAML: ${first}`;
}

function strictJsonProblem(text: string, lineMap: LineMap): ConfigProblem | undefined {
  if (text.trim() === '') return undefined;
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : 0;
    const clean = message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    return problemAt(lineMap, offset, offset + 1, `invalid JSON: ${clean}`);
  }
}
