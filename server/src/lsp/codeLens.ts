import type { CodeLens } from 'vscode-languageserver/node';
import type { Entity } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import { initiativesOf, metricsMeasuring, orphanReasons, plural, type FindingSource } from './entityFacts.js';

/** "3 initiatives · 2 metrics · 1 orphan" */
export function objectiveSummary(objective: Entity, engine: FindingSource): string {
  const initiatives = initiativesOf(objective, engine.index);
  const metrics = metricsMeasuring(objective, engine.index);
  const orphans = initiatives.filter((i) => orphanReasons(i, engine).length > 0).length;
  const parts = [plural(initiatives.length, 'initiative'), plural(metrics.length, 'metric')];
  if (orphans) parts.push(plural(orphans, 'orphan'));
  return parts.join(' · ');
}

/**
 * A lens above each objective with its counts. The command is empty: the lens is information
 * (clients show such a lens as plain text); the Strategy view is where one navigates.
 */
export function codeLenses(file: ParsedFile, engine: FindingSource): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const entity of file.entities) {
    if (entity.kind !== 'objective') continue;
    const start = file.lineMap.positionAt(entity.anchor.start);
    lenses.push({ range: { start, end: start }, command: { title: objectiveSummary(entity, engine), command: '' } });
  }
  return lenses;
}
