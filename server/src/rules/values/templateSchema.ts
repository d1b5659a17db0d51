import type { ErrorObject } from 'ajv';
import { fix, replaceValueEdit } from '../../fix/edits.js';
import type { Entity, FieldValue, ScalarValue } from '../../model/entity.js';
import type { Fix } from '../../model/finding.js';
import type { Span } from '../../model/span.js';
import { capitalise } from '../../text/capitalise.js';
import { canonicalKey } from '../../model/kinds.js';
import { innerFieldHint } from '../../fix/innerFields.js';
import { closest, describe } from '../support.js';
import { enumChoice } from './enumChoice.js';
import { isPlaceholderScalar, plainValue, valueOrKeySpan } from './plain.js';
import { scalarProblem } from './scalarProblems.js';
import type { WorkspaceIndex } from '../../index/workspaceIndex.js';
import type { ParsedFile } from '../../model/file.js';
import { entityOfSibling, fieldsWithSibling, siblingOf, type FieldIn } from '../../templates/siblings.js';

/** One thing a template's JSON Schema rejects, routed to the rule that reports it. */
export interface TemplateSchemaProblem {
  /** `invalid-value`: a value written but not allowed (enum, const, type, format, pattern); `template-schema`: the rest. */
  ruleId: 'invalid-value' | 'template-schema';
  /** The file that holds the value: the entity's own, or its sibling (a KEP's README.md). */
  file: string;
  span: Span;
  message: string;
  fixes?: Fix[];
}

const VALUE_KEYWORDS = new Set(['enum', 'const', 'type', 'format', 'pattern']);
/** ajv-formats' comparisons (`formatMinimum: { $data: 1/creation-date }`), as a message says what went wrong. */
const FORMAT_LIMITS: Record<string, string> = { formatMinimum: 'before', formatExclusiveMinimum: 'not after', formatMaximum: 'after', formatExclusiveMaximum: 'not before' };

/** The field a keyword compares with (`{ $data: "1/creation-date" }`), as the document writes it; undefined for a literal. */
function dataField(entity: Entity, error: ErrorObject): string | undefined {
  const value = (error.parentSchema as Record<string, unknown> | undefined)?.[error.keyword] as { $data?: unknown } | undefined;
  if (typeof value?.$data !== 'string') return undefined;
  const name = value.$data.split('/').pop()!.replace(/~1/g, '/').replace(/~0/g, '~');
  return entity.template!.writtenName(name);
}
const memo = new WeakMap<Entity, { sibling: ParsedFile | undefined; problems: TemplateSchemaProblem[] }>();

/**
 * What the template's schema says is wrong with a templated entity's fields (with those its
 * sibling file supplies), each at the value concerned, in the file that holds it (a missing field:
 * at the entity's anchor). Placeholders are `placeholder-value`'s and missing required links their
 * link rule's, so neither is reported here. Computed once per entity and sibling (both
 * `invalid-value` and `template-schema` ask, in the main file and in the sibling).
 */
export function templateSchemaProblems(entity: Entity, index: WorkspaceIndex): TemplateSchemaProblem[] {
  const sibling = siblingOf(entity, index);
  const cached = memo.get(entity);
  if (cached && cached.sibling === sibling) return cached.problems;
  const problems: TemplateSchemaProblem[] = [];
  const validate = entity.template?.validate;
  const fields = fieldsWithSibling(entity, sibling);
  if (validate && !validate(Object.fromEntries(fields.map(({ field }) => [field.key, plainValue(field.value)])))) {
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
      if (error.keyword === 'if' || insideAlternative(error) || sameNumber(error)) continue;
      const problem = describeError(entity, fields, error);
      if (!problem) continue;
      const key = `${problem.file}:${problem.span.start}:${problem.span.end}:${problem.message}`;
      if (!seen.has(key)) problems.push(problem);
      seen.add(key);
    }
  }
  memo.set(entity, { sibling, problems });
  return problems;
}

/**
 * The template schema problems a file holds: those of the templated entities it declares, and, in
 * a sibling file (a KEP's README.md), those of its entity whose value is written there. Each
 * problem is reported once, in the file that holds the value.
 */
export function templateSchemaProblemsIn(file: ParsedFile, index: WorkspaceIndex): TemplateSchemaProblem[] {
  const problems: TemplateSchemaProblem[] = [];
  for (const entity of file.entities) if (entity.template) problems.push(...templateSchemaProblems(entity, index));
  const owner = file.templated?.role === 'sibling' ? entityOfSibling(file, index) : undefined;
  if (owner) problems.push(...templateSchemaProblems(owner, index));
  return problems.filter((p) => p.file === file.path);
}

/**
 * `const: { $data: … }` compares two fields; a number compares equal however it is written
 * (`kep-number: "0752"` in YAML, `752` read from a folder name), as SPEC §10.10 reads numeric fields.
 */
function sameNumber(error: ErrorObject): boolean {
  if (error.keyword !== 'const') return false;
  const wanted = (error.params as { allowedValue?: unknown }).allowedValue;
  const toNumber = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN);
  const a = toNumber(error.data);
  return !Number.isNaN(a) && a === toNumber(wanted);
}

/** An error inside one branch of anyOf/oneOf: the alternative as a whole is reported instead. */
function insideAlternative(error: ErrorObject): boolean {
  const path = error.schemaPath;
  const at = Math.max(path.lastIndexOf('/anyOf/'), path.lastIndexOf('/oneOf/'));
  return at !== -1 && !/\/(anyOf|oneOf)$/.test(path);
}

/** For an entity inside a templated file, where the missing field goes in the document's own form (` Add … under the item.`). */
function innerHint(entity: Entity, missing: string): string {
  const hint = innerFieldHint(entity, canonicalKey(missing), '<value>');
  return hint ? ` Add ${hint}.` : '';
}

function describeError(entity: Entity, fields: readonly FieldIn[], error: ErrorObject): TemplateSchemaProblem | undefined {
  const segments = error.instancePath ? error.instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : [];
  const own = (error.parentSchema as { message?: unknown } | undefined)?.message;
  const custom = typeof own === 'string' ? own : undefined;
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    if (segments.length === 0 && entity.template?.links.has(missing)) return undefined;
    const where = segments.length ? locate(fields, segments) : undefined;
    return {
      ruleId: 'template-schema',
      file: where?.file ?? entity.file,
      span: where?.span ?? entity.anchor,
      message: custom ?? `${capitalise(entityLabel(entity))} has no \`${segments.length ? missing : entity.template!.writtenName(missing)}\`${segments.length ? ` in ${label(entity, segments).code}` : ''}: the ${entity.template!.name} template requires it.${segments.length ? '' : innerHint(entity, missing)}`,
    };
  }
  const target = locate(fields, segments);
  if (target?.value && isPlaceholderScalar(target.value)) return undefined;
  const span = target?.span ?? entity.anchor;
  const file = target?.file ?? entity.file;
  const shown = label(entity, segments);
  const scalar = target?.value?.type === 'scalar' ? target.value : undefined;
  const comparison = FORMAT_LIMITS[error.keyword];
  if (comparison) {
    const limit = String((error.params as { limit?: unknown }).limit);
    const other = dataField(entity, error);
    const written = target?.value?.type === 'scalar' ? String(target.value.value) : JSON.stringify(error.data);
    return { ruleId: 'template-schema', file, span, message: custom ?? `${capitalise(shown.code)} of ${entityLabel(entity)} (${written}) is ${comparison} ${other ? `its \`${other}\` (${limit})` : limit}: correct whichever is wrong (${entity.template!.name} template).` };
  }
  if (VALUE_KEYWORDS.has(error.keyword)) {
    const valued = valueProblem(entity, error, shown, scalar && { scalar, file, form: target!.form });
    return { ruleId: 'invalid-value', file, span, message: custom ?? valued.message, ...(valued.fixes?.length ? { fixes: valued.fixes } : {}) };
  }
  const generic = error.keyword === 'anyOf' || error.keyword === 'oneOf' ? 'does not match any of the forms the template allows' : (error.message ?? 'is not valid');
  return { ruleId: 'template-schema', file, span, message: custom ?? `${capitalise(shown.code)} of ${entityLabel(entity)} ${generic} (${entity.template!.name} template).` };
}

/** How a place in the fields is named in messages: `` `owning-sig` ``, "an item of `teams`", `` `milestone.beta` ``. */
function label(entity: Entity, segments: readonly string[]): { code: string; plain: string } {
  if (!segments.length) return { code: 'the document', plain: 'document' };
  const written = entity.template!.writtenName(segments[0]!);
  const rest = segments.slice(1);
  if (rest.length === 1 && /^\d+$/.test(rest[0]!)) return { code: `an item of \`${written}\``, plain: `item of \`${written}\`` };
  const path = [written, ...rest].join('.');
  return { code: `\`${path}\``, plain: path };
}

/** `initiative '1-swap'`, `PRD 'x'`. */
function entityLabel(entity: Entity): string {
  return entity.kind === 'prd' ? describe(entity).replace(/^prd/, 'PRD') : describe(entity);
}

function valueProblem(entity: Entity, error: ErrorObject, shown: { code: string; plain: string }, at: { scalar: ScalarValue; file: string; form: Entity['form'] } | undefined): { message: string; fixes?: Fix[] } {
  const scalar = at?.scalar;
  const written = scalar ? (scalar.value === null ? '' : String(scalar.value)) : JSON.stringify(error.data);
  // A value read through a pattern from a heading or the path is not the text at its span: no fix rewrites it.
  const replace = (title: string, value: string, safe: boolean) => (at && !at.scalar.derived ? [fix(title, safe, replaceValueEdit(at.file, at.form, at.scalar, value))] : []);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const choice = enumChoice(written, allowed);
      const fixes: Fix[] = [];
      if (choice.safe) fixes.push(...replace(`Replace '${written}' with '${choice.safe}'`, choice.safe, true));
      for (const value of choice.suggestions) fixes.push(...replace(`Replace '${written}' with '${value}'`, value, false));
      // Unlike a safe fix, the hint may go two edits away (`imlpemented` → `implemented`): it changes nothing by itself.
      const near = choice.safe ?? closest(written, allowed, 2)[0];
      return { message: `'${written}' is not a valid ${shown.plain}. ${near ? `Did you mean '${near}'? ` : ''}Use one of: ${allowed.join(', ')}.`, fixes };
    }
    case 'const': {
      const wanted = String(params.allowedValue);
      const other = dataField(entity, error);
      const must = other ? `must equal \`${other}\`, '${wanted}'` : `must be '${wanted}'`;
      return { message: `'${written}' is not allowed here: ${shown.code} ${must}.`, fixes: replace(`Replace '${written}' with '${wanted}'`, wanted, false) };
    }
    case 'format': {
      const format = String(params.format);
      if (scalar && (format === 'date' || format === 'period')) {
        const problem = scalarProblem(entity, shown.plain, { type: format }, scalar);
        return scalar.derived ? { message: problem.message } : problem;
      }
      return { message: `${capitalise(shown.code)} '${written}' is not a valid ${format}.` };
    }
    case 'pattern':
      return { message: `${capitalise(shown.code)} '${written}' does not have the form the ${entity.template!.name} template requires (${String(params.pattern)}).` };
    default:
      return { message: `${capitalise(shown.code)} of ${entityLabel(entity)} must be ${article(String(params.type))}${scalar ? `, not '${written}'` : ''}.` };
  }
}

function article(type: string): string {
  if (type === 'array') return 'a list';
  if (type === 'object') return 'a mapping';
  if (type === 'integer') return 'a whole number';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** The value at a schema instance path among the entity's fields (field name, then list indexes and keys), and the file that holds it. */
function locate(fields: readonly FieldIn[], segments: string[]): { span: Span; value?: FieldValue; file: string; form: Entity['form'] } | undefined {
  const found = fields.find(({ field }) => field.key === segments[0]);
  if (!found) return undefined;
  const { field, file, form } = found;
  let value: FieldValue = field.value;
  let keySpan = field.keySpan;
  for (const segment of segments.slice(1)) {
    if (value.type === 'list' && /^\d+$/.test(segment) && value.items[Number(segment)]) value = value.items[Number(segment)]!;
    else if (value.type === 'map') {
      const inner = value.fields.find((f) => f.keyText === segment);
      if (!inner) break;
      keySpan = inner.keySpan;
      value = inner.value;
    } else break;
  }
  return { span: valueOrKeySpan(value, keySpan), value, file, form };
}
