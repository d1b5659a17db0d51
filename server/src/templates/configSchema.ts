import { ENTITY_KINDS } from '../model/kinds.js';
import { PRESET_NAMES } from '../presets/index.js';

/** The links a template may require (docs/templates.md `links`), by the kind they belong to. */
export const TEMPLATE_LINKS: Record<string, readonly string[]> = {
  initiative: ['owner', 'objective', 'metrics'],
  prd: ['initiative', 'objective'],
};

const SCALARS = [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }];

const text = (description: string) => ({ type: 'string', minLength: 1, description });

const SOURCE_KINDS = {
  key: 'a key of the YAML document or front matter, by a simple path (`a.b`, `teams[0]`)',
  header: 'a list-header line in the document head: `- Key: value`, `* Key: value`, `**Key:** value`',
  table: 'a row of a key/value table: first cell the key, second the value',
  section: 'a section by its heading (`Motivation`; `A|B` for alternatives): its text',
  title: 'the document\'s title (its first `# Heading`), the part a regular expression captures (`^KEP-(\\d+)`: its first group, else the whole match)',
  path: 'the file\'s path relative to the config\'s folder, the part a regular expression captures (`(\\d+)-[^/]*/kep\\.yaml$`: its first group, else the whole match)',
} as const;

/** One field source: a key path, or an object naming the kind of source. */
const fieldSource = {
  anyOf: [
    text('A key of the YAML document or front matter, by a simple path: `owning-sig`, `teams[0]`, `a.b`.'),
    ...Object.entries(SOURCE_KINDS).map(([kind, description]) => ({
      type: 'object',
      additionalProperties: false,
      required: [kind],
      properties: {
        [kind]: text(`Read the field from ${description}.`),
        ...(kind === 'header' || kind === 'table' ? { capture: text('Read only the part of the value a regular expression captures: its first group, else the whole match (`#(\\d+)` in `[rust-lang/rfcs#3505](…)` → 3505; digits alone are a number). Absent when the value does not match.') } : {}),
      },
    })),
    {
      type: 'object',
      additionalProperties: false,
      required: ['heading'],
      description: 'Entities inside a file only: the field read from the nearest heading around the entity (its own, then each enclosing one) whose text matches `heading`.',
      properties: {
        heading: text('A regular expression the heading text must match (`^(20\\d\\d) Q([1-4])\\b`).'),
        value: { type: 'string', description: 'The value, the match rewritten as String.replace does (`$1-Q$2`); default: the first group, else the whole match.' },
      },
    },
  ],
};

const fieldsMap = {
  type: 'object',
  description: 'Field name → where it is read (one source, or a list: the first present wins).',
  additionalProperties: { anyOf: [{ $ref: '#/definitions/fieldSource' }, { type: 'array', minItems: 1, items: { $ref: '#/definitions/fieldSource' } }] },
};

const globList = (what: string) => ({
  anyOf: [text(what), { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: what }],
});

const sections = {
  type: 'array',
  description: 'Headings that must be present and not empty (case-insensitive; `A|B` for alternatives).',
  items: { type: 'string', minLength: 1 },
};

/** JSON Schema of one entry of config `templates:` (merged into the config schema's definitions). */
export function templateDefinitions(): Record<string, unknown> {
  return {
    fieldSource,
    template: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      description: 'How to read one family of documents (docs/templates.md).',
      properties: {
        name: text('Unique name of the template, shown in messages and named by `extends`.'),
        extends: text('A template to start from: one of a preset, or one defined above in this file.'),
        files: globList('Glob(s), relative to the folder of this config, of the files this template reads.'),
        exclude: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Globs of files this template leaves alone.' },
        when: { $ref: '#/definitions/fieldSourceObject' },
        kind: { enum: [...ENTITY_KINDS], description: 'Each matched file is one entity of this kind (or use `entities`).' },
        id: { enum: ['file', 'folder'], description: 'Where the id comes from when `fields` has no `id`: the file name (default) or the folder name.' },
        'id-prefix': { type: 'string', description: 'Text put before the id read (`KEP-`).' },
        fields: fieldsMap,
        schema: { type: 'object', description: 'JSON Schema (draft-07) of the fields, checked with ajv. Formats: date, period, id. A subschema may carry `message`.' },
        'required-sections': sections,
        references: {
          type: 'object',
          description: 'Field → the kind of entity its values refer to.',
          additionalProperties: { enum: [...ENTITY_KINDS] },
        },
        links: {
          type: 'array',
          description: 'Model links this template requires (initiative: owner, objective, metrics; prd: initiative, objective).',
          items: { enum: ['owner', 'objective', 'metrics', 'initiative'] },
        },
        active: { type: 'array', items: { type: 'string' }, description: 'Values of `status` that make the entity active for the execution rules.' },
        'allow-placeholders': { type: 'array', items: { type: 'string' }, description: 'Fields where a placeholder (TBD, ?, N/A, empty) is acceptable.' },
        entities: {
          type: 'array',
          minItems: 1,
          description: 'Instead of `kind`: where entities sit inside each matched file (headings, list items, table rows).',
          items: { $ref: '#/definitions/innerEntity' },
        },
        sibling: {
          type: 'object',
          additionalProperties: false,
          required: ['file'],
          description: 'A companion file in the same folder that belongs to the same entity (a KEP README.md beside kep.yaml).',
          properties: { file: text('File name of the sibling, in the matched file\'s folder.'), 'required-sections': sections, fields: fieldsMap },
        },
      },
    },
    innerEntity: {
      type: 'object',
      additionalProperties: false,
      required: ['kind'],
      description: 'The entities of one kind inside a file: name one of heading, list-items, table-rows.',
      properties: {
        kind: { enum: [...ENTITY_KINDS], description: 'The kind of the entities read here.' },
        heading: {
          type: 'object',
          additionalProperties: false,
          required: ['level'],
          description: 'Each heading of this level is an entity: its text the title, its slug the id.',
          properties: {
            level: { type: 'integer', minimum: 1, maximum: 6, description: 'Heading level (3 for `###`).' },
            matches: { type: 'string', description: 'A regular expression the heading text must match.' },
            under: { type: 'string', description: 'A regular expression the text of the enclosing higher-level heading must match (`^20\\d\\d Q[1-4]$`).' },
          },
        },
        'list-items': {
          type: 'object',
          additionalProperties: false,
          description: 'Each top-level list item is an entity: its text the title, `(@handle)` at its end the owner, `Key: value` sub-items fields.',
          properties: { in: { enum: [...ENTITY_KINDS], description: 'Items in the own text of each heading entity of this kind (they nest in it).' }, 'under-heading': text('Items under the heading(s) of this name (`A|B` alternatives).') },
        },
        'table-rows': {
          type: 'object',
          additionalProperties: false,
          required: ['columns'],
          description: 'Each row of a table is an entity; `columns` maps fields to column headers.',
          properties: {
            in: { enum: [...ENTITY_KINDS], description: 'Tables in the own text of each heading entity of this kind (they nest in it).' },
            'under-heading': text('Tables under the heading(s) of this name (`A|B` alternatives).'),
            columns: { type: 'object', description: 'Field name → column header (`owner: Owner`). The `title` column (else the first) is the title.', additionalProperties: text('A column header.') },
          },
        },
        'id-prefix': { type: 'string', description: 'Text put before each id (the slug of the title, or an `id` field).' },
        fields: fieldsMap,
        schema: { type: 'object', description: 'JSON Schema (draft-07) of these entities\' fields.' },
        references: { type: 'object', description: 'Field → the kind of entity its values refer to.', additionalProperties: { enum: [...ENTITY_KINDS] } },
        links: { type: 'array', description: 'Model links these entities must have (initiative: owner, objective, metrics).', items: { enum: ['owner', 'objective', 'metrics', 'initiative'] } },
        active: { type: 'array', items: { type: 'string' }, description: 'Values of `status` that make the entity active.' },
        'allow-placeholders': { type: 'array', items: { type: 'string' }, description: 'Fields where a placeholder is acceptable.' },
      },
    },
    fieldSourceObject: {
      type: 'object',
      description: 'A condition on the content: the source is present (and not empty), `equals` a value, or `matches` a pattern.',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        ...Object.fromEntries(Object.entries(SOURCE_KINDS).map(([kind, description]) => [kind, text(`Test ${description}.`)])),
        equals: { description: 'The value (or one of the values) the source must have.', anyOf: [...SCALARS, { type: 'array', items: { anyOf: SCALARS } }] },
        matches: { type: 'string', description: 'A regular expression the source\'s value must match.' },
      },
    },
  };
}

/** The config settings `presets` and `templates`. */
export function templateSettings(): Record<string, unknown> {
  return {
    presets: {
      type: 'array',
      description: 'Built-in presets (sets of templates) to use: also `--preset NAME` on the command line.',
      items: PRESET_NAMES.length ? { enum: [...PRESET_NAMES] } : { type: 'string' },
    },
    templates: {
      type: 'array',
      description: 'Templates: how to read the documents your team already writes as strategy entities (docs/templates.md).',
      items: { $ref: '#/definitions/template' },
    },
  };
}
