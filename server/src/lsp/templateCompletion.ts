import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver/node';
import type { Entity, EntityKind, Field } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import { FIELD_SPECS, fieldFor } from '../model/kinds.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { yamlScalar } from '../fix/edits.js';
import { tokenAround } from './completionContext.js';

/**
 * Completion in a document a template reads (docs/templates.md): on a field's value, the values
 * its template's schema allows (`enum`, `const`), or the ids (owners as `@handle`) of the kind the
 * field refers to. Undefined when the cursor is on no field of the template.
 */
export function templatedCompletions(text: string, offset: number, file: ParsedFile, entity: Entity, index: WorkspaceIndex): CompletionItem[] | undefined {
  const field = fieldAt(text, offset, entity);
  if (!field) return undefined;
  const token = tokenAround(text, offset);
  const range = file.lineMap.rangeOf(token);
  const yaml = entity.form === 'yaml' || (entity.form === 'front-matter' && field.keySpan.start < (entity.insertion.offset ?? 0));
  const quoted = text[token.start - 1] === '"' || text[token.start - 1] === "'";
  const needsSpace = text[token.start - 1] === ':';
  const render = (value: string) => `${needsSpace ? ' ' : ''}${yaml && !quoted ? yamlScalar(value) : value}`;
  const target = referenceKind(entity, field);
  if (target) {
    const items: CompletionItem[] = [];
    const seen = new Set<string>();
    for (const candidate of index.entitiesOfKind(target)) {
      const label = target === 'owner' ? `@${candidate.id}` : candidate.id;
      if (!candidate.id || candidate === entity || seen.has(label)) continue;
      seen.add(label);
      items.push({ label, kind: target === 'owner' ? CompletionItemKind.Constant : CompletionItemKind.Reference, detail: candidate.title ?? target, filterText: label, textEdit: { range, newText: render(label) } });
    }
    return items;
  }
  const allowed = entity.template!.allowedValues(field.key);
  return allowed.map((value, i) => ({
    label: value,
    kind: CompletionItemKind.EnumMember,
    detail: `${field.key} (${entity.template!.name} template)`,
    sortText: String(i).padStart(3, '0'),
    textEdit: { range, newText: render(value) },
  }));
}

/** The field whose key is on the cursor's line before it, or whose value holds the cursor (a list item). */
function fieldAt(text: string, offset: number, entity: Entity): Field | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return (
    entity.fields.find((f) => f.keySpan.start >= lineStart && f.keySpan.end <= offset) ??
    entity.fields.find((f) => f.value.span.start <= offset && offset <= f.value.span.end && f.value.span.end > f.value.span.start)
  );
}

function referenceKind(entity: Entity, field: Field): EntityKind | undefined {
  const custom = entity.template!.references.get(field.key);
  if (custom) return custom;
  const name = fieldFor(entity.kind, field.key);
  const spec = name ? FIELD_SPECS[entity.kind][name] : undefined;
  return spec && (spec.type === 'ref' || spec.type === 'ref-list') ? spec.target : undefined;
}
