import type { Preset } from '../templates/spec.js';

/**
 * The built-in presets (docs/templates.md "Presets"), by name. Adding one: a module
 * `server/src/presets/<name>.ts` exporting `preset`, one line here, a section in docs/presets.md.
 */
export const PRESETS: ReadonlyMap<string, Preset> = new Map<string, Preset>([]);

export const PRESET_NAMES: readonly string[] = [...PRESETS.keys()];
