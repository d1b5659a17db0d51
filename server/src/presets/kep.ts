import type { Preset } from '../templates/spec.js';

/**
 * Kubernetes Enhancement Proposals (kubernetes/enhancements): `keps/<sig>/<number>-<name>/kep.yaml`
 * beside a `README.md`. The checks are those the repository's own `api/proposal.go` defines
 * (required fields, the status and stage enums, `implemented` ⇒ `stage: stable`), plus real dates,
 * no placeholders among the people, and a README with a Motivation section. docs/presets.md#kep.
 */
const STATUSES = ['provisional', 'implementable', 'implemented', 'deferred', 'rejected', 'withdrawn', 'replaced'];
const STAGES = ['alpha', 'beta', 'stable', 'deprecated', 'disabled', 'removed'];

export const preset: Preset = {
  name: 'kep',
  description: 'Kubernetes Enhancement Proposals: kep.yaml metadata with its README.md',
  templates: [
    {
      name: 'kep',
      files: ['**/kep.yaml'],
      // The repository's blank templates (keps/NNNN-kep-template, providers/0000-cloud-provider-template)
      // are not KEPs. (A real KEP's folder may end in -template: 5978-cluster-resource-claim-template.)
      exclude: ['**/NNNN-*/**', '**/0000-*-template/**'],
      // A KEP is a piece of work a SIG owns and carries through stages: an initiative of the model.
      kind: 'initiative',
      // The folder (`2101-volume-snapshot-groups`) is unique where `kep-number` is not (several `0000`).
      id: 'folder',
      fields: {
        title: 'title',
        'kep-number': 'kep-number',
        authors: 'authors',
        // The owning SIG is the KEP's owner (hover, references, owner rules); SIGs are not declared as
        // owner entities in the repository, and unknown-owner stays silent where no owner is declared.
        owner: 'owning-sig',
        reviewers: 'reviewers',
        approvers: 'approvers',
        status: 'status',
        stage: 'stage',
        'creation-date': 'creation-date',
        'last-updated': 'last-updated',
        // The number the folder's name starts with (keps/sig-node/2043-pod-resources/ → 2043).
        'folder-number': { path: '(?:^|/)(\\d+)-[^/]*/kep\\.yaml$' },
      },
      schema: {
        type: 'object',
        // api/proposal.go: `validate:"required"` on these.
        required: ['title', 'kep-number', 'authors', 'owner', 'approvers', 'status'],
        properties: {
          status: { enum: STATUSES },
          stage: { enum: STAGES },
          'kep-number': {
            const: { $data: '1/folder-number' },
            message: '`kep-number` is not the number its folder\'s name starts with (`keps/<sig>/<number>-<name>/`): correct the number, or the folder',
          },
          // Compared with the folder's number, as `kep-number` is: a wrong `kep-number` is then reported once, at itself.
          // A number, or the template's `NNNN` (a string) never replaced: each is reported once, at the title's number.
          'readme-number': {
            if: { type: 'string' },
            then: {
              pattern: '^\\d+$',
              message: 'The title of README.md still has the template\'s `KEP-NNNN`: write the KEP\'s number (the one its folder\'s name starts with, `keps/<sig>/<number>-<name>/`)',
            },
            else: {
              const: { $data: '1/folder-number' },
              message: 'The KEP number in the title of README.md is not the KEP\'s number (the one its folder\'s name starts with, `keps/<sig>/<number>-<name>/`): correct the title (`# KEP-<number>: <title>`)',
            },
          },
          'creation-date': { format: 'date' },
          'last-updated': { format: 'date', formatMinimum: { $data: '1/creation-date' } },
          authors: { type: 'array', minItems: 1, message: '`authors` names no one: list the KEP\'s authors (api/proposal.go requires them)' },
          approvers: { type: 'array', minItems: 1, message: '`approvers` names no one: list the KEP\'s approvers (api/proposal.go requires them)' },
          reviewers: { type: 'array' },
        },
        allOf: [
          {
            // api/proposal.go: "status:implemented implies stage:stable". A deprecation KEP's last
            // stages (deprecated, disabled, removed) are also where an implemented KEP ends.
            if: { properties: { status: { const: 'implemented' } }, required: ['status'] },
            then: {
              properties: {
                stage: {
                  enum: ['stable', 'deprecated', 'disabled', 'removed'],
                  message: 'A KEP with `status: implemented` must be at `stage: stable` (a deprecation KEP: deprecated, disabled or removed). Update `stage`, or `status` if the work is not finished',
                },
              },
            },
          },
        ],
      },
      sibling: {
        file: 'README.md',
        'required-sections': ['Motivation'],
        // The KEP number its title names (`# KEP-2101: …`, `# [KEP-2101](…): …`, the template's `# KEP-NNNN: …`); absent when the title names none.
        fields: { 'readme-number': { title: '^\\[?KEP[- ]?(\\d+|N{2,})\\b' } },
      },
    },
  ],
};
