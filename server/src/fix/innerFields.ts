import type { Entity, InnerPlace } from '../model/entity.js';
import type { TextEdit } from '../model/finding.js';
import { capitalise } from '../text/capitalise.js';

/**
 * Adding a field to an entity read inside a templated file (docs/templates.md "Entities inside a
 * file"), in the form it sits in. An edit is offered only where the template reads the inserted
 * text back as that field of that entity:
 * - a heading: a `Key: value` line under it, for a field the template reads from such a line,
 *   shaped like the lines the file already writes for that key (`**Owner:** @x`, else `- Owner: @x`);
 * - a list item: its owner as `(@handle)` at the end of its first line, any other field as an
 *   indented `- Key: value` sub-item;
 * - a table row: never a new line (it would end the table or add a row); a field whose cell is
 *   empty is filled in its cell by the fixes that replace a placeholder (`fillCellText`).
 * Where no edit fits, `innerFieldHint` says what to write and where.
 */
export function innerFieldEdit(entity: Entity, place: InnerPlace, key: string, value: string): TextEdit | undefined {
  const { offset, eol, indent } = entity.insertion;
  switch (place.form) {
    case 'heading': {
      const line = place.lines[key];
      if (line === undefined || /[\r\n]/.test(value)) return undefined;
      return { file: entity.file, start: offset, end: offset, newText: `${eol}${line}${value}${entity.insertion.suffix ?? ''}` };
    }
    case 'list-item': {
      if (key === 'owner') {
        const handle = ownerHandle(value);
        return handle ? { file: entity.file, start: place.ownerAt, end: place.ownerAt, newText: ` (${handle})` } : undefined;
      }
      // An id sub-item would not rename the item (its id is its title's slug), so none is offered.
      if (key === 'id' || /[\r\n]/.test(value)) return undefined;
      return { file: entity.file, start: offset, end: offset, newText: `${eol}${indent}${capitalise(key)}: ${value}` };
    }
    case 'table-row':
      return undefined;
  }
}

/** The text that fills an empty table cell (the blank between its pipes) with `value`, keeping a space on each side. */
export function fillCellText(entity: Entity, blank: string, value: string): string | undefined {
  return entity.insertion.inner?.form === 'table-row' && blank.trim() === '' ? ` ${value} ` : undefined;
}

/**
 * What to write and where, to follow "Add " in a message, for an entity inside a templated file:
 * "`- Owner: @handle` under its heading", "`(@handle)` at the end of the item", "`@handle` to its
 * `Owner` cell", "a column `Owner` to its table, …". Undefined for other entities.
 */
export function innerFieldHint(entity: Entity, key: string, value: string): string | undefined {
  const place = entity.insertion.inner;
  if (!place) return undefined;
  const templateName = entity.template?.name ?? 'its';
  switch (place.form) {
    case 'heading': {
      const line = place.lines[key];
      if (line !== undefined) return `\`${line}${value}\` under its heading`;
      return `\`- ${capitalise(key)}: ${value}\` under its heading, once the ${templateName} template reads \`${key}\` from such a line (\`fields: { ${key}: { header: ${capitalise(key)} } }\`)`;
    }
    case 'list-item':
      if (key === 'owner') return `\`(${ownerHandle(value) ?? '@handle'})\` at the end of the item`;
      return `a sub-item \`- ${capitalise(key)}: ${value}\` under the item`;
    case 'table-row': {
      const column = place.columns[key];
      if (column !== undefined && place.present.includes(key)) return `\`${value}\` to its \`${column}\` cell`;
      if (column !== undefined) return `a column \`${column}\` to its table, with \`${value}\` in this row`;
      return `a column for \`${key}\` to its table and to the ${templateName} template's \`columns\` (\`${key}: ${capitalise(key)}\`), with \`${value}\` in this row`;
    }
  }
}

/** `@sam` for `sam` or `@sam`; undefined when the value cannot be an owner written in parentheses. */
function ownerHandle(value: string): string | undefined {
  const handle = value.startsWith('@') ? value : `@${value}`;
  return /^@[^\s()]+$/.test(handle) ? handle : undefined;
}
