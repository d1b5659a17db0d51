import { distance } from 'fastest-levenshtein';
import { fix } from '../fix/edits.js';
import type { Entity, Reference } from '../model/entity.js';
import type { Fix } from '../model/finding.js';
import { fieldFor } from '../model/kinds.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { docsUrl, type Rule } from './rule.js';
import { aKind, declarationSpan, fileName, referenceTo, replaceReferenceEdit } from './linkSupport.js';
import { describe } from './support.js';
import { BestIds } from './workspaceFacts.js';

const MAX_CANDIDATES = 5;

/**
 * A link that lands on the wrong kind breaks the chain as surely as a missing one: an initiative
 * whose `objective` names a metric serves no objective. Owner references are left to unknown-owner
 * (a handle may be undeclared and happen to equal another entity's id).
 */
export const rule: Rule = {
  meta: {
    id: 'kind-mismatch',
    description: 'Reference that resolves to an entity of the wrong kind',
    defaultSeverity: 'error',
    fixable: 'suggestion',
    docsUrl: docsUrl('kind-mismatch'),
  },
  check({ file, index, report }) {
    for (const entity of file.entities) {
      for (const ref of entity.refs) {
        if (ref.form === 'implicit' || ref.expected === 'owner') continue;
        const targets = index.resolve(ref);
        if (!targets.length || targets.some((t) => t.kind === ref.expected)) continue;
        const wrong = targets[0]!;
        const others = targets.length > 1 ? ` (and ${targets.length - 1} more declaration${targets.length > 2 ? 's' : ''}, none ${aKind(ref.expected)})` : '';
        report({
          span: ref.span,
          message: `\`${ref.field}\` must name ${aKind(ref.expected)}, but ${whatItIs(ref, wrong)}${others}. Link ${aKind(ref.expected)} instead.`,
          related: targets.map((t) => ({ file: t.file, span: declarationSpan(t), message: `${describe(t)} is declared here${t.file === file.path ? '' : ` (${fileName(t.file)})`}.` })),
          fixes: () => [...swapFieldFix(entity, ref, wrong), ...replacementFixes(entity, ref, wrong, index)],
        });
      }
    }
  },
};

/**
 * A PRD's `objective` that names an initiative (or the reverse) is usually the right link in the
 * wrong field: offer renaming the field first, when the PRD does not already have the other one.
 */
function swapFieldFix(entity: Entity, ref: Reference, target: Entity): Fix[] {
  if (entity.kind !== 'prd') return [];
  const swap = ref.field === 'objective' && target.kind === 'initiative' ? 'initiative' : ref.field === 'initiative' && target.kind === 'objective' ? 'objective' : undefined;
  if (!swap || entity.fields.some((f) => fieldFor(entity.kind, f.key) === swap)) return [];
  const field = entity.fields.find((f) => fieldFor(entity.kind, f.key) === ref.field && f.value.span.start <= ref.span.start && ref.span.end <= f.value.span.end);
  if (!field) return [];
  return [fix(`Change \`${field.keyText}\` to \`${swap}\``, false, { file: entity.file, start: field.keySpan.start, end: field.keySpan.end, newText: swap })];
}

/**
 * Entities of the expected kind, best first: those the wrong target is itself linked with (a metric's
 * objective, an objective's metrics), then the rest by closeness of id.
 */
function replacementFixes(entity: Entity, ref: Reference, wrong: Entity, index: WorkspaceIndex): Fix[] {
  const kind = ref.expected;
  const neighbours = [
    ...wrong.refs.filter((r) => r.expected === kind).flatMap((r) => index.resolve(r)).filter((e) => e.kind === kind),
    ...index.incoming(wrong).map((r) => r.from).filter((from) => from.kind === kind),
  ];
  const written = ref.id ?? ref.anchor ?? wrong.id;
  // The rest by closeness of id, the closest few only (an id once, as its first declaration).
  const neighbourIds = new Set(neighbours.map((n) => n.id));
  const closest = new BestIds<Entity>(MAX_CANDIDATES);
  for (const e of index.entitiesOfKind(kind)) if (e.id && !neighbourIds.has(e.id)) closest.offer(e.id, distance(written, e.id), e);
  const rest = closest.values();
  const seen = new Set<string>();
  return [...neighbours, ...rest]
    .filter((c) => c.id && !seen.has(c.id) && seen.add(c.id))
    .slice(0, MAX_CANDIDATES)
    .map((candidate) => {
      const text = referenceTo(ref, entity.file, candidate, index);
      return fix(`Replace with ${candidate.kind} '${candidate.id}'`, false, replaceReferenceEdit(entity, ref, text));
    });
}

/** `'OBJ-b' is an objective`, or for a link `'[plan](plan.md)' links to objective 'OBJ-b'`. */
function whatItIs(ref: Reference, target: Entity): string {
  return ref.form === 'link' ? `'${ref.text}' links to ${describe(target)}` : `'${ref.id}' is ${aKind(target.kind)}`;
}
