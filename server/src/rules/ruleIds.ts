/** The stable rule ids of SPEC §6, in the order the spec lists them. */
export const RULE_IDS = [
  'initiative-objective',
  'initiative-owner',
  'initiative-metric',
  'unresolved-reference',
  'kind-mismatch',
  'duplicate-id',
  'syntax',
  'invalid-value',
  'unknown-field',
  'parent-cycle',
  'prd-link',
  'objective-initiatives',
  'objective-metric',
  'metric-target',
  'metric-balance',
  'focus-limit',
  'owner-load',
  'unknown-owner',
  'schedule',
  'dropped-link',
  'placeholder-value',
  'template-schema',
  'required-section',
  'metric-pace',
  'stale-update',
  'allocation',
  'dependency-order',
  'milestone-schedule',
  'kr-count',
  'perspective-coverage',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** Rules that judge only documents a template reads (SPEC §11): SPEC-format files never raise them. */
export const TEMPLATE_RULE_IDS: readonly RuleId[] = ['template-schema', 'required-section'];

export function isRuleId(id: string): id is RuleId {
  return (RULE_IDS as readonly string[]).includes(id);
}
