import type { Entity, Field, ScalarValue } from '../model/entity.js';
import { FIELD_SPECS, fieldFor, MILESTONE_FIELDS, type FieldSpec } from '../model/kinds.js';
import type { Span } from '../model/span.js';
import type { CompiledTemplate } from '../templates/compiled.js';
import { docsUrl, type Rule, type RuleReport } from './rule.js';
import { describe, requiredFieldState } from './support.js';
import { linkState } from './siblingLinks.js';
import { entityOfSibling } from '../templates/siblings.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { isPlaceholderScalar, shown, valueOrKeySpan } from './values/plain.js';

/** Fields whose own rule reports a placeholder as missing (§3, §10.1): reporting it here too would say it twice. */
const REQUIRED_LINKS: Partial<Record<Entity['kind'], readonly string[]>> = {
  initiative: ['objective', 'owner', 'metrics'],
};

/**
 * Placeholders (`TBD`, `?`, `N/A`, empty, …) where a value belongs (§3). They read as "done" in a
 * review but are not values: the rules that need the value silently skip the field.
 */
export const rule: Rule = {
  meta: {
    id: 'placeholder-value',
    description: 'Placeholder (TBD, ?, N/A, …) where a value belongs',
    defaultSeverity: 'warning',
    fixable: false,
    docsUrl: docsUrl('placeholder-value'),
  },
  check({ file, index, report }) {
    if (file.templated?.role === 'sibling') for (const r of templatedPlaceholders(undefined, file.templated.fields, file.templated.template, index, entityOfSibling(file, index))) report(r);
    for (const entity of file.entities) {
      if (entity.template) {
        for (const r of templatedPlaceholders(entity, entity.fields, entity.template, index, entity)) report(r);
        continue;
      }
      const reportedElsewhere = fieldsReportedElsewhere(entity);
      for (const field of entity.fields) {
        const name = fieldFor(entity.kind, field.key);
        // Unknown fields are `unknown-field`'s; a blank id, title or kind is `invalid-value`'s (§10.9).
        if (!name || name === 'id' || name === 'title' || name === 'kind' || reportedElsewhere.has(name)) continue;
        const spec = FIELD_SPECS[entity.kind][name]!;
        for (const r of placeholdersIn(entity, name, spec, field)) report(r);
      }
    }
  },
};

/**
 * A templated document's fields (docs/templates.md): every field the template reads, but those it
 * allows placeholders in, those read from sections (`required-section` says when one is empty) and
 * required links left blank (their link rule says so).
 */
function templatedPlaceholders(entity: Entity | undefined, fields: readonly Field[], template: CompiledTemplate, index: WorkspaceIndex, linked: Entity | undefined): RuleReport[] {
  const reports: RuleReport[] = [];
  const spec: FieldSpec = { type: 'text' };
  for (const field of fields) {
    if (template.allowPlaceholders.has(field.key) || template.sectionFields.has(field.key)) continue;
    // `linked`: the entity whose links these fields may write (a sibling's fields: its main file's).
    if (linked && template.links.has(field.key) && linkState(linked, field.key, index).state.state !== 'present') continue;
    const value = field.value;
    // An optional field left empty (`stage:` on a rejected KEP, `reviewers:`) is simply not filled in;
    // `TBD` in it, or an empty required field, is a placeholder.
    if (value.type === 'scalar' && isEmptyScalar(value) && !template.required.has(field.key)) continue;
    const items = value.type === 'list' ? value.items.filter(isPlaceholderScalar) : isPlaceholderScalar(value) ? [value] : [];
    for (const item of items) {
      const whose = entity ? describe(entity) : `this document (${template.name} template)`;
      const what = value.type === 'list' ? `An item of \`${field.key}\`` : `\`${field.key}\``;
      reports.push({
        span: valueOrKeySpan(item, field.keySpan),
        message: `${what} of ${whose} is ${blank(item as ScalarValue)}, not a value: ${howToFill(field.key, spec)}, or delete ${value.type === 'list' ? 'the item' : 'the line'} if there is none.`,
      });
    }
  }
  return reports;
}

function isEmptyScalar(value: ScalarValue): boolean {
  return value.value === null || String(value.value).trim() === '';
}

/** Required links left blank, which their own rule reports at the placeholder. */
function fieldsReportedElsewhere(entity: Entity): Set<string> {
  const skipped = new Set<string>();
  for (const name of REQUIRED_LINKS[entity.kind] ?? []) {
    if (requiredFieldState(entity, name).state !== 'present') skipped.add(name);
  }
  // §3: a PRD needs an initiative or an objective; `prd-link` reports only when neither is given.
  if (entity.kind === 'prd' && ['initiative', 'objective'].every((name) => requiredFieldState(entity, name).state !== 'present')) {
    skipped.add('initiative');
    skipped.add('objective');
  }
  return skipped;
}

function placeholdersIn(entity: Entity, name: string, spec: FieldSpec, field: Field): RuleReport[] {
  const value = field.value;
  if (isPlaceholderScalar(value)) return [placeholder(entity, name, spec, value as ScalarValue, field.keySpan)];
  if (value.type !== 'list') return [];
  // A milestone that is not a mapping is `invalid-value`'s; inside one, blank title/due/done are placeholders.
  if (spec.type === 'milestones') return value.items.flatMap((item) => (item.type === 'map' ? milestonePlaceholders(entity, item.fields) : []));
  return value.items.filter(isPlaceholderScalar).map((item) => placeholder(entity, name, spec, item as ScalarValue, field.keySpan, true));
}

function milestonePlaceholders(entity: Entity, fields: Field[]): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const field of fields) {
    const key = field.key;
    if (!(MILESTONE_FIELDS as readonly string[]).includes(key) || !isPlaceholderScalar(field.value)) continue;
    const example = key === 'due' ? ' (`YYYY-MM-DD`)' : key === 'done' ? ' (true or false)' : '';
    reports.push({
      span: valueOrKeySpan(field.value, field.keySpan),
      message: `Milestone \`${key}\` of ${describe(entity)} is ${blank(field.value as ScalarValue)}: write the real value${example}, or delete the line.`,
    });
  }
  return reports;
}

function placeholder(entity: Entity, name: string, spec: FieldSpec, value: ScalarValue, keySpan: Span, inList = false): RuleReport {
  const what = inList ? `An item of \`${name}\`` : `\`${name}\``;
  return {
    span: valueOrKeySpan(value, keySpan),
    message: `${what} of ${describe(entity)} is ${blank(value)}, not a value: ${howToFill(name, spec)}, or delete ${inList ? 'the item' : 'the line'} if there is none.`,
  };
}

function blank(value: ScalarValue): string {
  const text = shown(value);
  return text === 'empty' ? text : `${text}, a placeholder`;
}

/** What a real value looks like, so the message says how to fix it. */
function howToFill(name: string, spec: FieldSpec): string {
  switch (spec.type) {
    case 'date':
      return 'write the date as YYYY-MM-DD';
    case 'period':
      return 'write the period (e.g. 2027-H1, 2027-Q3, FY27)';
    case 'number':
    case 'positive-integer':
    case 'positive-number':
    case 'fraction':
      return 'write the number';
    case 'enum':
      return `choose one of ${(spec.values ?? []).join(', ')}`;
    case 'ref':
    case 'ref-list':
      return name === 'owner' ? 'name the owner (`@handle`)' : `link the ${spec.target === 'metric' ? 'metric' : spec.target} by its id`;
    case 'milestones':
      return 'list the milestones as `{title, due}` entries';
    default:
      return `write the ${name}`;
  }
}
