import { optionalFix } from '../fix/edits.js';
import type { Entity } from '../model/entity.js';
import { isActiveObjective } from '../model/semantics.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { docsUrl, type Rule } from './rule.js';
import { capitalise, fieldExample, hasImplicitLink, linkedEntities, setLinkEdit } from './linkSupport.js';
import { describe, entitiesOf, missingSpan, requiresLink } from './support.js';
import { linkState, linkSubjects } from './siblingLinks.js';
import { firstIds } from './workspaceFacts.js';

const MAX_CANDIDATES = 5;

/**
 * Every initiative must serve an objective: work that no objective asks for is effort the strategy
 * cannot account for. Fires only when the link is absent or a placeholder (§10.1); a nested
 * initiative links to its enclosing objective implicitly.
 */
export const rule: Rule = {
  meta: {
    id: 'initiative-objective',
    description: 'Initiative linked to no objective',
    defaultSeverity: 'error',
    fixable: 'suggestion',
    docsUrl: docsUrl('initiative-objective'),
  },
  check({ file, index, report }) {
    for (const initiative of linkSubjects(file, index, 'initiative')) {
      if (!requiresLink(initiative, 'objective')) continue;
      if (hasImplicitLink(initiative, 'objective')) continue;
      const { state, file: holder } = linkState(initiative, 'objective', index);
      if (state.state === 'present' || holder !== file.path) continue;
      const fixes = (holder === initiative.file ? objectiveCandidates(initiative, index) : []).flatMap((id) => optionalFix(`Link to objective '${id}'`, setLinkEdit(initiative, state, 'objective', id)));
      report({
        span: missingSpan(initiative, state),
        message: `${capitalise(describe(initiative))} is linked to no objective: nothing says which goal it serves. Add ${fieldExample(initiative, 'objective', '<objective id>')}.`,
        fixes,
      });
    }
  },
};

/**
 * Objectives to offer (their ids), best first: those already measured by the metrics the initiative
 * moves, then objectives of the same file, then the rest; active objectives before achieved or
 * dropped ones. A duplicated id is one candidate: the edit writes the id, not the declaration.
 */
function objectiveCandidates(initiative: Entity, index: WorkspaceIndex): string[] {
  const viaMetrics = linkedEntities(initiative, 'metrics', 'metric', index).flatMap((metric) => linkedEntities(metric, 'objective', 'objective', index));
  const sameFile = entitiesOf(index.getFile(initiative.file)?.entities ?? [], 'objective');
  const groups = [viaMetrics, sameFile].flatMap((group) => [group.filter(isActiveObjective), group.filter((o) => !isActiveObjective(o))]);
  const hasActiveDeclaration = (id: string) => index.declarations(id).some(isActiveObjective);
  return firstIds(index, 'objective', MAX_CANDIDATES, groups, [hasActiveDeclaration, () => true]);
}
