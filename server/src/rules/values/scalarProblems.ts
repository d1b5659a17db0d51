import { fix, replaceValueEdit } from '../../fix/edits.js';
import type { Entity, ScalarValue } from '../../model/entity.js';
import type { Fix } from '../../model/finding.js';
import { canonicalKey, kindFromWord, type FieldSpec } from '../../model/kinds.js';
import { isNumeric, isValidDate } from '../../model/semantics.js';
import { kindWordsOf } from '../../schema/strategySchema.js';
import { enumChoice } from './enumChoice.js';

/** What is wrong with one scalar the schema rejected, said so the author knows what to write instead. */
export interface ScalarProblem {
  message: string;
  fixes?: Fix[];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Describes why `value` is not a valid `name` of `entity`; only called for values the schema rejected. */
export function scalarProblem(entity: Entity, name: string, spec: FieldSpec, value: ScalarValue): ScalarProblem {
  const written = value.value === null ? '' : String(value.value);
  const replace = (title: string, newValue: string, safe: boolean): Fix => fix(title, safe, replaceValueEdit(entity.file, entity.form, value, newValue));
  switch (spec.type) {
    case 'kind':
      return kindProblem(entity, written, replace);
    case 'id':
      return idProblem(entity, written, replace);
    case 'period':
      return {
        message: `\`${name}\` '${written}' is not a period. Use \`2027\`, \`2027-H1\`, \`2027-Q3\`, or a fiscal \`FY2027\`, \`FY27-Q3\`.`,
      };
    case 'date':
      return dateProblem(name, written, replace);
    case 'number':
      return numberProblem(name, written, replace);
    case 'positive-integer':
      return {
        message: `\`${name}\` '${written}' must be a whole number of 1 or more: the most active initiatives this owner can carry.`,
      };
    case 'positive-number':
      return { message: `\`${name}\` '${written}' must be a number greater than 0 (in the unit config \`effort-unit\` names: person-weeks by default).` };
    case 'fraction':
      return { message: `\`${name}\` '${written}' must be a number from 0 to 1 (0.7 means 70% confident).` };
    case 'enum':
      return enumProblem(entity, name, spec.values ?? [], written, replace);
    default:
      // Text and references accept any scalar; the schema rejected something else.
      return { message: `\`${name}\` '${written}' is not a valid value.` };
  }
}

type Replace = (title: string, newValue: string, safe: boolean) => Fix;

function enumProblem(entity: Entity, name: string, allowed: readonly string[], written: string, replace: Replace): ScalarProblem {
  const choice = enumChoice(written, allowed);
  const what = name === 'status' ? `${entity.kind} status` : name;
  const fixes: Fix[] = [];
  if (choice.safe) fixes.push(replace(`Replace '${written}' with '${choice.safe}'`, choice.safe, true));
  for (const value of choice.suggestions) fixes.push(replace(`Replace '${written}' with '${value}'`, value, false));
  const hint = choice.safe ? `Did you mean '${choice.safe}'? ` : '';
  return { message: `'${written}' is not a valid ${what}. ${hint}Use one of: ${allowed.join(', ')}.`, fixes };
}

function kindProblem(entity: Entity, written: string, replace: Replace): ScalarProblem {
  if (written.trim() === '') return { message: `\`kind\` is empty. Delete the line: the list already makes this entry ${/^[aeiou]/.test(entity.kind) ? 'an' : 'a'} ${entity.kind}.` };
  const declared = kindFromWord(written);
  if (declared === entity.kind) {
    const canonical = canonicalKey(written);
    return {
      message: `Write \`kind: ${canonical}\`: kind words are lower-case, with hyphens ('${written}' is not).`,
      fixes: [replace(`Replace '${written}' with '${canonical}'`, canonical, true)],
    };
  }
  if (declared) {
    return {
      message: `This entry is in a list of ${entity.kind}s, but says \`kind: ${written}\`. Delete the \`kind\` line, or move the entry to the list of ${declared}s.`,
    };
  }
  return { message: `Unknown kind '${written}'. In a list of ${entity.kind}s, \`kind\` can only be ${kindWordsOf(entity.kind).join(', ')}; usually it is left out.` };
}

function idProblem(entity: Entity, written: string, replace: Replace): ScalarProblem {
  const owner = entity.kind === 'owner';
  const rule = owner
    ? 'an owner id is a handle (`maria`, `@maria`) or `@org/team`: a letter, then letters, digits, `_`, `.` or `-`'
    : 'an id starts with a letter, then uses only letters, digits, `_`, `.` or `-`';
  const message = `'${written}' is not a valid id: ${rule}.`;
  // Renaming an id can break references written elsewhere, so the cleaned-up id is only a suggestion.
  const cleaned = written.trim().replace(/\s+/g, '-').replace(owner ? /[^A-Za-z0-9_.\-@/]/g : /[^A-Za-z0-9_.-]/g, '');
  const valid = owner ? /^@?[A-Za-z][A-Za-z0-9_.-]*(\/[A-Za-z][A-Za-z0-9_.-]*)?$/ : /^[A-Za-z][A-Za-z0-9_.-]*$/;
  if (cleaned !== written && valid.test(cleaned)) return { message, fixes: [replace(`Replace '${written}' with '${cleaned}'`, cleaned, false)] };
  return { message };
}

function dateProblem(name: string, written: string, replace: Replace): ScalarProblem {
  const exact = /^(\d{4})-(\d{2})-(\d{2})$/.exec(written);
  if (exact) {
    const [year, month, day] = [Number(exact[1]), Number(exact[2]), Number(exact[3])];
    if (month < 1 || month > 12) return { message: `\`${name}\` '${written}' is not a real date: there is no month ${exact[2]}. Write YYYY-MM-DD.` };
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return { message: `\`${name}\` '${written}' is not a real date: ${MONTHS[month - 1]} ${year} has ${days} days (day ${day} does not exist).` };
  }
  const message = `\`${name}\` '${written}' is not a date. Write YYYY-MM-DD, e.g. 2027-03-31.`;
  const loose = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(written.trim());
  if (loose) {
    const normalised = `${loose[1]}-${loose[2]!.padStart(2, '0')}-${loose[3]!.padStart(2, '0')}`;
    if (isValidDate(normalised)) return { message, fixes: [replace(`Replace '${written}' with '${normalised}'`, normalised, false)] };
  }
  return { message };
}

const UNIT_NUMBER = /^\s*([$€£¥]?)\s*([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(%|[$€£¥]|[A-Za-z]{1,5})?\s*$/;

function numberProblem(name: string, written: string, replace: Replace): ScalarProblem {
  const match = UNIT_NUMBER.exec(written);
  if (match && (match[1] || match[3] || match[2]!.includes(','))) {
    const number = match[2]!.replace(/,/g, '');
    const unit = match[1] || match[3];
    const unitHint = unit ? ` and put the unit in \`unit: ${unit}\`` : '';
    if (isNumeric(number)) {
      return {
        message: `\`${name}\` '${written}' is not a number. Write ${number}${unitHint}.`,
        fixes: [replace(`Replace '${written}' with ${number}`, number, false)],
      };
    }
  }
  return { message: `\`${name}\` '${written}' is not a number. Write a plain number such as 35 (the unit goes in \`unit:\`).` };
}
