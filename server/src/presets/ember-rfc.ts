import type { Preset } from '../templates/spec.js';

/**
 * Ember RFCs (emberjs/rfcs): `text/NNNN-name.md` with front matter. Checks what the repository's
 * own front-matter linter (emberjs/rfcs-tooling) checks: the stage and team names, dates, the
 * proposal's pull request, and release fields once released. docs/presets.md#ember-rfc.
 */
const STAGES = ['accepted', 'closed', 'discontinued', 'exploring', 'proposed', 'ready-for-release', 'recommended', 'released'];
const TEAMS = ['cli', 'data', 'framework', 'learning', 'steering', 'typescript'];
// Ember writes start dates as ISO timestamps (2022-01-29T00:00:00.000Z); a bare date is accepted too.
const DATE = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])(T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z)?$';
const dateOf = (field: string) => ({ type: 'string', pattern: DATE, message: `\`${field}\` is not a date: write YYYY-MM-DD, or YYYY-MM-DDT00:00:00.000Z as the RFC template does` });
const RFC_PR = '^https://github\\.com/(emberjs|ember-cli)/rfcs/pull/\\d+/?$';

const PR_LINK = { type: 'string', pattern: RFC_PR, message: 'A link under `prs` is the URL of a pull request on emberjs/rfcs, e.g. https://github.com/emberjs/rfcs/pull/123' };

export const preset: Preset = {
  name: 'ember-rfc',
  description: 'Ember RFCs: text/NNNN-name.md with stage/teams/prs front matter',
  templates: [
    {
      name: 'ember-rfc',
      files: ['**/[0-9][0-9][0-9][0-9]-*.md'],
      exclude: ['**/0000-template.md'],
      when: { key: 'stage' },
      kind: 'prd',
      id: 'file',
      fields: {
        stage: 'stage',
        'start-date': 'start-date',
        'release-date': 'release-date',
        teams: 'teams',
        'accepted-pr': 'prs.accepted',
        'ready-for-release-pr': 'prs.ready-for-release',
        'released-pr': 'prs.released',
        'recommended-pr': 'prs.recommended',
        'discontinued-pr': 'prs.discontinued',
      },
      schema: {
        type: 'object',
        required: ['stage', 'start-date', 'teams', 'accepted-pr'],
        properties: {
          stage: { enum: STAGES },
          'start-date': dateOf('start-date'),
          'release-date': dateOf('release-date'),
          teams: { type: 'array', minItems: 1, items: { enum: TEAMS } },
          'accepted-pr': PR_LINK,
          'ready-for-release-pr': PR_LINK,
          'released-pr': PR_LINK,
          'recommended-pr': PR_LINK,
          'discontinued-pr': PR_LINK,
        },
      },
      // Ember's own linter lets these stay empty until the RFC reaches that stage (and old RFCs
      // were advanced without them).
      'allow-placeholders': ['release-date', 'ready-for-release-pr', 'released-pr', 'recommended-pr', 'discontinued-pr'],
    },
  ],
};
