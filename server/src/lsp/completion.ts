import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver/node';
import type { Entity, EntityKind } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import { ENTITY_KINDS, FIELD_SPECS, fieldFor, OBJECTIVE_CHILD_LISTS, type FieldSpec } from '../model/kinds.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { yamlScalar } from '../fix/edits.js';
import { completionContextAt, type CompletionContext } from './completionContext.js';
import { linkedTo } from './entityFacts.js';
import { entityAt } from './locate.js';
import { templatedCompletions } from './templateCompletion.js';

export const COMPLETION_TRIGGERS = ['@', '[', ',', ':', ' '];

/** Field names, and values of the right kind for the field under the cursor: ids, owners (`@handle`), enum values. */
export function completionsAt(text: string, offset: number, file: ParsedFile, index: WorkspaceIndex): CompletionItem[] {
  const entity = entityAt(file, offset);
  // A templated document is completed from its template (its fields are the template's vocabulary).
  if (entity?.template) return templatedCompletions(text, offset, file, entity, index) ?? [];
  const context = completionContextAt(text, offset, file);
  if (!context) return [];
  const range = file.lineMap.rangeOf(context.token);
  const items = context.type === 'key' ? fieldItems(context) : valueItems(context, index);
  for (const item of items) {
    const newText = item.insertText ?? item.label;
    delete item.insertText;
    item.textEdit = { range, newText };
  }
  return items;
}

function fieldItems(context: Extract<CompletionContext, { type: 'key' }>): CompletionItem[] {
  const present = new Set((context.entity?.fields ?? []).map((f) => fieldFor(context.kind, f.key) ?? f.key));
  // A heading is the title, and gives the id when none is written; front matter defaults both too.
  const derived = context.entity?.form === 'heading' || context.entity?.form === 'front-matter';
  const names = Object.entries(FIELD_SPECS[context.kind]).filter(([name]) => name !== 'kind' && !present.has(name) && !(name === 'title' && context.entity?.form === 'heading'));
  const items: CompletionItem[] = names.map(([name, spec]) => {
    const required = spec.required && !(derived && (name === 'id' || name === 'title'));
    return {
      label: name,
      kind: CompletionItemKind.Property,
      detail: `${context.kind} field${required ? ' (required)' : ''}`,
      insertText: `${context.yaml ? name : name.charAt(0).toUpperCase() + name.slice(1)}: `,
      sortText: `${required ? 0 : 1}${name}`,
    };
  });
  if (context.yaml && context.kind === 'objective' && context.entity?.form !== 'front-matter') {
    for (const list of Object.keys(OBJECTIVE_CHILD_LISTS)) {
      items.push({ label: list, kind: CompletionItemKind.Module, detail: 'nested list', insertText: `${list}:`, sortText: `2${list}` });
    }
  }
  return items;
}

function valueItems(context: Extract<CompletionContext, { type: 'value' }>, index: WorkspaceIndex): CompletionItem[] {
  const prefix = context.needsSpace ? ' ' : '';
  if (context.field === 'kind') return ENTITY_KINDS.map((k) => ({ label: k, kind: CompletionItemKind.EnumMember, insertText: prefix + k }));
  const spec = specFor(context.kind, context.field);
  if (!spec) return [];
  if (spec.type === 'enum' && spec.values) {
    return spec.values.map((value, i) => ({
      label: value,
      kind: CompletionItemKind.EnumMember,
      ...(spec.default === value ? { detail: 'default' } : {}),
      sortText: String(i).padStart(2, '0'),
      insertText: prefix + value,
    }));
  }
  if ((spec.type !== 'ref' && spec.type !== 'ref-list') || !spec.target) return [];
  const preferred = preferredTargets(context.entity, spec.target, index);
  const items: CompletionItem[] = [];
  for (const target of index.entitiesOfKind(spec.target)) {
    if (!target.id || target === context.entity) continue;
    const label = spec.target === 'owner' ? `@${target.id}` : target.id;
    const needsQuotes = context.yaml && !context.quoted && yamlScalar(label) !== label;
    items.push({
      label,
      kind: spec.target === 'owner' ? CompletionItemKind.Constant : CompletionItemKind.Reference,
      detail: target.title ?? spec.target,
      ...(target.title ? { documentation: `${spec.target} ${label}: ${target.title}` } : {}),
      filterText: label,
      sortText: `${preferred.has(target) ? 0 : 1}${label}`,
      insertText: prefix + (needsQuotes ? yamlScalar(label) : label),
    });
  }
  return dedupeByLabel(items);
}

function specFor(kind: EntityKind | undefined, field: string): FieldSpec | undefined {
  if (kind) return FIELD_SPECS[kind][field];
  // Kind unknown: a field name that means the same in every kind that has it.
  for (const k of ENTITY_KINDS) if (FIELD_SPECS[k][field]) return FIELD_SPECS[k][field];
  return undefined;
}

/** Candidates listed first: the metrics of an initiative's objective, the owner of its objective. */
function preferredTargets(entity: Entity | undefined, target: EntityKind, index: WorkspaceIndex): Set<Entity> {
  const preferred = new Set<Entity>();
  if (!entity) return preferred;
  for (const objective of linkedTo(entity, 'objective', 'objective', index)) {
    if (target === 'objective') preferred.add(objective);
    if (target === 'metric') for (const { from } of index.incoming(objective)) if (from.kind === 'metric') preferred.add(from);
  }
  return preferred;
}

/** A duplicated id is offered once. */
function dedupeByLabel(items: CompletionItem[]): CompletionItem[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(i.label) ? false : (seen.add(i.label), true)));
}
