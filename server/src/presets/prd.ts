import type { Preset } from '../templates/spec.js';

/**
 * Product requirement documents written from a common company template: an owner and a status in
 * `**Owner:** @x` lines, a key/value table or front matter; a Problem (why), Goals and Success
 * metrics section; and a link to the initiative (or objective) the PRD serves. docs/presets.md#prd.
 */
export const preset: Preset = {
  name: 'prd',
  description: 'Product requirement documents: owner, status, problem, goals, success metrics, link to an initiative',
  templates: [
    {
      name: 'prd',
      files: ['**/prds/**/*.md', '**/prd/**/*.md', '**/*-prd.md', '**/*.prd.md', '**/PRD-*.md'],
      // The team's blank template and index pages are not PRDs.
      exclude: ['**/_*.md', '**/*template*.md', '**/README.md', '**/index.md'],
      kind: 'prd',
      id: 'file',
      fields: {
        owner: ['owner', { header: 'Owner' }, { table: 'Owner' }, { header: 'PM' }, { table: 'PM' }, { header: 'Product Manager' }, { table: 'Product Manager' }],
        status: ['status', { header: 'Status' }, { table: 'Status' }],
        initiative: ['initiative', { header: 'Initiative' }, { table: 'Initiative' }, { header: 'Epic' }, { table: 'Epic' }],
        objective: ['objective', { header: 'Objective' }, { table: 'Objective' }, { header: 'OKR' }, { table: 'OKR' }],
      },
      schema: {
        type: 'object',
        required: ['owner', 'status'],
        properties: {
          status: { enum: ['draft', 'review', 'approved', 'shipped', 'archived'] },
        },
      },
      // prd-link: a PRD that names neither an initiative nor an objective says nothing about why.
      links: ['initiative'],
      'required-sections': ['Problem|Problem statement|Why|Background', 'Goals', 'Success metrics|Success criteria|Metrics|KPIs'],
    },
  ],
};
