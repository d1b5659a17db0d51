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
      const others = declarations.filter((d) => d !== entity);
      const related: RelatedLocation[] = others.map((other) => ({
        file: other.file,
        span: declarationSpan(other),
        message: `Also declared here, as ${kindPhrase(other)}${other.idSpan ? '' : ` (id derived from ${derivedFrom(other)})`}.`,
      }));
      report({
        span: declarationSpan(entity),
        message: `${idText(entity)} is declared ${declarations.length} times (${whereElse(entity, others)}): references to it are ambiguous. ${advice(entity)}`,
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

function whereElse(entity: Entity, others: Entity[]): string {
  const places = others.map((o) => `${kindPhrase(o)} in ${o.file === entity.file ? 'this file' : fileName(o.file)}`);
  return `also as ${places.join(', ')}`;
}

function derivedFrom(entity: Entity): string {
  return entity.form === 'heading' ? 'the heading' : 'the file name';
}

/** Says how to make this declaration unique in its own form. */
function advice(entity: Entity): string {
  if (entity.idSpan) return 'Rename one of them.';
  if (entity.form === 'heading') return 'This id comes from the heading: give the entity an explicit `- id: …`, or rename one of them.';
  return 'This id comes from the file name: add an explicit `id:` to the front matter, or rename one of them.';
}
