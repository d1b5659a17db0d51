import { optionalFix } from '../fix/edits.js';
import type { Fix } from '../model/finding.js';
import type { Entity } from '../model/entity.js';
import { fieldText } from '../model/semantics.js';
import { docsUrl, type Rule } from './rule.js';
import { describe, idsOfKind, missingSpan, requiresLink } from './support.js';
import { linkState, linkSubjects } from './siblingLinks.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { capitalise } from '../text/capitalise.js';
import { fieldExample, setLinkEdit } from './linkSupport.js';

const MAX_CANDIDATES = 5;

/** Every initiative needs an owner: strategy nobody is accountable for does not get executed. */
export const rule: Rule = {
  meta: {
    id: 'initiative-owner',
    description: 'Initiative with no owner',
    defaultSeverity: 'error',
    fixable: 'suggestion',
    docsUrl: docsUrl('initiative-owner'),
  },
  check({ file, index, report }) {
    for (const initiative of linkSubjects(file, index, 'initiative')) {
      if (!requiresLink(initiative, 'owner')) continue;
      const { state, file: holder } = linkState(initiative, 'owner', index);
      if (state.state === 'present' || holder !== file.path) continue;
      // A placeholder in the sibling file: the fixes write the entity's own file, so none is offered.
      const fixes = (): Fix[] =>
        (holder === initiative.file ? ownerCandidates(initiative, index) : []).flatMap((handle) =>
          optionalFix(state.state === 'placeholder' ? `Set owner to @${handle}` : `Insert owner @${handle}`, setLinkEdit(initiative, state, 'owner', `@${handle}`)),
        );
      report({
        span: missingSpan(initiative, state),
        message: `${capitalise(describe(initiative))} has no owner: nobody is accountable for it. Add ${ownerSyntax(initiative)}.`,
        fixes,
      });
    }
  },
};

/** Declared owners, the owner of the initiative's objective first. */
function ownerCandidates(initiative: Entity, index: WorkspaceIndex): string[] {
  const preferred: string[] = [];
  for (const ref of initiative.refs) {
    if (ref.field !== 'objective') continue;
    for (const objective of index.resolve(ref)) {
      const owner = fieldText(objective, 'owner');
      if (owner) preferred.push(owner.replace(/^@/, ''));
    }
  }
  const declared = idsOfKind(index, 'owner');
  const ordered = [...preferred.filter((p) => declared.includes(p)), ...declared];
  return [...new Set(ordered)].slice(0, MAX_CANDIDATES);
}

/** How the missing field is written in the entity's own form. */
function ownerSyntax(initiative: Entity): string {
  if (initiative.insertion.inner) return fieldExample(initiative, 'owner', '@handle');
  return initiative.form === 'heading' ? '`- Owner: @handle`' : '`owner: "@handle"`';
}
