import type { Preset } from '../templates/spec.js';

/**
 * Architecture decision records in the MADR form (Markdown Architectural Decision Records, versions
 * 2 to 4): `docs/decisions/NNNN-title.md` (or `docs/adr/`, `adr/`, `decisions/`), the decision's
 * status, date and decision makers in front matter (MADR 3/4) or as `* Status:` lines (MADR 2), and
 * the sections every MADR record has. docs/presets.md#madr.
 */
const STATUSES = ['proposed', 'rejected', 'accepted', 'deprecated'];

export const preset: Preset = {
  name: 'madr',
  description: 'Architecture decision records (MADR 2–4): status, date, decision makers, Decision Outcome',
  templates: [
    {
      name: 'madr',
      files: ['**/decisions/*.md', '**/adr/*.md', '**/adrs/*.md', '**/architecture-decisions/*.md'],
      // MADR's own blank template and index pages are not decisions.
      exclude: ['**/adr-template*.md', '**/template*.md', '**/README.md', '**/index.md', '**/_*.md'],
      // A decision record is a document that says why; it links to nothing the model requires.
      kind: 'prd',
      id: 'file',
      fields: {
        status: ['status', { header: 'Status' }],
        date: ['date', { header: 'Date' }],
        // MADR 4 says `decision-makers`, MADR 3 `deciders`, MADR 2 a `* Deciders:` line.
        'decision-makers': ['decision-makers', 'deciders', { header: 'Decision-Makers' }, { header: 'Deciders' }],
        consulted: 'consulted',
        informed: 'informed',
      },
      schema: {
        type: 'object',
        required: ['status', 'date'],
        properties: {
          // `superseded by [ADR-0005](0005-example.md)` names its successor; any other status is one word.
          status: {
            if: { type: 'string', pattern: '^[Ss]uperseded by .+' },
            else: { enum: STATUSES },
          },
          date: { format: 'date' },
          'decision-makers': { type: 'array', minItems: 1 },
        },
        allOf: [
          {
            // A decision that was taken (accepted, rejected, superseded) says who took it.
            if: { properties: { status: { not: { const: 'proposed' } } }, required: ['status'] },
            then: { required: ['decision-makers'] },
          },
        ],
      },
      'allow-placeholders': ['consulted', 'informed'],
      'required-sections': ['Context and Problem Statement|Context|Problem Statement', 'Considered Options', 'Decision Outcome|Decision'],
    },
  ],
};
