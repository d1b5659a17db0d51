import { posix } from 'node:path';
import { PRESETS } from '../presets/index.js';
import type { Layout } from './detect.js';

const DESCRIPTIONS: Record<Layout['name'], string> = {
  kep: 'Kubernetes enhancement proposals (kep.yaml beside a README.md)',
  'rust-rfc': 'Rust-style RFCs (text/NNNN-*.md opening with `- Feature Name:`)',
  'ember-rfc': 'Ember-style RFCs (front matter with stage and teams)',
  madr: 'MADR decision records (## Decision Outcome)',
  prd: 'product requirement documents (an owner line or table, problem and goals sections)',
  spec: 'strategy files in the strategy-lint format (SPEC §4)',
};

/**
 * The text of the `.strategylint.yaml` that `strategy-lint init` writes for the layouts found: the
 * presets that read them, and a commented template to adapt. The same layouts give the same text,
 * so a second run changes nothing.
 */
export function renderConfig(layouts: readonly Layout[]): string {
  const lines = [
    '# strategy-lint configuration, written by `strategy-lint init`.',
    '# Settings: docs/configuration.md. Templates and presets: docs/templates.md.',
    '# At the repository root this file makes the whole repository one workspace.',
    '#',
  ];
  if (layouts.length) {
    lines.push('# Found in this folder:');
    for (const layout of layouts) lines.push(`#   - ${layout.files.length} ${DESCRIPTIONS[layout.name]}, e.g. ${layout.files[0]}`);
  } else lines.push('# No known document layout was found: add presets or templates as your documents need.');
  const wanted = layouts.map((l) => l.name).filter((n) => n !== 'spec');
  const available = wanted.filter((n) => PRESETS.has(n));
  const missing = wanted.filter((n) => !PRESETS.has(n));
  lines.push('');
  if (available.length) lines.push('# Built-in templates for the documents found (also: strategy-lint --preset NAME).', `presets: [${available.join(', ')}]`);
  for (const name of missing) lines.push(`# No preset "${name}" in this version: write a template for these documents (below).`);
  lines.push(
    '',
    '# include: ["**/*.md", "**/*.markdown", "**/*.strategy.yaml", "**/*.strategy.yml"]   # the default',
    '# ignore: ["archive/**"]',
    '',
    ...templateExample(layouts),
    '',
    '# Rule severities (off, info, warning, error) or [severity, { options }]: docs/rules/.',
    'rules: {}',
    '',
  );
  return lines.join('\n');
}

/** A commented template to adapt, placed where the PRDs (or other Markdown) were found. */
function templateExample(layouts: readonly Layout[]): string[] {
  const prds = layouts.find((l) => l.name === 'prd');
  const folder = prds ? posix.dirname(prds.files[0]!) : 'docs/prds';
  const glob = folder === '.' ? '*.md' : `${folder}/*.md`;
  const base = PRESETS.has('prd') ? ['#     extends: prd                 # start from a preset\'s template'] : [];
  return [
    '# A template for a document shape of your own (docs/templates.md): uncomment and adapt.',
    '# templates:',
    '#   - name: team-prd',
    ...base,
    `#     files: ["${glob}"]`,
    '#     kind: prd',
    '#     fields:',
    '#       owner: [{ header: Owner }, { table: Owner }, owner]',
    '#       status: [{ header: Status }, status]',
    '#       initiative: [{ header: Initiative }, { table: Initiative }, initiative]',
    '#     links: [initiative]           # prd-link reports a PRD that names no initiative',
    '#     required-sections: ["Problem|Why", Goals]',
    '#     schema:',
    '#       properties:',
    '#         status: { enum: [draft, review, approved] }',
    '#       required: [owner]',
  ];
}
