import { RULES } from '../rules/registry.js';
import { templateDefinitions, templateSettings } from '../templates/configSchema.js';
import { EFFORT_UNITS } from '../engine/config.js';

/** Severities a rule may be set to in the config or with `--rule id:severity`. */
export const SEVERITIES = ['off', 'info', 'warning', 'error'] as const;

/** Top-level settings of the config file (SPEC §7), in the order the docs list them. */
export const SETTINGS = ['root', 'include', 'ignore', 'today', 'fiscal-year-start', 'effort-unit', 'rules', 'presets', 'templates'] as const;

export const CONFIG_FILE_NAMES = ['.strategylint.yaml', '.strategylint.yml', '.strategylint.json'] as const;

/** Whether a file's name is one a config file may have. */
export function isConfigFileName(name: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(name);
}

export const SCHEMA_ID = 'https://github.com/strategy-lint/strategy-lint/blob/main/schemas/strategylint.schema.json';

/** A rule that takes no options accepts at most an empty options object. */
const NO_OPTIONS = { type: 'object', additionalProperties: false };

/** `severity` or `[severity]` or `[severity, options]`. */
function ruleSetting(optionsSchema: Record<string, unknown>): Record<string, unknown> {
  return {
    anyOf: [
      { $ref: '#/definitions/severity' },
      { type: 'array', items: [{ $ref: '#/definitions/severity' }, optionsSchema], minItems: 1, additionalItems: false },
    ],
  };
}

/**
 * The JSON Schema of `.strategylint.*`, built from the rule registry so that a rule's options
 * are validated by the schema its module declares. schemas/strategylint.schema.json is this
 * object written out (the build regenerates it; a test checks they agree), so the CLI, the
 * language server and editors that only read the file all validate the same way.
 */
export function buildConfigSchema(): Record<string, unknown> {
  const rules: Record<string, unknown> = {};
  for (const { meta } of RULES) {
    rules[meta.id] = {
      description: `${meta.description} (default: ${meta.defaultSeverity}). ${meta.docsUrl}`,
      markdownDescription: `${meta.description} (default: \`${meta.defaultSeverity}\`). [Documentation](${meta.docsUrl})`,
      // Rules without options share one definition: the validator compiles it once, not 21 times.
      ...(meta.optionsSchema ? ruleSetting(meta.optionsSchema) : { $ref: '#/definitions/ruleWithoutOptions' }),
    };
  }
  const globs = (what: string) => ({
    type: 'array',
    description: `Glob patterns (relative to the folder of this file) of the files to ${what}.`,
    items: { type: 'string', minLength: 1 },
  });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'strategy-lint configuration (.strategylint.yaml, .strategylint.yml, .strategylint.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'Schema of this file (for editors).' },
      root: {
        type: 'boolean',
        default: false,
        description: 'true: this folder is the workspace root; configs in folders above it are not looked for (they neither apply nor widen the workspace).',
      },
      include: { ...globs('lint'), default: ['**/*.md', '**/*.markdown', '**/*.strategy.yaml', '**/*.strategy.yml'] },
      ignore: globs('leave out, on top of node_modules/, .git/ and what .gitignore excludes'),
      today: {
        type: 'string',
        pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
        description: 'Date (YYYY-MM-DD) that time-based rules compare with; default: the current date.',
      },
      'fiscal-year-start': {
        type: 'integer',
        minimum: 1,
        maximum: 12,
        default: 1,
        description: 'Month (1-12) the fiscal year starts in; FY2027 is the fiscal year that ends in 2027.',
      },
      'effort-unit': {
        enum: [...EFFORT_UNITS],
        default: 'person-weeks',
        description: 'What initiative `effort` counts: person-weeks (work to do) or people (headcount assigned). Used by allocation, owner-load (count: effort) and the report.',
      },
      rules: {
        type: 'object',
        description: 'Rule id → severity, or [severity, { options }].',
        additionalProperties: false,
        properties: rules,
      },
      ...templateSettings(),
    },
    definitions: {
      severity: { enum: [...SEVERITIES], description: 'off | info | warning | error' },
      ruleWithoutOptions: ruleSetting(NO_OPTIONS),
      ...templateDefinitions(),
    },
  };
}
