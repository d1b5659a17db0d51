import type { CodeLens } from 'vscode-languageserver/node';
import type { Entity } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { initiativesOf, metricsMeasuring, orphanReasons, plural } from './entityFacts.js';

/** "3 initiatives · 2 metrics · 1 orphan" */
export function objectiveSummary(objective: Entity, index: WorkspaceIndex): string {
  const initiatives = initiativesOf(objective, index);
  const metrics = metricsMeasuring(objective, index);
  const orphans = initiatives.filter((i) => orphanReasons(i, index).length > 0).length;
  const parts = [plural(initiatives.length, 'initiative'), plural(metrics.length, 'metric')];
  if (orphans) parts.push(plural(orphans, 'orphan'));
  return parts.join(' · ');
}

/**
 * A lens above each objective with its counts. The command is empty: the lens is information
 * (clients show such a lens as plain text); the Strategy view is where one navigates.
 */
export function codeLenses(file: ParsedFile, index: WorkspaceIndex): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const entity of file.entities) {
    if (entity.kind !== 'objective') continue;
    const start = file.lineMap.positionAt(entity.anchor.start);
    lenses.push({ range: { start, end: start }, command: { title: objectiveSummary(entity, index), command: '' } });
  }
  return lenses;
}
