import { fix } from '../fix/edits.js';
import type { Entity } from '../model/entity.js';
import type { ParsedFile } from '../model/file.js';
import { FIELD_SPECS, fieldFor } from '../model/kinds.js';
import { docsUrl, type Rule, type RuleReport } from './rule.js';
import { isRuleId, RULE_IDS } from './ruleIds.js';
import { closest } from './support.js';
import { fieldProblems } from './values/fieldProblems.js';
import { idTitleProblems } from './values/requiredIdTitle.js';
import { templateSchemaProblemsIn } from './values/templateSchema.js';

/**
 * Values the format does not allow (§3): wrong types, dates that are not days, unknown periods and
 * enum values, missing ids and titles (§10.9), and suppression comments naming no rule (§10.13).
 * Whether a value is valid is decided by schemas/strategy.schema.json, so editors agree with the CLI.
 */
export const rule: Rule = {
  meta: {
    id: 'invalid-value',
    description: 'Value of the wrong type, bad date or period, unknown enum value, missing id/title/kind',
    defaultSeverity: 'error',
    fixable: 'safe',
    docsUrl: docsUrl('invalid-value'),
  },
  check({ file, index, report }) {
    for (const note of file.notes) {
      if (note.ruleId === 'invalid-value') report({ span: note.span, message: note.message, ...(note.fixes ? { fixes: note.fixes } : {}) });
    }
    for (const problem of untemplatedProblems(file)) report(problem);
    // A templated entity's fields are its template's vocabulary, checked by the template's schema (with its sibling's).
    for (const problem of templateSchemaProblemsIn(file, index)) {
      if (problem.ruleId === 'invalid-value') report({ span: problem.span, message: problem.message, ...(problem.fixes ? { fixes: problem.fixes } : {}) });
    }
    for (const problem of suppressionProblems(file)) report(problem);
  },
};

/**
 * The problems of a file's entities that no template governs: they depend on the parse alone, so
 * they are found once per parse. A keystroke re-checks the files that link to the edited one (an
 * owners or portfolio file with hundreds of entities among them) without checking their values again.
 */
const problemsOfParse = new WeakMap<ParsedFile, readonly RuleReport[]>();

function untemplatedProblems(file: ParsedFile): readonly RuleReport[] {
  let problems = problemsOfParse.get(file);
  if (!problems) {
    const found: RuleReport[] = [];
    for (const entity of file.entities) if (!entity.template) found.push(...entityProblems(entity));
    problemsOfParse.set(file, (problems = found));
  }
  return problems;
}

function entityProblems(entity: Entity): RuleReport[] {
  const problems: RuleReport[] = [...idTitleProblems(entity)];
  const specs = FIELD_SPECS[entity.kind];
  for (const field of entity.fields) {
    const name = fieldFor(entity.kind, field.key);
    // Unknown fields are `unknown-field`'s; a title under a heading is the heading's text.
    if (!name || (name === 'title' && entity.form === 'heading')) continue;
    problems.push(...fieldProblems(entity, field, name, specs[name]!));
  }
  return problems;
}

/** §10.13: a suppression comment naming an unknown rule suppresses nothing, silently, unless reported. */
function suppressionProblems(file: ParsedFile): RuleReport[] {
  const problems: RuleReport[] = [];
  for (const comment of file.suppressions) {
    for (const named of comment.rules) {
      if (isRuleId(named.id)) continue;
      const candidates = closest(named.id, RULE_IDS, 2);
      const hint = candidates.length ? `Did you mean '${candidates[0]}'?` : 'Rule ids are listed in the documentation (docs/rules).';
      problems.push({
        span: named.span,
        message: `Unknown rule '${named.id}' in a suppression comment: it suppresses nothing. ${hint}`,
        fixes: candidates.map((id) => fix(`Replace '${named.id}' with '${id}'`, false, { file: file.path, start: named.span.start, end: named.span.end, newText: id })),
      });
    }
  }
  return problems;
}
