import * as path from 'node:path';
import { fix } from '../fix/edits.js';
import type { Entity, Reference } from '../model/entity.js';
import { docsUrl, type Rule } from './rule.js';
import { replaceReferenceEdit } from './linkSupport.js';
import { closest, describe, idsOfKind } from './support.js';

const MAX_CANDIDATES = 5;

/**
 * Once a workspace declares its owners, an owner that is not among them is usually a typo or
 * someone who left: either way nobody on record is accountable. Workspaces that declare no owner
 * use free-form handles and are left alone. Every owner reference is this rule's, whatever its form:
 * unresolved-reference and kind-mismatch leave owners alone.
 */
export const rule: Rule = {
  meta: {
    id: 'unknown-owner',
    description: 'Owner that the workspace does not declare',
    defaultSeverity: 'warning',
    fixable: 'suggestion',
    docsUrl: docsUrl('unknown-owner'),
  },
  check({ file, index, report }) {
    if (index.countOfKind('owner') === 0) return;
    for (const entity of file.entities) {
      for (const ref of entity.refs) {
        if (ref.field !== 'owner' || ref.expected !== 'owner') continue;
        const targets = index.resolve(ref);
        if (targets.some((t) => t.kind === 'owner')) continue;
        const name = handleOf(ref);
        const declared = idsOfKind(index, 'owner');
        const near = name ? closest(name, declared) : [];
        // The near handles, then the first declared ones (distinct: the first MAX_CANDIDATES of them
        // always fill the list; copying all of them for each unknown owner made the rule grow with
        // the square of the workspace: 0.1 s at 10k heavy documents, 1.8 s at 50k).
        const candidates = [...new Set([...near, ...declared.slice(0, MAX_CANDIDATES)])].slice(0, MAX_CANDIDATES);
        const hint = near.length ? `Did you mean ${near.slice(0, 3).map((h) => `@${h}`).join(', ')}? ` : '';
        report({
          span: ref.span,
          message: `${problem(ref, targets)} ${hint}Use a declared owner${ref.form === 'link' ? '' : `, or declare @${ref.id} under \`owners:\``}.`,
          fixes: () => candidates.map((handle) => {
            const value = inUserStyle(ref, handle);
            return fix(`Replace '${ref.text}' with '${value}'`, false, replaceReferenceEdit(entity, ref, value));
          }),
        });
      }
    }
  },
};

/** What is wrong with the owner value, in words. */
function problem(ref: Reference, targets: readonly Entity[]): string {
  const written = ref.form === 'link' ? `'${ref.text}'` : `@${ref.id}`;
  if (targets.length) return `Owner ${written} names ${describe(targets[0]!)}, not a declared owner.`;
  if (ref.form === 'link') return `Owner ${written} does not lead to a declared owner.`;
  return `Owner ${written} is not declared: no owner in the workspace has that handle.`;
}

/** The name to compare with declared handles: the handle, or a link's anchor or document name. */
function handleOf(ref: Reference): string | undefined {
  if (ref.form !== 'link') return ref.id || undefined;
  if (ref.anchor) return ref.anchor;
  return ref.path ? path.posix.basename(ref.path).replace(/\.[^.]*$/, '') : undefined;
}

/** `[[x]]` stays a wiki link, `@x` keeps its `@`, a bare handle stays bare; a link becomes `@x`. */
function inUserStyle(ref: Reference, handle: string): string {
  if (ref.form === 'wiki') return `[[${handle}]]`;
  if (ref.form === 'link') return `@${handle}`;
  return ref.text.startsWith('@') ? `@${handle}` : handle;
}
