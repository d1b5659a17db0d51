import type { Entity, ScalarValue } from '../model/entity.js';
import { fieldFor } from '../model/kinds.js';
import { daysBetween, fieldScalar, isActiveInitiative, isValidDate } from '../model/semantics.js';
import { docsUrl, type RuleContext, type Rule } from './rule.js';
import { describe, entitiesOf } from './support.js';
import { capitalise } from '../text/capitalise.js';

/** The longest quarter has 92 days: a plan longer than that should have a checkpoint inside it. */
const QUARTER_DAYS = 92;

/**
 * Milestones keep people accountable between start and due. Reported at the milestone's `due`:
 * one outside its initiative's `start`–`due` window, one due before the milestone listed above it,
 * and one past due (against `today`) and not `done: true` on an active initiative. Info, at the
 * initiative: an active initiative running longer than a quarter with no milestone at all.
 */
export const rule: Rule = {
  meta: {
    id: 'milestone-schedule',
    description: 'Milestone outside its initiative\'s window, out of order, or overdue; long initiative with no milestone',
    defaultSeverity: 'warning',
    fixable: false,
    docsUrl: docsUrl('milestone-schedule'),
  },
  check(context) {
    for (const initiative of entitiesOf(context.file.entities, 'initiative')) {
      const start = date(fieldScalar(initiative, 'start'));
      const due = date(fieldScalar(initiative, 'due'));
      const field = initiative.fields.find((f) => fieldFor('initiative', f.key) === 'milestones');
      if (!field) {
        reportNoMilestone(context, initiative, start, due);
        continue;
      }
      if (field.value.type !== 'list') continue;
      let previous: Milestone | undefined;
      for (const item of field.value.items) {
        const milestone = milestoneOf(item);
        if (!milestone) continue;
        checkMilestone(context, initiative, milestone, start, due, previous);
        previous = milestone;
      }
    }
  },
};

interface Milestone {
  title: string;
  due: string;
  dueValue: ScalarValue;
  done: boolean;
}

function milestoneOf(item: { type: string; fields?: { key: string; value: { type: string } }[] }): Milestone | undefined {
  if (item.type !== 'map' || !item.fields) return undefined;
  const scalar = (key: string) => {
    const value = item.fields!.find((f) => f.key === key)?.value;
    return value?.type === 'scalar' ? (value as ScalarValue) : undefined;
  };
  const dueValue = scalar('due');
  const due = date(dueValue);
  if (!dueValue || !due) return undefined;
  const title = scalar('title');
  const done = scalar('done');
  return { title: title?.value != null ? `Milestone '${String(title.value)}'` : 'This milestone', due, dueValue, done: done?.value === true || String(done?.value).toLowerCase() === 'true' };
}

function checkMilestone({ report, settings }: RuleContext, initiative: Entity, milestone: Milestone, start: string | undefined, due: string | undefined, previous: Milestone | undefined): void {
  const at = milestone.dueValue.span;
  if (due && milestone.due > due) {
    report({ span: at, message: `${milestone.title} is due ${milestone.due}, after its initiative '${initiative.id}' is due (${due}). Move the milestone, or the initiative's \`due\`.` });
  } else if (start && milestone.due < start) {
    report({ span: at, message: `${milestone.title} is due ${milestone.due}, before its initiative '${initiative.id}' starts (${start}). Move the milestone, or the initiative's \`start\`.` });
  } else if (previous && milestone.due < previous.due) {
    report({
      span: at,
      message: `${milestone.title} is due ${milestone.due}, before the milestone listed above it (${previous.due}). List milestones in the order they fall due, or correct a date.`,
      related: [{ file: initiative.file, span: previous.dueValue.span, message: `${previous.title} is due ${previous.due}` }],
    });
  }
  if (!milestone.done && isActiveInitiative(initiative) && isValidDate(settings.today) && milestone.due < settings.today) {
    const late = daysBetween(milestone.due, settings.today);
    report({
      span: at,
      message: `${milestone.title} of '${initiative.id}' was due ${milestone.due}, ${late} day${late === 1 ? '' : 's'} ago (today ${settings.today}), and is not marked \`done: true\`. Mark it done, or re-plan it with a new date.`,
    });
  }
}

function reportNoMilestone({ report }: RuleContext, initiative: Entity, start: string | undefined, due: string | undefined): void {
  if (!isActiveInitiative(initiative) || !start || !due) return;
  const length = daysBetween(start, due);
  if (length <= QUARTER_DAYS) return;
  report({
    span: initiative.anchor,
    severity: 'info',
    message: `${capitalise(describe(initiative))} runs ${length} days (${start} to ${due}), longer than a quarter, with no milestone. Add \`milestones:\` so progress can be checked on the way.`,
  });
}

function date(scalar: ScalarValue | undefined): string | undefined {
  const text = typeof scalar?.value === 'string' ? scalar.value.trim() : '';
  return isValidDate(text) ? text : undefined;
}
