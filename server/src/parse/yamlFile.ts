import { parseDocument } from 'yaml';
import type { Entity } from '../model/entity.js';
import type { ParseNote } from '../model/file.js';
import { YamlEntityReader } from './yamlEntities.js';
import { syntaxNotes } from './yamlSyntax.js';

/** A `*.strategy.yaml` file (§4.1): YAML 1.2 core schema (§10.10). */
export function parseStrategyYaml(filePath: string, text: string, eol: string): { entities: Entity[]; notes: ParseNote[] } {
  // uniqueKeys (the default): a key written twice in one mapping is a `syntax` error at the second (§10.17).
  const doc = parseDocument(text, { version: '1.2', prettyErrors: false });
  const notes = syntaxNotes(doc.errors, text, 0, filePath, text.length);
  const reader = new YamlEntityReader({ path: filePath, text, base: 0, eol, doc });
  reader.readStrategyFile(doc);
  return { entities: reader.entities, notes: [...notes, ...reader.notes] };
}
