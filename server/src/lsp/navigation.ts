import type { CancellationToken, Location } from 'vscode-languageserver/node';
import type { Entity } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import type { Span } from '../model/span.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { declarationSpan, targetAt, type Target } from './locate.js';
import { pathToUri } from './uri.js';

/** Go to definition: every declaration the reference resolves to (several when the id is duplicated). */
export function definitionAt(file: ParsedFile, offset: number, index: WorkspaceIndex): Location[] {
  const target = targetAt(file, offset, index);
  if (!target) return [];
  const entities = target.type === 'reference' ? index.resolve(target.ref) : [...index.declarations(target.entity.id)];
  return uniqueLocations(entities.map((e) => locationOf(e.file, declarationSpan(e), index)));
}

/** The entities a target stands for: what a reference resolves to, or the declared entity itself. */
export function entitiesOfTarget(target: Target, index: WorkspaceIndex): Entity[] {
  return target.type === 'reference' ? index.resolve(target.ref) : [target.entity];
}

/**
 * Find references: every reference resolving to the entity (nested entities count, at their
 * heading or id), plus its declarations when asked. An id nothing declares (an undeclared owner
 * handle, a typo) still finds every place that writes it.
 */
export function referencesAt(file: ParsedFile, offset: number, index: WorkspaceIndex, includeDeclaration: boolean, token?: CancellationToken): Location[] {
  const target = targetAt(file, offset, index);
  if (!target) return [];
  const entities = entitiesOfTarget(target, index);
  const locations: Location[] = [];
  if (!entities.length && target.type === 'reference' && target.ref.id !== undefined) {
    for (const entry of index.referencesToId(target.ref.id)) {
      if (token?.isCancellationRequested) return [];
      if (entry.ref.form !== 'implicit') locations.push(locationOf(entry.from.file, entry.ref.span, index));
    }
    return uniqueLocations(locations);
  }
  for (const entity of entities) {
    if (token?.isCancellationRequested) return [];
    if (includeDeclaration) {
      for (const decl of index.declarations(entity.id)) if (decl.kind === entity.kind) locations.push(locationOf(decl.file, declarationSpan(decl), index));
    }
    for (const { ref, from } of index.incoming(entity)) {
      locations.push(locationOf(from.file, ref.form === 'implicit' ? from.anchor : ref.span, index));
    }
  }
  return uniqueLocations(locations);
}

export function locationOf(filePath: string, span: Span, index: WorkspaceIndex): Location {
  const lineMap = index.getFile(filePath)?.lineMap;
  const range = lineMap ? lineMap.rangeOf(span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { uri: pathToUri(filePath), range };
}

function uniqueLocations(locations: Location[]): Location[] {
  const seen = new Set<string>();
  return locations.filter((l) => {
    const key = `${l.uri}:${l.range.start.line}:${l.range.start.character}:${l.range.end.line}:${l.range.end.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
}
