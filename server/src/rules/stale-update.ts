import type { Entity } from '../model/entity.js';
import { enumValue, fieldScalar } from '../model/semantics.js';
import { percent } from '../model/progress.js';
import { docsUrl, type RuleContext, type Rule } from './rule.js';
import { behindOption, cadenceOf, CHECK_IN_DAYS, isSteered, keyResultsOf, paceOfMetric, staleCheckIn } from './healthFacts.js';
import { describe } from './support.js';
import { capitalise } from '../text/capitalise.js';


/**
 * Check-ins: a plan nobody has looked at for weeks is not being steered. An active objective or key
 * result whose `updated` date is older than the cadence is reported at that date; so is a
 * `health: on-track` that the key result's pace (metric-pace's arithmetic) contradicts. Only a
 * written `updated` is judged: teams that do not record check-ins are not nagged.
 */
export const rule: Rule = {
  meta: {
    id: 'stale-update',
    description: 'Active objective or key result not updated within the cadence, or whose health contradicts its pace',
    defaultSeverity: 'info',
    fixable: false,
    docsUrl: docsUrl('stale-update'),
    optionsSchema: {
      type: 'object',
      properties: {
        objectives: { type: 'integer', minimum: 1, description: 'Days after which an active objective\'s `updated` is stale.' },
        'key-results': { type: 'integer', minimum: 1, description: 'Days after which a key result\'s `updated` is stale.' },
        behind: { type: 'number', minimum: 0, maximum: 1, description: 'metric-pace\'s `behind`, for judging whether `health: on-track` holds (set both alike).' },
      },
      additionalProperties: false,
    },
    defaultOptions: { objectives: CHECK_IN_DAYS.objective, 'key-results': CHECK_IN_DAYS.metric, behind: 0.2 },
  },
  check(context) {
    const { file, index, options } = context;
    for (const entity of file.entities) {
      if ((entity.kind !== 'objective' && entity.kind !== 'metric') || !isSteered(index, entity)) continue;
      reportStale(context, entity, cadenceOf(entity.kind, options));
      if (entity.kind === 'objective') reportObjectiveHealth(context, entity, keyResultsOf(index, entity));
      else reportKeyResultHealth(context, entity);
    }
  },
};

function reportStale({ settings, report }: RuleContext, entity: Entity, cadence: number): void {
  const stale = staleCheckIn(entity, settings.today, cadence);
  if (!stale) return;
  const what = entity.kind === 'objective' ? 'objectives' : 'key results';
  report({
    span: fieldScalar(entity, 'updated')!.span,
    message:
      `${capitalise(describe(entity))} was last updated ${stale.date}, ${stale.age} days ago (today ${settings.today}); ${what} are checked in at least every ${cadence} days. ` +
      `Review it: record \`current\`, \`health\` and \`confidence\`, and set \`updated\` to the check-in date.`,
  });
}

function reportKeyResultHealth({ index, options, settings, report }: RuleContext, metric: Entity): void {
  const health = fieldScalar(metric, 'health');
  if (!health || enumValue(metric, 'health') !== 'on-track') return;
  const pace = paceOfMetric(index, metric, settings, behindOption(options));
  if (!pace || (pace.state !== 'at-risk' && pace.state !== 'missed')) return;
  report({
    span: health.span,
    message:
      `${capitalise(describe(metric))} says \`health: on-track\`, but its numbers say ${pace.state === 'missed' ? 'it missed its target' : 'it is at risk'}` +
      `${pace.progress !== undefined ? ` (${percent(pace.progress)} of the way${pace.elapsed !== undefined && pace.state === 'at-risk' ? ` with ${percent(pace.elapsed)} of its window gone` : ''})` : ''}. ` +
      `Update \`current\` if it is out of date, or set \`health\` to what the numbers show.`,
  });
}

function reportObjectiveHealth({ index, options, settings, report }: RuleContext, objective: Entity, keyResults: readonly Entity[]): void {
  const health = fieldScalar(objective, 'health');
  if (!health || enumValue(objective, 'health') !== 'on-track') return;
  const behind = behindOption(options);
  const lagging = keyResults.filter((kr) => {
    const state = paceOfMetric(index, kr, settings, behind)?.state;
    return state === 'at-risk' || state === 'missed';
  });
  if (!lagging.length) return;
  const ids = lagging.map((kr) => kr.id).sort();
  report({
    span: health.span,
    message:
      `${capitalise(describe(objective))} says \`health: on-track\`, but its key result${ids.length === 1 ? '' : 's'} ${ids.map((id) => `'${id}'`).join(', ')} ${ids.length === 1 ? 'is' : 'are'} behind pace or missed. ` +
      `Set \`health\` to what its key results show, or update their \`current\` values.`,
    related: lagging.map((kr) => ({ file: kr.file, span: kr.anchor, message: `key result '${kr.id}' is behind pace or missed` })),
  });
}
