import { slug } from 'github-slugger';
import { insertFieldEdit, optionalFix } from '../../fix/edits.js';
import type { Entity, Field } from '../../model/entity.js';
import { FIELD_SPECS, fieldFor } from '../../model/kinds.js';
import { describe } from '../support.js';
import type { ValueProblem } from './fieldProblems.js';
import { isPlaceholderScalar, shown, valueOrKeySpan } from './plain.js';
import { capitalise } from '../../text/capitalise.js';

const ID_RULE = 'a letter, then letters, digits, `_`, `.` or `-`';

/**
 * §10.9: a missing `id` or `title` is an invalid value, at the entity's anchor. Only YAML list
 * entries can lack an id (front matter defaults to the file name, headings to the title's slug);
 * only a YAML entry or front matter without a `# Heading` can lack a title. An id or title written
 * as a placeholder or left empty is never one, whatever the kind.
 */
export function idTitleProblems(entity: Entity): ValueProblem[] {
  return [...idProblems(entity), ...titleProblems(entity)];
}

function fieldsNamed(entity: Entity, name: string): Field[] {
  return entity.fields.filter((f) => fieldFor(entity.kind, f.key) === name);
}

function idProblems(entity: Entity): ValueProblem[] {
  const [field] = fieldsNamed(entity, 'id');
  if (!field) {
    if (entity.form !== 'yaml' || !FIELD_SPECS[entity.kind].id?.required) return [];
    const suggested = entity.title ? slug(entity.title) : '';
    const fixes = /^[A-Za-z][A-Za-z0-9_.-]*$/.test(suggested) ? optionalFix(`Insert id: ${suggested}`, insertFieldEdit(entity, 'id', suggested)) : [];
    return [{ span: entity.anchor, message: `${capitalise(entity.kind)}${entity.title ? ` '${entity.title}'` : ''} has no id, so nothing can link to it. Add \`id:\` (${ID_RULE}).`, fixes }];
  }
  if (!isPlaceholderScalar(field.value)) return [];
  const fallback = entity.form === 'front-matter' ? ' (or delete the line to use the file name)' : entity.form === 'heading' ? ' (or delete the line to use the title)' : '';
  return [{ span: valueOrKeySpan(field.value, field.keySpan), message: `\`id\` is ${describeBlank(field)}: write a real id (${ID_RULE})${fallback}.` }];
}

function titleProblems(entity: Entity): ValueProblem[] {
  const [field] = fieldsNamed(entity, 'title');
  if (field && isPlaceholderScalar(field.value)) {
    const fallback = entity.form === 'front-matter' ? ' (or delete the line to use the first `# Heading`)' : '';
    return [{ span: valueOrKeySpan(field.value, field.keySpan), message: `\`title\` of ${named(entity)} is ${describeBlank(field)}: write a title${fallback}.` }];
  }
  if (field || !FIELD_SPECS[entity.kind].title?.required || (entity.title ?? '').trim() !== '') return [];
  const how =
    entity.form === 'heading'
      ? 'write the title after the colon of the heading'
      : entity.form === 'front-matter'
        ? 'add `title:` to the front matter or a `# Heading` to the document'
        : 'add `title:`';
  return [{ span: entity.anchor, message: `${capitalise(named(entity))} has no title: ${how}.` }];
}

/** `objective 'OBJ-x'`, or `this objective` when it has no id to show. */
function named(entity: Entity): string {
  return entity.id ? describe(entity) : `this ${entity.kind}`;
}

function describeBlank(field: Field): string {
  const text = field.value.type === 'scalar' ? shown(field.value) : 'empty';
  return text === 'empty' ? text : `${text}, a placeholder`;
}
