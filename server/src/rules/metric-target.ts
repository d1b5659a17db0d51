import { fix, insertFieldEdit } from '../fix/edits.js';
import type { Entity } from '../model/entity.js';
import type { TextEdit } from '../model/finding.js';
import { fieldFor } from '../model/kinds.js';
import { fieldText, isNumeric } from '../model/semantics.js';
import { docsUrl, type Rule } from './rule.js';
import { describe, entitiesOf } from './support.js';
import { capitalise } from '../text/capitalise.js';

/**
 * A metric without a baseline or a target cannot tell anyone whether the work succeeded (§6).
 * Only absent keys count: a placeholder (`target: TBD`) is `placeholder-value`'s, an unreadable
 * number `invalid-value`'s, so each problem is reported once.
 */
export const rule: Rule = {
  meta: {
    id: 'metric-target',
    description: 'Metric without a baseline or a target',
    defaultSeverity: 'warning',
    fixable: 'suggestion',
    docsUrl: docsUrl('metric-target'),
  },
  check({ file, report }) {
    for (const metric of entitiesOf(file.entities, 'metric')) {
      // A template that reads no baseline or target does not ask for them.
      if (metric.template && !metric.template.fields.has('baseline') && !metric.template.fields.has('target')) continue;
      const missing = (['baseline', 'target'] as const).filter((key) => !metric.fields.some((f) => fieldFor('metric', f.key) === key));
      if (!missing.length) continue;
      const keys = missing.length === 2 ? 'neither `baseline` nor `target`' : `no \`${missing[0]}\``;
      const why = missing.length === 2 ? 'where it started and where it must get to' : missing[0] === 'baseline' ? 'where it started' : 'what it must reach';
      const skeleton = skeletonValues(metric, missing);
      const inserted = missing.map((k) => `${k}: ${skeleton[k]}`).join(', ');
      report({
        span: metric.anchor,
        message: `${capitalise(describe(metric))} has ${keys}: nobody can tell whether it moved enough without knowing ${why}. Add ${missing.map((k) => `\`${k}: <number>\``).join(' and ')}.`,
        fixes: [fix(`Insert ${inserted} (then set the real value${missing.length > 1 ? 's' : ''})`, false, insertion(metric, missing, skeleton))],
      });
    }
  },
};

/**
 * Numbers to start from, so the inserted keys are valid values rather than placeholders: today's
 * `current` is the natural baseline, and the target starts at the best-known value for the author
 * to raise (or lower). With nothing known, 0.
 */
export function skeletonValues(metric: Entity, missing: readonly ('baseline' | 'target')[]): Record<string, string> {
  const known = (key: string) => {
    const text = fieldText(metric, key);
    return text !== undefined && isNumeric(text) ? text : undefined;
  };
  const current = known('current');
  const baseline = known('baseline');
  const values: Record<string, string> = {};
  if (missing.includes('baseline')) values.baseline = current ?? '0';
  if (missing.includes('target')) values.target = current ?? baseline ?? values.baseline ?? '0';
  return values;
}

/** One edit adding every missing key in the metric's own layout (two edits at one offset would have no defined order). */
function insertion(metric: Entity, missing: readonly string[], values: Record<string, string>): TextEdit {
  const suffix = metric.insertion.suffix ?? '';
  const edits = missing.map((key) => insertFieldEdit(metric, key, values[key]!));
  const newText = edits.map((e, i) => (i < edits.length - 1 && suffix ? e.newText.slice(0, -suffix.length) : e.newText)).join('');
  return { ...edits[0]!, newText };
}
