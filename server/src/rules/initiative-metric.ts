import { optionalFix } from '../fix/edits.js';
import type { Entity } from '../model/entity.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { docsUrl, type Rule } from './rule.js';
import { capitalise, fieldExample, linkedEntities, setLinkEdit } from './linkSupport.js';
import { describe, missingSpan, requiresLink } from './support.js';
import { linkState, linkSubjects } from './siblingLinks.js';
import { firstIds, linkedFrom } from './workspaceFacts.js';

const MAX_CANDIDATES = 5;

/**
 * Every initiative must name the metric it moves: without one nobody can tell whether it worked.
 * Fires only when `metrics` is absent, empty or a placeholder (§10.1).
 */
export const rule: Rule = {
  meta: {
    id: 'initiative-metric',
    description: 'Initiative with no metric',
    defaultSeverity: 'error',
    fixable: 'suggestion',
    docsUrl: docsUrl('initiative-metric'),
  },
  check({ file, index, report }) {
    for (const initiative of linkSubjects(file, index, 'initiative')) {
      if (!requiresLink(initiative, 'metrics')) continue;
      const { state, file: holder } = linkState(initiative, 'metrics', index);
      if (state.state === 'present' || holder !== file.path) continue;
      const fixes = (holder === initiative.file ? metricCandidates(initiative, index) : []).flatMap((id) => optionalFix(`Link metric '${id}'`, setLinkEdit(initiative, state, 'metrics', id, true)));
      report({
        span: missingSpan(initiative, state),
        message: `${capitalise(describe(initiative))} has no metric: nobody can tell whether it worked. Add ${fieldExample(initiative, 'metrics', initiative.form === 'heading' ? '<metric id>' : '[<metric id>]')} naming the key result it moves.`,
        fixes,
      });
    }
  },
};

/** Metrics to offer (their ids), best first: those measuring the initiative's objective, then those of its file, then the rest. */
function metricCandidates(initiative: Entity, index: WorkspaceIndex): string[] {
  const measuring = linkedEntities(initiative, 'objective', 'objective', index).flatMap((objective) => linkedFrom(index, objective, 'metric', 'objective'));
  const sameFile = index.getFile(initiative.file)?.entities ?? [];
  return firstIds(index, 'metric', MAX_CANDIDATES, [measuring, sameFile]);
}
