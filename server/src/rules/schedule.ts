import { fix, insertFieldEdit, optionalFix, replaceValueEdit } from '../fix/edits.js';
import type { Entity, Field, ScalarValue } from '../model/entity.js';
import type { Fix } from '../model/finding.js';
import { fieldFor } from '../model/kinds.js';
import { daysBetween, enumValue, fieldScalar, isActiveInitiative, isValidDate, parsePeriod } from '../model/semantics.js';
import { docsUrl, type RuleContext, type Rule } from './rule.js';
import { describe, entitiesOf } from './support.js';
import { capitalise } from '../text/capitalise.js';

/**
 * Dates that contradict each other or the calendar (§6): `due` before `start`; an active
 * initiative past its `due` (against `today`); an initiative due after its objective's period ends
 * (§10.4, honouring `fiscal-year-start`). Milestones are milestone-schedule's.
 * Invalid dates are `invalid-value`'s and are skipped here.
 */
export const rule: Rule = {
  meta: {
    id: 'schedule',
    description: 'Dates that contradict each other or the calendar',
    defaultSeverity: 'warning',
    fixable: 'safe',
    docsUrl: docsUrl('schedule'),
  },
  check(context) {
    for (const initiative of entitiesOf(context.file.entities, 'initiative')) {
      const start = dateField(initiative, 'start');
      const due = dateField(initiative, 'due');
      if (start && due && due.date < start.date) reportSwapped(context, initiative, start, due);
      if (due) {
        reportOverdue(context, initiative, due);
        reportAfterPeriod(context, initiative, due);
      }
    }
  },
};

interface DateValue {
  date: string;
  scalar: ScalarValue;
}

function dateField(entity: Entity, name: string): DateValue | undefined {
  const scalar = fieldScalar(entity, name);
  return scalar ? asDate(scalar) : undefined;
}

function asDate(scalar: ScalarValue): DateValue | undefined {
  const date = typeof scalar.value === 'string' ? scalar.value.trim() : '';
  return isValidDate(date) ? { date, scalar } : undefined;
}

function reportSwapped({ file, report }: RuleContext, initiative: Entity, start: DateValue, due: DateValue): void {
  // Each value keeps the quoting of the place it moves into.
  const swap = fix(
    `Swap start and due (start ${due.date}, due ${start.date})`,
    true,
    replaceValueEdit(file.path, initiative.form, start.scalar, due.date),
    replaceValueEdit(file.path, initiative.form, due.scalar, start.date),
  );
  report({
    span: due.scalar.span,
    message: `${capitalise(describe(initiative))} is due ${due.date}, before it starts (${start.date}). Swap the dates if they were entered the wrong way round, or correct one of them.`,
    related: [{ file: file.path, span: start.scalar.span, message: `start: ${start.date}` }],
    fixes: [swap],
  });
}

function reportOverdue({ file, report, settings }: RuleContext, initiative: Entity, due: DateValue): void {
  if (!isActiveInitiative(initiative) || !isValidDate(settings.today) || due.date >= settings.today) return;
  const late = daysBetween(due.date, settings.today);
  const status = enumValue(initiative, 'status') ?? 'planned';
  report({
    span: due.scalar.span,
    message: `${capitalise(describe(initiative))} is ${status} but was due ${due.date}, ${late} day${late === 1 ? '' : 's'} ago (today is ${settings.today}). Mark it done, or re-plan it with a new \`due\` date.`,
    fixes: markDone(file.path, initiative),
  });
}

/**
 * Suggestion only: whether the work is really done is for the author to say. None when `status` is
 * written but empty: there is no value to replace, and inserting another `status` would repeat the key.
 */
function markDone(filePath: string, initiative: Entity): Fix[] {
  const title = 'Mark as done (status: done)';
  const status = initiative.fields.find((f: Field) => fieldFor('initiative', f.key) === 'status');
  if (!status) return optionalFix(title, insertFieldEdit(initiative, 'status', 'done'));
  if (status.value.type === 'scalar' && status.value.span.end > status.value.span.start) {
    return [fix(title, false, replaceValueEdit(filePath, initiative.form, status.value, 'done'))];
  }
  return [];
}

function reportAfterPeriod({ index, report, settings }: RuleContext, initiative: Entity, due: DateValue): void {
  // Finished or dropped work is history; its plan no longer needs to fit the objective.
  const status = enumValue(initiative, 'status');
  if (status === 'done' || status === 'dropped') return;
  const seen = new Set<Entity>();
  for (const ref of initiative.refs) {
    if (ref.field !== 'objective') continue;
    for (const objective of index.resolve(ref)) {
      if (objective.kind !== 'objective' || seen.has(objective)) continue;
      seen.add(objective);
      const periodValue = fieldScalar(objective, 'period');
      const period = periodValue ? parsePeriod(periodValue.value, settings.fiscalYearStart) : undefined;
      if (!periodValue || !period || due.date <= period.lastDay) continue;
      report({
        span: due.scalar.span,
        message: `${capitalise(describe(initiative))} is due ${due.date}, after its objective '${objective.id}' ends (period ${String(periodValue.value)} ends ${period.lastDay}). Bring the due date into the period, or link the initiative to a later objective.`,
        related: [{ file: objective.file, span: periodValue.span, message: `period ${String(periodValue.value)} of '${objective.id}' ends ${period.lastDay}` }],
      });
    }
  }
}
