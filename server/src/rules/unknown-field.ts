import { distance } from 'fastest-levenshtein';
import { fix } from '../fix/edits.js';
import type { Entity, Field } from '../model/entity.js';
import type { Fix } from '../model/finding.js';
import { canonicalKey, FIELD_ALIASES, FIELD_SPECS, fieldFor, MILESTONE_FIELDS, OBJECTIVE_CHILD_LISTS } from '../model/kinds.js';
import { docsUrl, type Rule, type RuleReport } from './rule.js';
import { describe } from './support.js';

const MAX_RENAME_DISTANCE = 2;

/**
 * Fields the schema does not know (§6): usually a misspelling (`ownr`), which silently drops the
 * value; the initiative then looks ownerless or the date is never checked. In YAML, field names are
 * lower-case with hyphens (§3), as the JSON Schema expects; Markdown keys match loosely (§10.8).
 */
export const rule: Rule = {
  meta: {
    id: 'unknown-field',
    description: 'Field the schema does not know',
    defaultSeverity: 'warning',
    fixable: 'safe',
    docsUrl: docsUrl('unknown-field'),
  },
  check({ file, report }) {
    for (const note of file.notes) {
      if (note.ruleId === 'unknown-field') report({ span: note.span, message: note.message, ...(note.fixes ? { fixes: note.fixes } : {}) });
    }
    for (const entity of file.entities) {
      // A template reads only the fields it declares: none is unknown.
      if (entity.template) continue;
      const reports: Rename[] = [];
      for (const field of entity.fields) {
        const known = fieldFor(entity.kind, field.key);
        if (known === undefined) reports.push(unknownField(entity, field));
        else if (entity.form !== 'heading' && field.keyText !== field.key) reports.push(nonCanonicalKey(entity, field, entity.fields));
        if (known === 'milestones' && entity.form !== 'heading') for (const r of milestoneKeys(entity, field)) report(r);
      }
      for (const r of withoutClashingRenames(reports)) report(r);
    }
  },
};

/** Field names `kind` accepts: canonical names and aliases. */
function knownFields(entity: Entity): string[] {
  return [...new Set([...Object.keys(FIELD_SPECS[entity.kind]), ...Object.keys(FIELD_ALIASES[entity.kind] ?? {})])];
}

function unknownField(entity: Entity, field: Field): Rename {
  const candidates = knownFields(entity);
  const written = new Set(entity.fields.map((f) => fieldFor(entity.kind, f.key)).filter((name): name is string => name !== undefined));
  const isSet = (candidate: string) => written.has(fieldFor(entity.kind, candidate) ?? candidate);
  const { best, taken, fixes } = renames(entity, field, candidates, isSet);
  const listed = Object.keys(FIELD_SPECS[entity.kind]).filter((c) => c !== 'kind').join(', ');
  const nesting =
    OBJECTIVE_CHILD_LISTS[field.key] && entity.kind === 'objective'
      ? ` Lists of ${field.key} nest under an objective only in *.strategy.yaml files; here, give each one an \`objective:\` field instead.`
      : '';
  const hint = taken
    ? `It looks like '${taken}', which is already set: delete this line if it is a leftover.`
    : best
      ? `Did you mean '${best}'?`
      : `Known fields of ${/^[aeiou]/.test(entity.kind) ? 'an' : 'a'} ${entity.kind}: ${listed}.`;
  return {
    span: field.keySpan,
    message: `Unknown field '${field.keyText}' on ${describe(entity)}: its value is ignored. ${hint}${nesting}`,
    fixes,
    ...(best ? { renamesTo: canonicalKey(best) } : {}),
  };
}

/** A report that may rename a key, with the canonical name its safe fix would write. */
type Rename = Omit<RuleReport, 'fixes'> & { fixes?: Fix[]; renamesTo?: string };

/**
 * Two keys renamed to one name would write that key twice (a YAML error in front matter and
 * strategy files, a field that counts once in Markdown): when several keys of one mapping would be
 * renamed to the same name, none is renamed by --fix; each rename stays a suggestion.
 */
function withoutClashingRenames(reports: Rename[]): RuleReport[] {
  const claims = new Map<string, number>();
  for (const r of reports) if (r.renamesTo !== undefined) claims.set(r.renamesTo, (claims.get(r.renamesTo) ?? 0) + 1);
  return reports.map(({ renamesTo, ...report }) => {
    if (renamesTo === undefined || claims.get(renamesTo)! < 2) return report;
    return {
      ...report,
      message: `${report.message} Another key here also looks like '${renamesTo}': rename only the one that is meant.`,
      fixes: (report.fixes ?? []).map((f) => ({ ...f, safe: false })),
    };
  });
}

/** A known field written in another spelling in YAML (`Owner`, `depends_on`): the schema knows only the canonical one. */
function nonCanonicalKey(entity: Entity, field: Field, siblings: readonly Field[]): Rename {
  // Renaming next to the canonical spelling would write the key twice (a YAML error in front matter).
  const twin = siblings.find((f) => f !== field && f.key === field.key);
  if (twin) {
    return {
      span: field.keySpan,
      message: `'${field.keyText}' repeats '${twin.keyText}': only one of them counts. Delete one, and write field names in lower case with hyphens in YAML.`,
    };
  }
  return {
    span: field.keySpan,
    message: `Write field names in lower case with hyphens in YAML: '${field.key}', not '${field.keyText}'.`,
    fixes: [fix(`Rename '${field.keyText}' to '${field.key}'`, true, { file: entity.file, start: field.keySpan.start, end: field.keySpan.end, newText: field.key })],
    renamesTo: field.key,
  };
}

/** Keys of milestone entries other than `title`, `due` and `done`. */
function milestoneKeys(entity: Entity, field: Field): RuleReport[] {
  if (field.value.type !== 'list') return [];
  const reports: RuleReport[] = [];
  for (const item of field.value.items) {
    if (item.type !== 'map') continue;
    const inItem: Rename[] = [];
    for (const key of item.fields) {
      if ((MILESTONE_FIELDS as readonly string[]).includes(key.keyText)) continue;
      if ((MILESTONE_FIELDS as readonly string[]).includes(key.key)) {
        inItem.push(nonCanonicalKey(entity, key, item.fields));
        continue;
      }
      const { best, taken, fixes } = renames(entity, key, MILESTONE_FIELDS, (c) => item.fields.some((f) => f.key === c));
      const hint = taken ? `It looks like '${taken}', which is already set.` : best ? `Did you mean '${best}'?` : 'A milestone has title, due and done.';
      inItem.push({ span: key.keySpan, message: `Unknown milestone field '${key.keyText}': its value is ignored. ${hint}`, fixes, ...(best ? { renamesTo: best } : {}) });
    }
    reports.push(...withoutClashingRenames(inItem));
  }
  return reports;
}

/**
 * Rename fixes, closest first. Safe (§6) only for the single closest candidate within edit
 * distance 2; a tie is a guess, so each tied candidate is only a suggestion.
 */
function renames(entity: Entity, field: Field, candidates: readonly string[], isSet: (candidate: string) => boolean): { best?: string; taken?: string; fixes: Fix[] } {
  const written = canonicalKey(field.keyText);
  const all = candidates
    .map((c) => ({ c, d: distance(written, c) }))
    .filter((s) => s.d <= MAX_RENAME_DISTANCE)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
  // The closest field is already written: this line is likely a leftover, and a rename would duplicate the key.
  if (all[0] && isSet(all[0].c)) return { taken: all[0].c, fixes: [] };
  const scored = all.filter((s) => !isSet(s.c));
  if (!scored.length) return { fixes: [] };
  const unique = scored.length === 1 || scored[1]!.d > scored[0]!.d;
  const names = scored.map((s) => (entity.form === 'heading' ? inStyleOf(field.keyText, s.c) : s.c));
  const fixes = names.map((newText, i) =>
    fix(`Rename '${field.keyText}' to '${newText}'`, unique && i === 0, { file: entity.file, start: field.keySpan.start, end: field.keySpan.end, newText }),
  );
  return { ...(unique ? { best: names[0]! } : {}), fixes };
}

/**
 * Writes a canonical field name the way the author wrote keys (Markdown keys are case-insensitive):
 * `Ownr` → `Owner`, `OWNR` → `OWNER`, `Depnds On` → `Depends On`, `Depnds on` → `Depends on`.
 */
export function inStyleOf(written: string, canonical: string): string {
  const separator = /\s/.test(written) ? ' ' : written.includes('_') ? '_' : '-';
  const words = canonical.split('-');
  const writtenWords = written.split(/[\s_-]+/).filter(Boolean);
  const letters = written.replace(/[^A-Za-z]/g, '');
  let styled: string[];
  if (letters.length > 1 && letters === letters.toUpperCase()) styled = words.map((w) => w.toUpperCase());
  else if (/^[A-Z]/.test(written)) {
    const titleCase = writtenWords.length > 1 && writtenWords.every((w) => /^[A-Z]/.test(w));
    styled = words.map((w, i) => (i === 0 || titleCase ? w.charAt(0).toUpperCase() + w.slice(1) : w));
  } else styled = words;
  return styled.join(separator);
}
