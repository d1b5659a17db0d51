import { distance } from 'fastest-levenshtein';
import type { EntityKind } from './entity.js';
import { hasZeroWidth, normaliseText } from '../text/normalise.js';

/**
 * The document format of SPEC §3 as data: kinds, their aliases, their fields and what each field holds.
 * Parsers, rules, completion and the JSON Schema all read this one table.
 */
export type FieldType =
  | 'id'
  | 'text'
  | 'period'
  | 'date'
  | 'number'
  | 'positive-integer'
  | 'positive-number'
  | 'fraction'
  | 'enum'
  | 'ref'
  | 'ref-list'
  | 'milestones'
  | 'kind';

export interface FieldSpec {
  type: FieldType;
  required?: boolean;
  /** Expected target kind for `ref` / `ref-list`. */
  target?: EntityKind;
  values?: readonly string[];
  /** Default enum value when absent. */
  default?: string;
}

export const ENTITY_KINDS: readonly EntityKind[] = ['objective', 'metric', 'initiative', 'owner', 'prd'];

const KIND_ALIASES: Record<string, EntityKind> = {
  objective: 'objective',
  metric: 'metric',
  'key-result': 'metric',
  kr: 'metric',
  initiative: 'initiative',
  project: 'initiative',
  owner: 'owner',
  team: 'owner',
  person: 'owner',
  prd: 'prd',
};

/** Normalises a key or kind word: case, spaces, underscores and hyphens do not matter. */
export function canonicalKey(text: string): string {
  return normaliseText(text).toLowerCase().replace(/[\s_-]+/g, '-');
}

export function kindFromWord(word: string): EntityKind | undefined {
  return KIND_ALIASES[canonicalKey(word)];
}

export const KIND_WORDS = Object.keys(KIND_ALIASES);

/**
 * §2: whether a front-matter `kind` makes a Markdown file take part — a strategy kind or alias, or
 * a near miss of one (edit distance ≤ 2, as `initative`; a distance as long as either word, as
 * `ab` for `kr`, is a different word, not a typo). `kind: tutorial` belongs to a docs site, and so
 * does a kind that is no text (`kind: 3`); an empty `kind:` is a missing kind, reported (§10.9).
 */
export function isStrategyKindOrNearMiss(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'string') return false;
  const word = canonicalKey(value);
  if (word === '' || KIND_ALIASES[word]) return true;
  return KIND_WORDS.some((kind) => {
    const d = distance(word, kind);
    return d <= 2 && d < Math.min(word.length, kind.length);
  });
}

export const INITIATIVE_STATUSES = ['proposed', 'planned', 'in-progress', 'blocked', 'done', 'dropped'] as const;
export const ACTIVE_INITIATIVE_STATUSES = new Set(['planned', 'in-progress', 'blocked']);

const owner: FieldSpec = { type: 'ref', target: 'owner' };

/** Execution health (SPEC §6, v2): check-in fields shared by objectives and key results. */
export const HEALTH_VALUES = ['on-track', 'at-risk', 'off-track'] as const;
export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;
const checkIn: Record<string, FieldSpec> = {
  updated: { type: 'date' },
  confidence: { type: 'fraction' },
  health: { type: 'enum', values: HEALTH_VALUES },
};

export const FIELD_SPECS: Record<EntityKind, Record<string, FieldSpec>> = {
  objective: {
    kind: { type: 'kind' },
    id: { type: 'id', required: true },
    title: { type: 'text', required: true },
    owner,
    period: { type: 'period' },
    perspective: { type: 'enum', values: ['financial', 'customer', 'internal', 'learning'] },
    parent: { type: 'ref', target: 'objective' },
    status: { type: 'enum', values: ['active', 'achieved', 'dropped'], default: 'active' },
    description: { type: 'text' },
    priority: { type: 'enum', values: PRIORITIES },
    ...checkIn,
  },
  metric: {
    kind: { type: 'kind' },
    id: { type: 'id', required: true },
    title: { type: 'text', required: true },
    objective: { type: 'ref', target: 'objective' },
    owner,
    type: { type: 'enum', values: ['leading', 'lagging'] },
    unit: { type: 'text' },
    baseline: { type: 'number' },
    target: { type: 'number' },
    current: { type: 'number' },
    due: { type: 'date' },
    direction: { type: 'enum', values: ['increase', 'decrease'] },
    'value-type': { type: 'enum', values: ['number', 'percent', 'currency', 'binary'] },
    ...checkIn,
  },
  initiative: {
    kind: { type: 'kind' },
    id: { type: 'id', required: true },
    title: { type: 'text', required: true },
    objective: { type: 'ref', target: 'objective', required: true },
    owner: { ...owner, required: true },
    metrics: { type: 'ref-list', target: 'metric', required: true },
    status: { type: 'enum', values: INITIATIVE_STATUSES, default: 'planned' },
    start: { type: 'date' },
    due: { type: 'date' },
    'depends-on': { type: 'ref-list', target: 'initiative' },
    milestones: { type: 'milestones' },
    effort: { type: 'positive-number' },
  },
  owner: {
    kind: { type: 'kind' },
    id: { type: 'id', required: true },
    name: { type: 'text' },
    team: { type: 'text' },
    capacity: { type: 'positive-integer' },
  },
  prd: {
    kind: { type: 'kind' },
    id: { type: 'id' },
    title: { type: 'text' },
    initiative: { type: 'ref', target: 'initiative' },
    objective: { type: 'ref', target: 'objective' },
    owner,
    status: { type: 'enum', values: ['draft', 'review', 'approved'] },
  },
};

/** Field aliases accepted per kind (`metric` for `metrics`), mapped to their canonical field. */
export const FIELD_ALIASES: Partial<Record<EntityKind, Record<string, string>>> = {
  initiative: { metric: 'metrics', 'depends-on': 'depends-on', dependencies: 'depends-on' },
};

/** Lists an objective may carry in YAML (§4.1), with the kind of their items. */
export const OBJECTIVE_CHILD_LISTS: Record<string, EntityKind> = {
  'key-results': 'metric',
  metrics: 'metric',
  initiatives: 'initiative',
};

/** Top-level lists of a *.strategy.yaml file (§4.1). */
export const TOP_LEVEL_LISTS: Record<string, EntityKind> = {
  objectives: 'objective',
  metrics: 'metric',
  'key-results': 'metric',
  initiatives: 'initiative',
  owners: 'owner',
  prds: 'prd',
};

export const MILESTONE_FIELDS = ['title', 'due', 'done'] as const;

const FIELD_FOR_MEMO: Partial<Record<EntityKind, Map<string, string | null>>> = {};
const FIELD_FOR_MEMO_SIZE = 1000;

/** Resolves a written key to the canonical field of `kind`, or undefined when the schema does not know it. */
export function fieldFor(kind: EntityKind, key: string): string | undefined {
  // Rules ask this of every field, again and again, for a handful of distinct keys: remember the answers.
  const memo = (FIELD_FOR_MEMO[kind] ??= new Map());
  const known = memo.get(key);
  if (known !== undefined) return known ?? undefined;
  const canonical = canonicalKey(key);
  const field = canonical in FIELD_SPECS[kind] ? canonical : FIELD_ALIASES[kind]?.[canonical];
  if (memo.size >= FIELD_FOR_MEMO_SIZE) memo.clear(); // keys typed in an editor must not pile up
  memo.set(key, field ?? null);
  return field;
}

const PLACEHOLDERS = new Set(['tbd', 'tbc', 'todo', '?', 'n/a', 'none', '-', '']);
/** The longest placeholder ('none'). */
const PLACEHOLDER_MAX_LENGTH = 4;

/** §3: placeholders are not values. */
export function isPlaceholderText(text: string): boolean {
  // Most values are longer than any placeholder: when neither end is whitespace, trimming and
  // lower-casing (one code unit per code unit for these) cannot bring them down to one.
  if (text.length > PLACEHOLDER_MAX_LENGTH && isVisibleAscii(text.charCodeAt(0)) && isVisibleAscii(text.charCodeAt(text.length - 1)) && !hasZeroWidth(text)) return false;
  return PLACEHOLDERS.has(normaliseText(text).toLowerCase());
}

function isVisibleAscii(code: number): boolean {
  return code > 0x20 && code < 0x7f;
}
