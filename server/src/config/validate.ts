import type { ErrorObject } from 'ajv';
import compiledValidator from '../schema/generated/configValidator.cjs';
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { didYouMean } from './suggest.js';
import type { LineMap } from '../text/lineMap.js';
import { isValidDate } from '../model/semantics.js';
import { RULES_BY_ID } from '../rules/registry.js';
import { problemAt, type ConfigProblem } from './problems.js';
import { SETTINGS, SEVERITIES } from './schema.js';
import { templateProblems } from '../templates/checkConfig.js';

/**
 * Validates parsed config data against the schema and turns every schema error into a message
 * that names the setting, says what is wrong and what is allowed, at the offending key or value.
 */
export function validateConfigData(data: unknown, doc: Document, lineMap: LineMap): ConfigProblem[] {
  // Compiled ahead of time (scripts/write-config-validator.ts): compiling it cost more than a run's validations.
  const validate = compiledValidator;
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  const add = (segments: string[], onKey: boolean, message: string) => {
    const [start, end] = rangeOf(doc, segments, onKey);
    const key = `${start}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push(problemAt(lineMap, start, end, message));
  };
  if (!validate(data)) {
    for (const error of relevantErrors(validate.errors ?? [], data)) {
      const segments = pointerSegments(error.instancePath);
      const described = describeError(error, segments, data);
      add(described.onKey ? [...segments, described.onKey] : segments, Boolean(described.onKey), described.message);
    }
  }
  // Template checks need data of the right shape: only once the schema accepts it.
  else if (data !== null && typeof data === 'object') templateProblems(data as Record<string, unknown>, add);
  const today = (data as Record<string, unknown> | null)?.today;
  if (typeof today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(today) && !isValidDate(today)) {
    add(['today'], false, `today: "${today}" is not a calendar date; write a real date as YYYY-MM-DD (e.g. 2027-02-01)`);
  }
  return problems.sort((a, b) => a.start - b.start);
}

/**
 * A rule entry is `severity` or `[severity, options]` (an anyOf): keep only the errors of the
 * branch that matches what was written, so `warn` yields one message about severities and not
 * also one about arrays.
 */
function relevantErrors(errors: ErrorObject[], data: unknown): ErrorObject[] {
  const rules = (data as { rules?: Record<string, unknown> } | null)?.rules;
  const out: ErrorObject[] = [];
  const entryReported = new Set<string>();
  for (const error of errors) {
    const segments = pointerSegments(error.instancePath);
    if (segments[0] !== 'rules' || segments.length < 2 || !rules) {
      out.push(error);
      continue;
    }
    const entry = rules[segments[1]!];
    if (typeof entry === 'string') {
      if (error.keyword === 'enum') out.push(error);
    } else if (Array.isArray(entry)) {
      if (segments.length > 2 || ['minItems', 'additionalItems', 'maxItems'].includes(error.keyword)) out.push(error);
    } else if (!entryReported.has(segments[1]!)) {
      entryReported.add(segments[1]!);
      out.push({ ...error, keyword: 'ruleEntry' });
    }
  }
  return out;
}

interface Described {
  message: string;
  /** Report at this key of the object at the error's path (unknown keys) rather than at the value. */
  onKey?: string;
}

function describeError(error: ErrorObject, segments: string[], data: unknown): Described {
  const where = displayPath(segments);
  const value = valueAt(data, segments);
  const params = error.params as Record<string, unknown>;
  const schema = (error.parentSchema ?? {}) as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return describeUnknownKey(String(params.additionalProperty), segments);
    case 'ruleEntry':
      return { message: `${where}: ${show(value)} is not a rule setting; write a severity (${SEVERITIES.join(', ')}) or [severity, { options }]` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const hint = typeof value === 'string' ? didYouMean(value, allowed) : '';
      const what = allowed.join(', ') === SEVERITIES.join(', ') ? 'is not a severity' : 'is not allowed';
      return { message: `${where}: ${show(value)} ${what}${hint}; use one of ${allowed.join(', ')}` };
    }
    case 'type':
      if (segments.length === 0) return { message: `the config must be a mapping of settings (${SETTINGS.join(', ')}), got ${describeValue(value)}` };
      return { message: `${where}: expected ${article(String(params.type))}, got ${describeValue(value)}` };
    case 'minimum':
    case 'maximum':
      if (typeof schema.minimum === 'number' && typeof schema.maximum === 'number') {
        const month = segments.join('.') === 'fiscal-year-start' ? ' (the month the fiscal year starts in)' : '';
        return { message: `${where}: ${show(value)} is out of range; use a number from ${schema.minimum} to ${schema.maximum}${month}` };
      }
      return { message: `${where}: ${show(value)} ${error.message ?? 'is out of range'}` };
    case 'pattern':
      if (segments.join('.') === 'today') return { message: `today: ${show(value)} is not a date; write it as YYYY-MM-DD (e.g. 2027-02-01)` };
      return { message: `${where}: ${show(value)} must match ${String(params.pattern)}` };
    case 'minLength':
      return { message: `${where}: must not be empty; write a glob pattern such as "docs/**/*.md"` };
    case 'minItems':
      return { message: `${where}: an empty list sets nothing; write [severity] or [severity, { options }]` };
    case 'additionalItems':
    case 'maxItems':
      return { message: `${where}: too many items; a rule takes [severity, { options }]` };
    case 'required':
      return { message: `${where || 'config'}: "${String(params.missingProperty)}" is required` };
    default:
      return { message: `${where || 'config'}: ${error.message ?? 'is invalid'}` };
  }
}

function describeUnknownKey(key: string, segments: string[]): Described {
  if (segments.length === 0) {
    return { onKey: key, message: `unknown setting "${key}"${didYouMean(key, SETTINGS)}; allowed settings: ${SETTINGS.join(', ')}` };
  }
  if (segments.length === 1 && segments[0] === 'rules') {
    const hint = didYouMean(key, RULES_BY_ID.keys());
    return { onKey: key, message: hint ? `unknown rule "${key}"${hint}` : `unknown rule "${key}"; rule ids: ${[...RULES_BY_ID.keys()].join(', ')}` };
  }
  if (segments[0] === 'rules' && segments.length >= 3) {
    const ruleId = segments[1]!;
    const schema = RULES_BY_ID.get(ruleId)?.meta.optionsSchema as { properties?: Record<string, unknown> } | undefined;
    const allowed = Object.keys(schema?.properties ?? {});
    if (segments.length === 3 && allowed.length === 0) return { onKey: key, message: `rule ${ruleId} takes no options; remove "${key}"` };
    return { onKey: key, message: `${displayPath(segments)}: unknown option "${key}"${didYouMean(key, allowed)}; allowed: ${allowed.join(', ')}` };
  }
  return { onKey: key, message: `${displayPath(segments)}: unknown key "${key}"` };
}

/** `rules.focus-limit[1].max` for the pointer segments of a value. */
export function displayPath(segments: readonly string[]): string {
  let out = '';
  for (const s of segments) out += /^\d+$/.test(s) ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

function pointerSegments(pointer: string): string[] {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(data: unknown, segments: readonly string[]): unknown {
  let value = data;
  for (const s of segments) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[s] : undefined;
  return value;
}

/** Source range of the value at `segments` (or of its key, for an unknown key); the closest enclosing node when not found. */
export function rangeOf(doc: Document, segments: readonly string[], onKey: boolean): [number, number] {
  let node: Node | null = doc.contents as Node | null;
  let range: [number, number] = node?.range ? [node.range[0], node.range[1]] : [0, 0];
  for (let i = 0; i < segments.length && node; i++) {
    const seg = segments[i]!;
    let next: Node | null = null;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
      if (pair && onKey && i === segments.length - 1 && isScalar(pair.key) && pair.key.range) return [pair.key.range[0], pair.key.range[1]];
      next = (pair?.value as Node | null | undefined) ?? null;
      if (!next && pair && isScalar(pair.key) && pair.key.range) return [pair.key.range[0], pair.key.range[1]];
    } else if (isSeq(node)) {
      next = (node.items[Number(seg)] as Node | undefined) ?? null;
    }
    node = next;
    if (node?.range) range = [node.range[0], node.range[1]];
  }
  return range;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return String(value);
}

function article(type: string): string {
  switch (type) {
    case 'array':
      return 'a list';
    case 'object':
      return 'a mapping';
    case 'integer':
      return 'a whole number';
    default:
      return `a ${type}`;
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return '(nothing)';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
