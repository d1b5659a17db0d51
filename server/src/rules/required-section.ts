import { posix } from 'node:path';
import type { ParsedFile, TemplatedFile } from '../model/file.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { headingKey, type SectionFact } from '../templates/markdownFacts.js';
import { docsUrl, type Rule, type RuleReport } from './rule.js';

/**
 * A section a template requires (`required-sections`, or its sibling's) that the document lacks or
 * left empty: a KEP README with no Motivation, a PRD with no Problem. Reported at the empty
 * section's heading, or at the document's title when the section is missing; when the sibling that
 * should hold required sections is missing altogether (or named otherwise: `README.MD`), at the
 * main file's entity.
 */
export const rule: Rule = {
  meta: {
    id: 'required-section',
    description: 'Templated document without a section its template requires, or with that section empty',
    defaultSeverity: 'error',
    fixable: false,
    docsUrl: docsUrl('required-section'),
  },
  check({ file, index, report }) {
    const templated = file.templated;
    if (!templated) return;
    const missing = missingSibling(file, templated, index);
    if (missing) report(missing);
    if (file.language !== 'markdown') return;
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

/**
 * A main file whose template requires sections of a sibling that the workspace does not have: the
 * sections are missing with it. The name is exact (`README.MD` and `readme.md` are not
 * `README.md`: other tools and case-sensitive file systems would not find them either).
 */
function missingSibling(file: ParsedFile, templated: TemplatedFile, index: WorkspaceIndex): RuleReport | undefined {
  const { template, role } = templated;
  if (role !== 'main' || !template.siblingFile || !template.siblingSections.length) return undefined;
  const dir = posix.dirname(file.path);
  if (index.getFile(`${dir}/${template.siblingFile}`)) return undefined;
  const sections = template.siblingSections.map((name) => `'${name.split('|')[0]!.trim()}'`).join(', ');
  const here = posix.basename(file.path);
  return {
    span: file.entities[0]?.anchor ?? templated.anchor,
    message: `The ${template.name} template requires a ${template.siblingFile} beside ${here} (with ${template.siblingSections.length > 1 ? 'the sections' : 'a section'} ${sections}), and this folder has none (the name is case-sensitive: ${otherCases(template.siblingFile)} is not read): add ${template.siblingFile}, or rename the file there.`,
  };
}

/** `README.md` → `README.MD or readme.md`: how a misnamed sibling is usually spelt. */
function otherCases(name: string): string {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  const variants = [stem + ext.toUpperCase(), stem.toLowerCase() + ext.toLowerCase()].filter((v, i, all) => v !== name && all.indexOf(v) === i);
  return variants.length ? variants.join(' or ') : name.toLowerCase();
}

function findSection(sections: readonly SectionFact[], alternatives: readonly string[]): SectionFact | undefined {
  const wanted = alternatives.map(headingKey);
  const matching = sections.filter((s) => wanted.includes(headingKey(s.text)));
  // Several headings of that name: the section counts as written when any of them is.
  return matching.find((s) => !s.empty) ?? matching[0];
}
