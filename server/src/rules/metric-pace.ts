import type { Entity } from '../model/entity.js';
import { fieldScalar } from '../model/semantics.js';
import { keyResultNumbers, percent, wrongSide, type Pace } from '../model/progress.js';
import { docsUrl, type Rule } from './rule.js';
import { behindOption, paceOfMetric } from './healthFacts.js';
import { describe, entitiesOf } from './support.js';
import { capitalise } from '../text/capitalise.js';

/**
 * Progress against time: a key result whose progress from baseline to target trails the share of
 * its window (its objective's period, or its own `due`) already elapsed at `today` by more than
 * `behind` is at risk; one past the window's last day short of target is missed. A target on the
 * wrong side of the baseline for the stated `direction` can never be reached (error). Binary key
 * results are exempt. The arithmetic lives in model/progress.ts; docs/rules/metric-pace.md states it.
 */
export const rule: Rule = {
  meta: {
    id: 'metric-pace',
    description: 'Key result behind the pace its period demands, or past its end short of target',
    defaultSeverity: 'warning',
    fixable: false,
    docsUrl: docsUrl('metric-pace'),
    optionsSchema: {
      type: 'object',
      properties: {
        behind: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          description: 'How far (a share, 0.2 = 20 points) progress may trail the elapsed share of the period before the key result is at risk.',
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { behind: 0.2 },
  },
  check({ file, index, options, settings, report }) {
    const behind = behindOption(options);
    for (const metric of entitiesOf(file.entities, 'metric')) {
      const numbers = keyResultNumbers(metric);
      if (numbers.binary) continue;
      if (wrongSide(numbers)) {
        const target = fieldScalar(metric, 'target')!;
        report({
          span: target.span,
          severity: 'error',
          message:
            `${capitalise(describe(metric))} says \`direction: ${numbers.stated}\` but its target ${numbers.target} is ${numbers.stated === 'increase' ? 'below' : 'above'} its baseline ${numbers.baseline}: ` +
            `it could never be reached. Correct the target, the baseline, or the direction.`,
        });
        continue;
      }
      const pace = paceOfMetric(index, metric, settings, behind);
      if (!pace || (pace.state !== 'at-risk' && pace.state !== 'missed')) continue;
      report({ span: (fieldScalar(metric, 'current') ?? { span: metric.anchor }).span, message: paceMessage(metric, pace, settings.today, behind) });
    }
  },
};

/** Says where the key result stands against where it should be, and what to do. */
function paceMessage(metric: Entity, pace: Pace, today: string, behind: number): string {
  const { baseline, target, current } = keyResultNumbers(metric);
  const where = `${current} (baseline ${baseline}, target ${target})`;
  const way = `from baseline ${baseline} to target ${target} (current ${current})`;
  const progress = percent(pace.progress!);
  if (pace.state === 'missed') {
    return (
      `${capitalise(describe(metric))} missed its target: its window (${pace.window.endSource}) is over at ${today} and it stands at ${where}, ${progress} of the way. ` +
      `Record the final value and close it, or re-plan it with a new \`due\` or target.`
    );
  }
  return (
    `${capitalise(describe(metric))} is at risk: ${progress} of the way ${way} with ${percent(pace.elapsed!)} of its window elapsed ` +
    `(today ${today}, window ends ${pace.window.end}); more than ${Math.round(behind * 100)} points behind pace. Act on it, or update \`current\` if it is out of date.`
  );
}
