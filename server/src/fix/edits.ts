import type { Entity, ScalarValue } from '../model/entity.js';
import type { Fix, TextEdit } from '../model/finding.js';

/** Display form of a field key in Markdown (`depends-on` → `Depends-on`, `owner` → `Owner`). */
function markdownKey(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** A YAML scalar for `value`, quoted when plain YAML would misread it (`@maria`, `a: b`, `#x`, `yes`…). */
export function yamlScalar(value: string): string {
  const plainSafe = /^[A-Za-z0-9_.\/+-][^:#\n]*$/.test(value) && !/\s$/.test(value) && !/^(true|false|null|~)$/i.test(value);
  return plainSafe ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** The edit that adds `key: value` to an entity, in the layout of the form it was written in. */
export function insertFieldEdit(entity: Entity, key: string, value: string): TextEdit {
  const { offset, style, indent, eol, suffix = '' } = entity.insertion;
  let newText: string;
  switch (style) {
    case 'yaml-block':
      newText = `${eol}${indent}${key}: ${yamlScalar(value)}`;
      break;
    case 'yaml-flow':
      newText = `, ${key}: ${yamlScalar(value)}`;
      break;
    case 'front-matter':
      newText = `${key}: ${yamlScalar(value)}${eol}`;
      break;
    case 'markdown-list':
    case 'markdown-new-list':
      newText = `${eol}${indent}${markdownKey(key)}: ${value}`;
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
