import type { RuleSetting } from '../model/finding.js';
import type { ResolvedTemplate } from '../templates/spec.js';

export const EFFORT_UNITS = ['person-weeks', 'people'] as const;
export type EffortUnit = (typeof EFFORT_UNITS)[number];

export interface RuleConfigEntry {
  severity: RuleSetting;
  options: Record<string, unknown>;
}

/** Configuration after loading, validation and CLI overrides (§7, §10.12). */
export interface ResolvedConfig {
  /** Directory the config's globs are relative to (the config's folder, or the lint root). */
  root: string;
  configPath?: string;
  include: string[];
  ignore: string[];
  /** `YYYY-MM-DD` */
  today: string;
  fiscalYearStart: number;
  /** What initiative `effort` counts (config `effort-unit`). */
  effortUnit: EffortUnit;
  rules: Record<string, RuleConfigEntry>;
  /** Templates that apply (presets expanded, `extends` resolved; docs/templates.md), in the order they are tried. */
  templates: ResolvedTemplate[];
}

export const DEFAULT_INCLUDE = ['**/*.md', '**/*.markdown', '**/*.strategy.yaml', '**/*.strategy.yml'];

export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function defaultConfig(root: string): ResolvedConfig {
  return { root, include: [...DEFAULT_INCLUDE], ignore: [], today: localToday(), fiscalYearStart: 1, effortUnit: 'person-weeks', rules: {}, templates: [] };
}
