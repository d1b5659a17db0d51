import type { ParsedFile, TemplatedFile } from '../model/file.js';
import { headingKey, type SectionFact } from '../templates/markdownFacts.js';
import { docsUrl, type Rule, type RuleReport } from './rule.js';

/**
 * A section a template requires (`required-sections`, or its sibling's) that the document lacks or
 * left empty: a KEP README with no Motivation, a PRD with no Problem. Reported at the empty
 * section's heading, or at the document's title when the section is missing.
 */
export const rule: Rule = {
  meta: {
    id: 'required-section',
    description: 'Templated document without a section its template requires, or with that section empty',
    defaultSeverity: 'error',
    fixable: false,
    docsUrl: docsUrl('required-section'),
  },
  check({ file, report }) {
    const templated = file.templated;
    if (!templated || file.language !== 'markdown') return;
    for (const problem of sectionProblems(file, templated)) report(problem);
  },
};

function sectionProblems(file: ParsedFile, templated: TemplatedFile): RuleReport[] {
  const { template, role, sections, anchor } = templated;
  const required = role === 'main' ? template.requiredSections : template.siblingSections;
  const what = role === 'main' ? `The ${template.name} template` : `The ${template.name} template (for the ${template.siblingFile} beside each document)`;
  const problems: RuleReport[] = [];
  for (const name of required) {
    const alternatives = name.split('|').map((n) => n.trim());
    const found = findSection(sections, alternatives);
    const shown = alternatives.map((a) => `'${a}'`).join(' or ');
    if (!found) {
      problems.push({ span: anchor, message: `${what} requires a section ${shown}, and ${file.path.split('/').pop()} has none: add \`## ${alternatives[0]}\` and write it.` });
    } else if (found.empty) {
      problems.push({ span: found.span, message: `Section '${found.text}' is empty: ${what.charAt(0).toLowerCase()}${what.slice(1)} requires it to say something. Write it, or say why it does not apply.` });
    }
  }
  return problems;
}

function findSection(sections: readonly SectionFact[], alternatives: readonly string[]): SectionFact | undefined {
  const wanted = alternatives.map(headingKey);
  const matching = sections.filter((s) => wanted.includes(headingKey(s.text)));
  // Several headings of that name: the section counts as written when any of them is.
  return matching.find((s) => !s.empty) ?? matching[0];
}
