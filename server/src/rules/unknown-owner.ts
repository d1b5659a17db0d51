import { fix, replaceValueEdit } from '../fix/edits.js';
import type { Entity, Reference, ScalarValue } from '../model/entity.js';
import { scalarItems } from '../parse/entityRefs.js';
import { fieldFor } from '../model/kinds.js';
import { docsUrl, type Rule } from './rule.js';
import { closest, idsOfKind } from './support.js';

const MAX_CANDIDATES = 5;

/**
 * Once a workspace declares its owners, an owner that is not among them is usually a typo or
 * someone who left: either way nobody on record is accountable. Workspaces that declare no owner
 * use free-form handles and are left alone. A value that names an entity of another kind is
 * `kind-mismatch`'s, and a broken Markdown link is `unresolved-reference`'s.
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
        if (ref.field !== 'owner' || (ref.form !== 'id' && ref.form !== 'wiki') || !ref.id) continue;
        if (index.resolve(ref).length) continue;
        const declared = idsOfKind(index, 'owner');
        const near = closest(ref.id, declared);
        const candidates = [...new Set([...near, ...declared])].slice(0, MAX_CANDIDATES);
        const written = writtenValue(entity, ref);
        const hint = near.length ? `Did you mean ${near.slice(0, 3).map((h) => `@${h}`).join(', ')}? ` : '';
        report({
          span: ref.span,
          message:
            `Owner @${ref.id} is not declared: no owner in the workspace has that handle. ` +
            `${hint}Use a declared owner, or declare @${ref.id} under \`owners:\`.`,
          fixes: candidates.map((handle) => {
            const value = inUserStyle(ref, handle);
            return fix(`Replace '${ref.text}' with '${value}'`, false, replaceValueEdit(file.path, entity.form, written, value));
          }),
        });
      }
    }
  },
};

/** The owner value as written (quotes included), so a replacement keeps the user's YAML quoting. */
function writtenValue(entity: Entity, ref: Reference): Pick<ScalarValue, 'text' | 'span'> {
  for (const field of entity.fields) {
    if (fieldFor(entity.kind, field.key) !== 'owner') continue;
    const scalar = scalarItems(field.value).find((s) => s.span.start === ref.span.start && s.span.end === ref.span.end);
    if (scalar) return scalar;
  }
  return { text: ref.text, span: ref.span };
}

/** `[[x]]` stays a wiki link, `@x` keeps its `@`, a bare handle stays bare. */
function inUserStyle(ref: Reference, handle: string): string {
  if (ref.form === 'wiki') return `[[${handle}]]`;
  return ref.text.startsWith('@') ? `@${handle}` : handle;
}
