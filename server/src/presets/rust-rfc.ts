import type { Preset } from '../templates/spec.js';

/**
 * Rust RFCs (rust-lang/rfcs): `text/NNNN-name.md` opening with a list header (`- Feature Name:`,
 * `- Start Date:`, `- RFC PR:`, `- Rust Issue:`). Checks what the RFC template asks for and a reader
 * relies on: a real `YYYY-MM-DD` start date and the link to the RFC's pull request. docs/presets.md#rust-rfc.
 */
export const preset: Preset = {
  name: 'rust-rfc',
  description: 'Rust RFCs: text/NNNN-name.md with a `- Start Date:` list header',
  templates: [
    {
      name: 'rust-rfc',
      files: ['**/[0-9][0-9][0-9][0-9]-*.md'],
      exclude: ['**/0000-template.md'],
      // Only RFCs have the header; a "Moved to …" stub or a numbered file of another kind is left alone.
      when: { header: 'Start Date' },
      // An RFC argues why something should be built: the model's requirement document.
      kind: 'prd',
      id: 'file',
      fields: {
        'feature-name': [{ header: 'Feature Name' }, { header: 'Feature Name(s)' }],
        'start-date': { header: 'Start Date' },
        // Early RFCs write `RFC PR #:` (a trailing `#` is ignored); experimental RFCs `eRFC PR:`.
        'rfc-pr': [{ header: 'RFC PR' }, { header: 'eRFC PR' }],
        'rust-issue': [{ header: 'Rust Issue' }, { header: 'Rust Issues' }, { header: 'Tracking Issue' }, { header: 'Tracking Issues' }, { header: 'Cargo Issue' }],
      },
      schema: {
        type: 'object',
        required: ['start-date', 'rfc-pr'],
        properties: {
          'start-date': { format: 'date' },
        },
      },
      // A process RFC names no feature and has no tracking issue: `N/A` is the right answer there.
      'allow-placeholders': ['feature-name', 'rust-issue'],
    },
  ],
};
