import type { Entity, ScalarValue } from '../model/entity.js';
import { innerFieldEdit } from './innerFields.js';
import type { Fix, TextEdit } from '../model/finding.js';
import { capitalise } from '../text/capitalise.js';


/** A YAML scalar for `value`, quoted when plain YAML would misread it (`@maria`, `a: b`, `#x`, `yes`…). */
export function yamlScalar(value: string): string {
  const plainSafe = /^[A-Za-z0-9_.\/+-][^:#\n]*$/.test(value) && !/\s$/.test(value) && !/^(true|false|null|~)$/i.test(value);
  return plainSafe ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * The edit that adds `key: value` to an entity, in the layout of the form it was written in;
 * undefined where that form cannot take the field as a new line (an entity inside a templated
 * file: see innerFieldEdit).
 */
export function insertFieldEdit(entity: Entity, key: string, value: string): TextEdit | undefined {
  return insertRenderedField(entity, key, yamlScalar(value), value);
}

/**
 * The edit that adds a list field (`metrics: [KR-a, KR-b]` in YAML, `Metrics: KR-a, KR-b` in Markdown),
 * each YAML item quoted only where YAML needs it.
 */
export function insertListFieldEdit(entity: Entity, key: string, values: readonly string[]): TextEdit | undefined {
  return insertRenderedField(entity, key, `[${values.map(yamlScalar).join(', ')}]`, values.join(', '));
}

/** Lays out one field with its value already rendered for YAML and for Markdown. */
function insertRenderedField(entity: Entity, key: string, yamlValue: string, markdownValue: string): TextEdit | undefined {
  if (entity.insertion.inner) return innerFieldEdit(entity, entity.insertion.inner, key, markdownValue);
  const { offset, style, indent, eol, suffix = '' } = entity.insertion;
  let newText: string;
  switch (style) {
    case 'yaml-block':
      newText = `${eol}${indent}${key}: ${yamlValue}`;
      break;
    case 'yaml-flow':
      newText = `, ${key}: ${yamlValue}`;
      break;
    case 'front-matter':
      newText = `${key}: ${yamlValue}${eol}`;
      break;
    case 'markdown-list':
    case 'markdown-new-list':
      newText = `${eol}${indent}${capitalise(key)}: ${markdownValue}`;
      break;
  }
  return { file: entity.file, start: offset, end: offset, newText: newText + suffix };
}

/**
 * Replaces a written value, keeping YAML quoting: a quoted scalar stays quoted in the same style,
 * a plain one stays plain unless the new value needs quotes.
 */
export function replaceValueEdit(file: string, entityForm: Entity['form'], value: Pick<ScalarValue, 'text' | 'span'>, newValue: string): TextEdit {
  let newText = newValue;
  if (entityForm !== 'heading') {
    const quote = value.text[0];
    if (quote === '"') newText = `"${newValue.replace(/["\\]/g, '\\$&')}"`;
    else if (quote === "'") newText = `'${newValue.replace(/'/g, "''")}'`;
    else newText = yamlScalar(newValue);
  }
  return { file, start: value.span.start, end: value.span.end, newText };
}

export function fix(title: string, safe: boolean, ...edits: TextEdit[]): Fix {
  return { title, safe, edits };
}

/** A suggestion (never applied by --fix) from an edit that the entity's form may not allow: none without it. */
export function optionalFix(title: string, edit: TextEdit | undefined): Fix[] {
  return edit ? [fix(title, false, edit)] : [];
}
