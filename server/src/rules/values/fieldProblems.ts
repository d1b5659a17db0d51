import type { Entity, Field, FieldValue, MapValue } from '../../model/entity.js';
import type { Fix } from '../../model/finding.js';
import { canonicalKey, type FieldSpec } from '../../model/kinds.js';
import type { Span } from '../../model/span.js';
import { isValidFieldValue, isValidMilestoneValue } from '../../schema/validateValue.js';
import { isPlaceholderScalar, plainValue, valueOrKeySpan } from './plain.js';
import { scalarProblem } from './scalarProblems.js';

export interface ValueProblem {
  span: Span;
  message: string;
  fixes?: Fix[];
}

/** Why a single reference matters, for the message when a list is written instead. */
const ONE_REFERENCE: Record<string, string> = {
  owner: 'one owner, so that one person is accountable',
  objective: 'one objective, so that its contribution is clear',
  parent: 'one parent objective',
  initiative: 'one initiative',
};

/**
 * Problems with one known field's value: the JSON Schema decides whether the value is valid, this
 * says what is wrong and where. Placeholders are not values and are left to `placeholder-value`.
 */
export function fieldProblems(entity: Entity, field: Field, name: string, spec: FieldSpec): ValueProblem[] {
  const value = field.value;
  // A blank `kind` is no placeholder for a value to come: the list already says what the entry is.
  if (isPlaceholderScalar(value) && spec.type !== 'kind') return [];
  if (spec.type === 'milestones') return entity.form === 'heading' ? [] : milestoneProblems(entity, value);
  if (isValidFieldValue(entity.kind, name, plainValue(value))) return [];
  if (value.type === 'scalar') {
    const problem = scalarProblem(entity, name, spec, value);
    return [{ span: valueOrKeySpan(value, field.keySpan), ...problem }];
  }
  if (spec.type === 'ref' || spec.type === 'ref-list') return referenceShapeProblems(entity, name, spec, value);
  const shape = value.type === 'list' ? 'a list' : 'a mapping';
  return [{ span: value.span, message: `\`${name}\` takes a single value, not ${shape}.` }];
}

function referenceShapeProblems(entity: Entity, name: string, spec: FieldSpec, value: FieldValue): ValueProblem[] {
  if (value.type === 'map') {
    return [{ span: value.span, message: `\`${name}\` must be an id, a [[wiki link]] or a Markdown link, not a mapping.` }];
  }
  if (value.type !== 'list') return [];
  const nested = value.items.filter((item) => item.type !== 'scalar');
  if (nested.length) {
    return nested.map((item) => ({ span: item.span, message: `Each item of \`${name}\` must be an id, a [[wiki link]] or a Markdown link, not ${item.type === 'list' ? 'a list' : 'a mapping'}.` }));
  }
  if (spec.type === 'ref') {
    const why = ONE_REFERENCE[name] ?? 'one reference';
    return [{ span: value.span, message: `${/^[aeiou]/.test(entity.kind) ? 'An' : 'A'} ${entity.kind} has ${why}: \`${name}\` takes a single reference, not a list of ${value.items.length}. Keep one.` }];
  }
  return [];
}

const MILESTONE_SHAPE = 'a list of `{title, due, done}` entries, e.g. `- {title: Beta, due: 2027-03-01}`';

/** §3 `milestones`: a list of `{title, due, done}`; `title` and `due` are required, `done` is true or false. */
function milestoneProblems(entity: Entity, value: FieldValue): ValueProblem[] {
  if (value.type !== 'list') return [{ span: value.span, message: `\`milestones\` must be ${MILESTONE_SHAPE}.` }];
  const problems: ValueProblem[] = [];
  for (const item of value.items) {
    if (item.type === 'map') problems.push(...milestoneItemProblems(entity, item));
    else problems.push({ span: item.span, message: `Each milestone must be a mapping with \`title\` and \`due\` (and optionally \`done\`): ${MILESTONE_SHAPE}.` });
  }
  return problems;
}

function milestoneItemProblems(entity: Entity, item: MapValue): ValueProblem[] {
  const problems: ValueProblem[] = [];
  // Keys are matched like field names; a misspelt or mis-cased key is `unknown-field`'s to report.
  const byKey = new Map(item.fields.map((f) => [canonicalKey(f.keyText), f]));
  const title = byKey.get('title');
  const label = title?.value.type === 'scalar' && title.value.value !== null ? `Milestone '${String(title.value.value)}'` : 'This milestone';
  const at = item.fields[0]?.keySpan ?? item.span;
  if (!title) problems.push({ span: at, message: 'This milestone has no `title`: add `title: …` so people know what it marks.' });
  if (!byKey.has('due')) problems.push({ span: at, message: `${label} has no \`due\` date: add \`due: YYYY-MM-DD\`.` });
  for (const [key, field] of byKey) {
    const value = field.value;
    if (!['title', 'due', 'done'].includes(key) || isPlaceholderScalar(value)) continue;
    if (isValidMilestoneValue(key, plainValue(value))) continue;
    if (value.type !== 'scalar') problems.push({ span: value.span, message: `Milestone \`${key}\` takes a single value, not ${value.type === 'list' ? 'a list' : 'a mapping'}.` });
    else if (key === 'done') problems.push({ span: value.span, message: `Milestone \`done\` must be true or false, not '${value.text}'.` });
    else problems.push({ span: value.span, ...scalarProblem(entity, 'due', { type: 'date' }, value) });
  }
  return problems;
}
