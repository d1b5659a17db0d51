import type { Preset } from '../templates/spec.js';

/**
 * Rust RFCs (rust-lang/rfcs): `text/NNNN-name.md` opening with a list header (`- Feature Name:`,
 * `- Start Date:`, `- RFC PR:`, `- Rust Issue:`). Checks what the RFC template asks for and a reader
 * relies on: a real `YYYY-MM-DD` start date and the link to the RFC's pull request, which names the
 * RFC's own number. docs/presets.md#rust-rfc.
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
        // The pull request's number, the first the line names (`[rust-lang/rfcs#3505](…/pull/3505)`), and the file's.
        'rfc-pr-number': [
          { header: 'RFC PR', capture: '(?:#|/pull/|/issues/)(\\d+)' },
          { header: 'eRFC PR', capture: '(?:#|/pull/|/issues/)(\\d+)' },
        ],
        'file-number': { path: '(?:^|/)(\\d+)-[^/]*\\.md$' },
      },
      schema: {
        type: 'object',
        required: ['start-date', 'rfc-pr'],
        properties: {
          'start-date': { format: 'date' },
          // An RFC's file is numbered after its pull request (text/3505-x.md is rust-lang/rfcs#3505).
          'rfc-pr-number': {
            const: { $data: '1/file-number' },
            message: 'The pull request `RFC PR` names is not the RFC\'s number (RFC files are numbered after their pull request, `text/<PR number>-<name>.md`): correct the link, or the file\'s name',
          },
        },
      },
      // A process RFC names no feature and has no tracking issue: `N/A` is the right answer there.
      'allow-placeholders': ['feature-name', 'rust-issue'],
    },
  ],
};
