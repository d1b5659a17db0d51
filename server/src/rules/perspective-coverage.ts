import type { Entity } from '../model/entity.js';
import { enumValue, fieldScalar } from '../model/semantics.js';
import { FIELD_SPECS } from '../model/kinds.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { docsUrl, type Rule } from './rule.js';
import { findDeclared, metricsThroughChildren, untilHealthChanges } from './healthFacts.js';
import { focusPeriod, topLevelObjectivesByPeriod } from './focus-limit.js';
import { byIdThenPlace } from './workspaceFacts.js';

const PERSPECTIVES = FIELD_SPECS.objective.perspective!.values!;
/** As many objectives as there are perspectives: fewer cannot cover them all. */
const DEFAULT_MIN_OBJECTIVES = PERSPECTIVES.length;

/** An entity as a summary keeps it: found again in the index when reported, so its spans are current. */
interface Place {
  id: string;
  file: string;
}

/**
 * What one period's active top-level objectives cover. It reads only fields healthSignature lists
 * (period, status, parent, perspective; a metric's objective and type), so it stays valid until
 * healthEpoch moves: typing in a title or an owner does not walk the period's objectives and their
 * metrics again (at 10k documents that walk was most of a keystroke).
 */
interface Coverage {
  /** How many objectives were checked. */
  objectives: number;
  /** The first RELATED objectives by id (then file and place). */
  firstObjectives: Place[];
  /** Perspectives no objective of the period states; undefined when none states one (the team does not use them). */
  empty?: string[];
  /** When every typed metric of the period is lagging: how many, and the first RELATED by id. */
  onlyLagging?: { count: number; first: Place[] };
}

/**
 * Balanced scorecard: a period's active top-level objectives (those focus-limit counts) should
 * between them cover the four perspectives (financial, customer, internal, learning) and be
 * measured by some leading metrics. Reported once per period, at its first objective by id.
 * Lagging-only is judged in periods of two objectives or more (one is metric-balance's).
 * Perspectives are judged only in periods with at least `min-objectives` (default 4) objectives,
 * at least one of which states a `perspective`.
 */
export const rule: Rule = {
  meta: {
    id: 'perspective-coverage',
    description: 'Period whose active top-level objectives leave a balanced-scorecard perspective empty, or use only lagging metrics',
    defaultSeverity: 'info',
    fixable: false,
    docsUrl: docsUrl('perspective-coverage'),
    optionsSchema: {
      type: 'object',
      properties: {
        'min-objectives': {
          type: 'integer',
          minimum: 1,
          description: 'Fewest active top-level objectives a period needs before its perspectives are judged (a period of one or two focused objectives cannot cover four).',
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { 'min-objectives': DEFAULT_MIN_OBJECTIVES },
  },
  check({ file, index, options, settings, report }) {
    const min = typeof options['min-objectives'] === 'number' && options['min-objectives'] >= 1 ? options['min-objectives'] : DEFAULT_MIN_OBJECTIVES;
    const fy = settings.fiscalYearStart;
    for (const objective of file.entities) {
      if (objective.kind !== 'objective') continue;
      const period = focusPeriod(objective, fy);
      if (period === undefined) continue;
      if (hostOf(index, period, fy) !== objective) continue;
      const coverage = coverageOf(index, period, fy);
      if (coverage.empty?.length && coverage.objectives >= min) {
        report({
          span: objective.anchor,
          message:
            `No active top-level objective of period ${period} takes the ${list(coverage.empty)} perspective${coverage.empty.length === 1 ? '' : 's'} ` +
            `(${coverage.objectives} objective${coverage.objectives === 1 ? '' : 's'} checked). A balanced plan sets a goal in each of financial, customer, internal and learning; add one, or say why not.`,
          related: current(index, coverage.firstObjectives, 'objective').map((o) => ({
            file: o.file,
            span: fieldScalar(o, 'perspective')?.span ?? o.anchor,
            message: `'${o.id}': ${enumValue(o, 'perspective') ?? 'no perspective'}`,
          })),
        });
      }
      // With one objective, metric-balance already says that objective is measured only by lagging metrics.
      if (coverage.onlyLagging && coverage.objectives > 1) {
        report({
          span: objective.anchor,
          message:
            `Every typed metric of period ${period} is lagging (${coverage.onlyLagging.count}): the period learns only afterwards whether it worked. ` +
            `Add leading metrics (\`type: leading\`) that move early enough to steer by.`,
          related: current(index, coverage.onlyLagging.first, 'metric').map((m) => ({ file: m.file, span: m.anchor, message: `lagging metric '${m.id}'` })),
        });
      }
    }
  },
};

/** Objectives and metrics listed as related information, at most. */
const RELATED = 20;

/**
 * The period's first objective by id, kept as a place until healthEpoch moves (which top-level
 * objectives a period has, and their ids, are in healthSignature): a keystroke no longer walks every
 * objective of the period of each objective it re-checks (9% of an edit at 10k heavy documents).
 */
function hostOf(index: WorkspaceIndex, period: string, fiscalYearStart: number): Entity | undefined {
  const host = untilHealthChanges(index, `perspective-coverage:host ${fiscalYearStart} ${period}`, () => {
    let first: Entity | undefined;
    for (const objective of topLevelObjectivesByPeriod(index, fiscalYearStart).get(period) ?? []) if (!first || byIdThenPlace(objective, first) < 0) first = objective;
    return first && placeOf(first);
  });
  if (!host) return undefined;
  // The first declaration of that id in that file that counts in the period (declarations come in place order).
  const members = topLevelObjectivesByPeriod(index, fiscalYearStart).get(period);
  return index.declarations(host.id).find((e) => e.file === host.file && members?.has(e));
}

/** Asked only by the period's host; computed again only when healthEpoch has moved (see Coverage). */
function coverageOf(index: WorkspaceIndex, period: string, fiscalYearStart: number): Coverage {
  return untilHealthChanges(index, `perspective-coverage ${fiscalYearStart} ${period}`, () => {
    const objectives = [...(topLevelObjectivesByPeriod(index, fiscalYearStart).get(period) ?? [])].sort(byIdThenPlace);
    const stated = new Set(objectives.map((o) => (fieldScalar(o, 'perspective') ? enumValue(o, 'perspective') : undefined)).filter((p): p is string => p !== undefined));
    const typed = objectives.flatMap((o) => metricsThroughChildren(index, o)).filter((m) => enumValue(m, 'type') !== undefined);
    const coverage: Coverage = { objectives: objectives.length, firstObjectives: objectives.slice(0, RELATED).map(placeOf) };
    if (stated.size) coverage.empty = PERSPECTIVES.filter((p) => !stated.has(p));
    if (typed.length && typed.every((m) => enumValue(m, 'type') === 'lagging')) {
      const lagging = [...new Set(typed)].sort(byIdThenPlace);
      coverage.onlyLagging = { count: lagging.length, first: lagging.slice(0, RELATED).map(placeOf) };
    }
    return coverage;
  });
}

function placeOf(entity: Entity): Place {
  return { id: entity.id, file: entity.file };
}

/** The entities a summary names, as the index holds them now. */
function current(index: WorkspaceIndex, places: readonly Place[], kind: Entity['kind']): Entity[] {
  return places.map(({ id, file }) => findDeclared(index, kind, id, file)).filter((e): e is Entity => e !== undefined);
}

function list(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
