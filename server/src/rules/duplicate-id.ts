import type { Entity } from '../model/entity.js';
import type { RelatedLocation } from '../model/finding.js';
import { docsUrl, type Rule } from './rule.js';
import { aKind, declarationSpan, fileName } from './linkSupport.js';

/**
 * One namespace of ids (§3): an id declared twice makes every reference to it ambiguous, so the
 * chain objective → metric → initiative can silently point at the wrong thing. Reported at every
 * declaration (§10.2), each pointing to the others. Derived ids (heading slugs, front matter file
 * names) count too, since references resolve through them just the same.
 */
export const rule: Rule = {
  meta: {
    id: 'duplicate-id',
    description: 'Id declared more than once',
    defaultSeverity: 'error',
    fixable: false,
    docsUrl: docsUrl('duplicate-id'),
  },
  check({ file, index, report }) {
    for (const entity of file.entities) {
      if (!entity.id) continue;
      const declarations = index.declarations(entity.id);
      if (declarations.length < 2) continue;
      // Every declaration is reported, so naming all the others in each finding would grow with
      // the square of their number (2,000 copies of one id made 110 MB of JSON): name a few.
      const others = firstOthers(declarations, entity, MAX_RELATED);
      const related: RelatedLocation[] = others.map((other) => ({
        file: other.file,
        span: declarationSpan(other),
        message: `Also declared here, as ${kindPhrase(other)}${other.idSpan ? '' : ` (id derived from ${derivedFrom(other)})`}.`,
      }));
      report({
        span: declarationSpan(entity),
        message: `${idText(entity)} is declared ${declarations.length} times (${whereElse(entity, others, declarations.length - 1)}): references to it are ambiguous. ${advice(entity)}`,
        related,
      });
    }
  },
};

function idText(entity: Entity): string {
  return `Id '${entity.kind === 'owner' ? `@${entity.id}` : entity.id}'`;
}

function kindPhrase(entity: Entity): string {
  return aKind(entity.kind);
}

/** Other declarations named in related information (the editor lists them; the message names fewer). */
const MAX_RELATED = 10;
/** Other declarations named in the message itself. */
const MAX_NAMED = 3;

/** The first `max` declarations other than `entity`, in the index's order. */
function firstOthers(declarations: readonly Entity[], entity: Entity, max: number): Entity[] {
  const others: Entity[] = [];
  for (const d of declarations) {
    if (others.length === max) break;
    if (d !== entity) others.push(d);
  }
  return others;
}

function whereElse(entity: Entity, others: Entity[], total: number): string {
  const places = others.slice(0, MAX_NAMED).map((o) => `${kindPhrase(o)} in ${o.file === entity.file ? 'this file' : fileName(o.file)}`);
  const more = total - places.length;
  return `also as ${places.join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
}

function derivedFrom(entity: Entity): string {
  const inner = entity.insertion.inner;
  if (inner && inner.form !== 'heading') return inner.form === 'list-item' ? 'the item text' : "the row's title";
  return entity.form === 'heading' ? 'the heading' : 'the file name';
}

/** Says how to make this declaration unique in its own form. */
function advice(entity: Entity): string {
  if (entity.idSpan) return 'Rename one of them.';
  // An item or a row of a templated file has no line for an id: its text is its id.
  if (entity.insertion.inner?.form === 'list-item') return 'This id comes from the item text: reword one of them.';
  if (entity.insertion.inner?.form === 'table-row') return "This id comes from the row's title: reword one of them.";
  if (entity.form === 'heading') return 'This id comes from the heading: give the entity an explicit `- id: …`, or rename one of them.';
  return 'This id comes from the file name: add an explicit `id:` to the front matter, or rename one of them.';
}
