import { insertFieldEdit, optionalFix } from '../fix/edits.js';
import { innerFieldHint } from '../fix/innerFields.js';
import type { Entity } from '../model/entity.js';
import type { TextEdit } from '../model/finding.js';
import { fieldFor } from '../model/kinds.js';
import { fieldText, isNumeric } from '../model/semantics.js';
import { isBinary } from '../model/progress.js';
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
      // A binary key result (`value-type: binary`) is done or not: it needs no numbers.
      if (isBinary(metric)) continue;
      const missing = (['baseline', 'target'] as const).filter((key) => !metric.fields.some((f) => fieldFor('metric', f.key) === key));
      if (!missing.length) continue;
      const keys = missing.length === 2 ? 'neither `baseline` nor `target`' : `no \`${missing[0]}\``;
      const why = missing.length === 2 ? 'where it started and where it must get to' : missing[0] === 'baseline' ? 'where it started' : 'what it must reach';
      const skeleton = skeletonValues(metric, missing);
      const inserted = missing.map((k) => `${k}: ${skeleton[k]}`).join(', ');
      const toWrite = missing.filter((k) => skeleton[k] === PLACEHOLDER);
      const fixes = optionalFix(`Insert ${inserted}${toWrite.length ? ` (then write the ${toWrite.join(' and ')})` : ''}`, insertion(metric, missing, skeleton));
      // A value the author must still write is no quick win: never the preferred action.
      if (toWrite.length) for (const insert of fixes) insert.preferred = false;
      const toAdd = missing.map((k) => innerFieldHint(metric, k, '<number>') ?? `\`${k}: <number>\``).join(' and ');
      report({
        span: metric.anchor,
        message: `${capitalise(describe(metric))} has ${keys}: nobody can tell whether it moved enough without knowing ${why}. Add ${toAdd}.`,
        fixes,
      });
    }
  },
};

const PLACEHOLDER = 'TBD';

/**
 * The values the inserted keys start with. Only a known number is written: today's `current` is a
 * true baseline. A target is a decision, never derived (a target equal to the baseline would
 * silence the rule with a meaningless value): it is inserted as `TBD`, which placeholder-value
 * then reports at the value until the author writes the number; so is a baseline nothing tells.
 */
export function skeletonValues(metric: Entity, missing: readonly ('baseline' | 'target')[]): Record<string, string> {
  const text = fieldText(metric, 'current');
  const current = text !== undefined && isNumeric(text) ? text : undefined;
  const values: Record<string, string> = {};
  if (missing.includes('baseline')) values.baseline = current ?? PLACEHOLDER;
  if (missing.includes('target')) values.target = PLACEHOLDER;
  return values;
}

/** One edit adding every missing key in the metric's own layout (two edits at one offset would have no defined order). */
function insertion(metric: Entity, missing: readonly string[], values: Record<string, string>): TextEdit | undefined {
  const suffix = metric.insertion.suffix ?? '';
  const written = missing.map((key) => insertFieldEdit(metric, key, values[key]!));
  if (written.some((e) => e === undefined)) return undefined;
  const edits = written as TextEdit[];
  const newText = edits.map((e, i) => (i < edits.length - 1 && suffix ? e.newText.slice(0, -suffix.length) : e.newText)).join('');
  return { ...edits[0]!, newText };
}
