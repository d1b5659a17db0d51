import { SymbolKind, type CancellationToken, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver/node';
import type { Entity, EntityKind } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { ENTITY_KINDS } from '../model/kinds.js';
import { declarationSpan } from './locate.js';
import { pathToUri } from './uri.js';

const SYMBOL_KINDS: Record<EntityKind, SymbolKind> = {
  objective: SymbolKind.Class,
  metric: SymbolKind.Number,
  initiative: SymbolKind.Event,
  owner: SymbolKind.Interface,
  prd: SymbolKind.File,
};

export function symbolKindOf(kind: EntityKind): SymbolKind {
  return SYMBOL_KINDS[kind];
}

function nameOf(entity: Entity): string {
  const id = entity.kind === 'owner' ? `@${entity.id}` : entity.id;
  return entity.title || id || `(${entity.kind} without id)`;
}

/** Outline of one file: its entities, those nested in an objective (YAML nesting, headings) under it. */
export function documentSymbols(file: ParsedFile): DocumentSymbol[] {
  const nodes = new Map<Entity, DocumentSymbol>();
  const roots: DocumentSymbol[] = [];
  const ordered = [...file.entities].sort((a, b) => a.extent.start - b.extent.start || b.extent.end - a.extent.end);
  for (const entity of ordered) {
    const range = file.lineMap.rangeOf(entity.extent);
    const selection = file.lineMap.rangeOf(clampInside(declarationSpan(entity), entity.extent));
    const symbol: DocumentSymbol = {
      name: nameOf(entity),
      detail: `${entity.kind}${entity.id ? ` ${entity.kind === 'owner' ? '@' : ''}${entity.id}` : ''}`,
      kind: symbolKindOf(entity.kind),
      range,
      selectionRange: selection,
      children: [],
    };
    nodes.set(entity, symbol);
    const parent = entity.enclosing && nodes.get(entity.enclosing);
    if (parent && entity.enclosing!.extent.start <= entity.extent.start && entity.extent.end <= entity.enclosing!.extent.end) parent.children!.push(symbol);
    else roots.push(symbol);
  }
  return roots;
}

/** LSP requires the selection range to lie inside the symbol's range. */
function clampInside(span: { start: number; end: number }, outer: { start: number; end: number }): { start: number; end: number } {
  const start = Math.min(Math.max(span.start, outer.start), outer.end);
  const end = Math.min(Math.max(span.end, start), outer.end);
  return { start, end };
}

const MAX_WORKSPACE_SYMBOLS = 1000;

/**
 * Workspace symbols: entities whose id or title matches the query, as a substring first, else as a
 * subsequence of its characters (so `obsmb` finds `OBJ-smb`). Case-insensitive; best matches first.
 * A query starting with `@` looks for owners by handle.
 */
export function workspaceSymbols(indexes: readonly WorkspaceIndex[], query: string, token?: CancellationToken): SymbolInformation[] {
  const q = query.trim().toLowerCase();
  const scored: { entity: Entity; score: number; index: WorkspaceIndex }[] = [];
  let checked = 0;
  for (const index of indexes) {
    for (const kind of ENTITY_KINDS) {
      for (const entity of index.entitiesOfKind(kind)) {
        if (++checked % 500 === 0 && token?.isCancellationRequested) return [];
        const score = matchScore(q, entity);
        if (score !== undefined) scored.push({ entity, score, index });
      }
    }
  }
  scored.sort((a, b) => a.score - b.score || a.entity.id.localeCompare(b.entity.id));
  return scored.slice(0, MAX_WORKSPACE_SYMBOLS).map(({ entity, index }) => ({
    name: entity.kind === 'owner' ? `@${entity.id}` : entity.id || nameOf(entity),
    kind: symbolKindOf(entity.kind),
    location: { uri: pathToUri(entity.file), range: index.getFile(entity.file)!.lineMap.rangeOf(declarationSpan(entity)) },
    containerName: entity.title ? `${entity.kind} · ${entity.title}` : entity.kind,
  }));
}

/** Lower is better; undefined when the entity does not match. */
function matchScore(rawQuery: string, entity: Entity): number | undefined {
  let query = rawQuery;
  // `@maria` looks for owners, whose ids are kept without the `@` (SPEC §10.5).
  if (query.startsWith('@')) {
    if (entity.kind !== 'owner') return undefined;
    query = query.slice(1);
  }
  if (!query) return 3;
  const id = entity.id.toLowerCase();
  const title = (entity.title ?? '').toLowerCase();
  if (id === query) return 0;
  if (id.startsWith(query)) return 1;
  if (id.includes(query)) return 2;
  if (title.includes(query)) return 3;
  if (isSubsequence(query, id)) return 4;
  if (isSubsequence(query, title)) return 5;
  return undefined;
}

function isSubsequence(query: string, text: string): boolean {
  let i = 0;
  for (let j = 0; j < text.length && i < query.length; j++) if (text[j] === query[i]) i++;
  return i === query.length;
}
