import type { EntityKind } from '../model/entity.js';
import {
  ENTITY_KINDS,
  FIELD_ALIASES,
  FIELD_SPECS,
  KIND_WORDS,
  kindFromWord,
  OBJECTIVE_CHILD_LISTS,
  TOP_LEVEL_LISTS,
  type FieldSpec,
} from '../model/kinds.js';

/**
 * The JSON Schema of `*.strategy.yaml` files (§3, §4.1), built from the FIELD_SPECS table so the
 * schema editors use (schemas/strategy.schema.json) and the `invalid-value` rule cannot drift apart:
 * the rule validates each value against this schema's per-field definitions.
 */
export const STRATEGY_SCHEMA_ID = 'https://github.com/strategy-lint/strategy-lint/blob/main/schemas/strategy.schema.json';

/** §3 placeholders, any case, surrounding spaces allowed. Kept equal to kinds.isPlaceholderText by a test. */
export const PLACEHOLDER_WORDS = ['TBD', 'TBC', 'TODO', '?', 'N/A', 'none', '-', ''] as const;

export const ID_PATTERN = '^[A-Za-z][A-Za-z0-9_.-]*$';
/** §3: owners may be written `@handle`, `handle` or `@org/team`. */
export const OWNER_ID_PATTERN = '^@?[A-Za-z][A-Za-z0-9_.-]*(/[A-Za-z][A-Za-z0-9_.-]*)?$';
/** The periods semantics.parsePeriod accepts, case-insensitive, surrounding spaces allowed. */
export const PERIOD_PATTERN = '^\\s*(\\d{4}|[Ff][Yy](\\d{4}|\\d{2}))(-([Hh][12]|[Qq][1-4]))?\\s*$';
/** The numeric strings semantics.isNumeric accepts (§10.10). */
export const NUMERIC_STRING_PATTERN = '^\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*$';
const POSITIVE_INTEGER_STRING_PATTERN = '^\\s*\\+?0*[1-9]\\d*\\s*$';
const POSITIVE_NUMBER_STRING_PATTERN = '^\\s*\\+?(\\d*[1-9]\\d*(\\.\\d*)?|\\d*\\.\\d*[1-9]\\d*)\\s*$';
/** 0 to 1 written as text: `0`, `0.7`, `.5`, `1`, `1.0`. */
const FRACTION_STRING_PATTERN = '^\\s*(0*\\.\\d+|0+(\\.\\d*)?|0*1(\\.0*)?)\\s*$';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/$defs/${name}` });

/** Hover text in editors, one line per field. */
const FIELD_DESCRIPTIONS: Record<string, string> = {
  kind: 'What this entry declares: objective, metric (key-result, kr), initiative (project), owner (team, person) or prd.',
  id: 'Unique id in the workspace: a letter, then letters, digits, `_`, `.` or `-`.',
  title: 'Short name shown in reports.',
  owner: 'Who is accountable: `@handle`, `handle` or `@org/team`.',
  period: 'When: `2027`, `2027-H1`, `2027-Q3`, `FY2027`, `FY27-Q3` (fiscal years follow `fiscal-year-start`).',
  perspective: 'Balanced-scorecard perspective.',
  parent: 'The objective this one contributes to.',
  status: 'Lifecycle status.',
  description: 'Free text.',
  objective: 'The objective this serves (id, [[wiki link]] or Markdown link).',
  type: 'Leading metrics move early; lagging metrics confirm the outcome.',
  unit: 'Unit of baseline, target and current (`%`, `EUR`, `days`).',
  baseline: 'Value when the work started (number).',
  target: 'Value to reach (number).',
  current: 'Latest measured value (number).',
  due: 'Due date, `YYYY-MM-DD`.',
  start: 'Start date, `YYYY-MM-DD`.',
  metrics: 'Metrics (key results) that tell whether this worked: one id or a list.',
  metric: 'Alias of `metrics`.',
  'depends-on': 'Initiatives that must finish first: one id or a list.',
  dependencies: 'Alias of `depends-on`.',
  milestones: 'List of `{title, due, done}`.',
  name: 'Display name.',
  team: 'Team the owner belongs to (free text).',
  capacity: 'The most active (planned, in-progress, blocked) initiatives this owner can carry.',
  initiative: 'The initiative this document specifies.',
  priority: 'How much this objective matters against the others of its period: P0 (must) to P3; effort should follow it.',
  updated: 'Date of the last check-in, `YYYY-MM-DD`; stale-update reports one older than the cadence.',
  confidence: 'How sure the owner is, at the last check-in, that this will be reached: 0 to 1.',
  health: 'Health at the last check-in, kept apart from `status`: on-track, at-risk or off-track.',
  direction: 'Whether success means the number going up (`increase`) or down (`decrease`); by default read from baseline → target.',
  'value-type': 'What the values are: number, percent, currency, or binary (done or not; needs no baseline/target).',
  effort: 'Effort this initiative takes, a positive number in the unit config `effort-unit` names (person-weeks or people).',
};

/** Kind words (`kind:` values) that declare `kind`, lower-case as the schema expects them. */
export function kindWordsOf(kind: EntityKind): string[] {
  return KIND_WORDS.filter((word) => kindFromWord(word) === kind);
}

/** The schema of one field's value, placeholders excluded (callers decide how placeholders count). */
export function valueSchema(kind: EntityKind, spec: FieldSpec): Schema {
  switch (spec.type) {
    case 'kind':
      return { type: 'string', enum: kindWordsOf(kind) };
    case 'id':
      return kind === 'owner' ? ref('ownerId') : ref('id');
    case 'text':
      return ref('text');
    case 'period':
      return ref('period');
    case 'date':
      return ref('date');
    case 'number':
      return ref('number');
    case 'positive-integer':
      return ref('positiveInteger');
    case 'positive-number':
      return ref('positiveNumber');
    case 'fraction':
      return ref('fraction');
    case 'enum':
      return { type: 'string', enum: [...(spec.values ?? [])] };
    case 'ref':
      return ref('singleReference');
    case 'ref-list':
      return ref('referenceList');
    case 'milestones':
      return ref('milestones');
  }
}

/** A field's schema as it appears in an entity: placeholders allowed except in `id`, `title` and `kind`. */
function propertySchema(kind: EntityKind, name: string, spec: FieldSpec): Schema {
  const value = valueSchema(kind, spec);
  const description = FIELD_DESCRIPTIONS[name];
  const withText = (schema: Schema): Schema => (description ? { description, ...schema } : schema);
  if (name === 'kind') return withText(value);
  if (name === 'id' || name === 'title') return withText({ allOf: [value, { not: ref('placeholder') }] });
  return withText({ anyOf: [ref('placeholder'), value] });
}

function entitySchema(kind: EntityKind, withChildLists: boolean): Schema {
  const specs = FIELD_SPECS[kind];
  const properties: Record<string, Schema> = {};
  for (const [name, spec] of Object.entries(specs)) properties[name] = propertySchema(kind, name, spec);
  for (const [alias, canonical] of Object.entries(FIELD_ALIASES[kind] ?? {})) {
    if (!(alias in properties)) properties[alias] = propertySchema(kind, alias, specs[canonical]!);
  }
  if (withChildLists) {
    for (const [list, childKind] of Object.entries(OBJECTIVE_CHILD_LISTS)) {
      properties[list] = { description: `Nested ${childKind}s that serve this objective.`, type: ['array', 'null'], items: ref(childKind) };
    }
  }
  const required = Object.entries(specs)
    .filter(([name, spec]) => spec.required && (name === 'id' || name === 'title'))
    .map(([name]) => name);
  return { type: 'object', ...(required.length ? { required } : {}), properties, additionalProperties: false };
}

function placeholderPattern(): string {
  const escape = (word: string) =>
    [...word].map((ch) => (/[a-z]/i.test(ch) ? `[${ch.toUpperCase()}${ch.toLowerCase()}]` : ch.replace(/[?\\.*+^$|()[\]{}]/g, '\\$&'))).join('');
  return `^\\s*(${PLACEHOLDER_WORDS.map(escape).join('|')})\\s*$`;
}

export function buildStrategySchema(): Schema {
  const $defs: Record<string, Schema> = {
    placeholder: {
      description: 'A placeholder (TBD, TBC, TODO, ?, N/A, none, -, empty): not a value; strategy-lint reports it (placeholder-value).',
      anyOf: [{ type: 'null' }, { type: 'string', pattern: placeholderPattern() }],
    },
    id: { type: 'string', pattern: ID_PATTERN },
    ownerId: { type: 'string', pattern: OWNER_ID_PATTERN },
    text: { type: ['string', 'number', 'boolean'] },
    date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' },
    period: { anyOf: [{ type: 'integer', minimum: 1000, maximum: 9999 }, { type: 'string', pattern: PERIOD_PATTERN }] },
    number: { anyOf: [{ type: 'number' }, { type: 'string', pattern: NUMERIC_STRING_PATTERN }] },
    positiveNumber: { anyOf: [{ type: 'number', exclusiveMinimum: 0 }, { type: 'string', pattern: POSITIVE_NUMBER_STRING_PATTERN }] },
    fraction: { anyOf: [{ type: 'number', minimum: 0, maximum: 1 }, { type: 'string', pattern: FRACTION_STRING_PATTERN }] },
    positiveInteger: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'string', pattern: POSITIVE_INTEGER_STRING_PATTERN }] },
    reference: { description: 'An id, a [[wiki link]] or a Markdown link to the entity.', type: ['string', 'number', 'boolean'] },
    singleReference: { anyOf: [ref('reference'), { type: 'array', maxItems: 1, items: ref('reference') }] },
    referenceList: { anyOf: [ref('reference'), { type: 'array', items: { anyOf: [ref('placeholder'), ref('reference')] } }] },
    milestone: {
      type: 'object',
      required: ['title', 'due'],
      properties: {
        title: { anyOf: [ref('placeholder'), ref('text')] },
        due: { anyOf: [ref('placeholder'), ref('date')] },
        done: { anyOf: [ref('placeholder'), { type: 'boolean' }] },
      },
      additionalProperties: false,
    },
    milestones: { type: 'array', items: ref('milestone') },
  };
  for (const kind of ENTITY_KINDS) $defs[kind] = entitySchema(kind, kind === 'objective');
  $defs.entity = {
    description: 'One entity with `kind:` at the top level.',
    type: 'object',
    required: ['kind'],
    properties: { kind: { type: 'string', enum: [...KIND_WORDS] } },
    allOf: ENTITY_KINDS.map((kind) => ({ if: { properties: { kind: { enum: kindWordsOf(kind) } } }, then: ref(kind) })),
  };
  const listProperties: Record<string, Schema> = {};
  for (const [list, kind] of Object.entries(TOP_LEVEL_LISTS)) {
    listProperties[list] = { description: `List of ${kind} entries.`, type: ['array', 'null'], items: ref(kind) };
  }
  $defs.lists = { type: ['object', 'null'], properties: listProperties, additionalProperties: false };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: STRATEGY_SCHEMA_ID,
    title: 'strategy-lint strategy file (*.strategy.yaml)',
    description: 'Lists of objectives, metrics (key-results), initiatives, owners and prds, or one entity with `kind:`. Generated from the strategy-lint field table; see docs/rules.',
    if: { type: 'object', required: ['kind'] },
    then: ref('entity'),
    else: ref('lists'),
    $defs,
  };
}
