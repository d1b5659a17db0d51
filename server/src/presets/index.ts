import type { Preset } from '../templates/spec.js';
import { preset as emberRfc } from './ember-rfc.js';
import { preset as kep } from './kep.js';
import { preset as madr } from './madr.js';
import { preset as prd } from './prd.js';
import { preset as rustRfc } from './rust-rfc.js';

/**
 * The built-in presets (docs/templates.md "Presets"), by name. Adding one: a module
 * `server/src/presets/<name>.ts` exporting `preset`, one line here, a section in docs/presets.md.
 */
export const PRESETS: ReadonlyMap<string, Preset> = new Map<string, Preset>([kep, rustRfc, emberRfc, madr, prd].map((p) => [p.name, p]));

export const PRESET_NAMES: readonly string[] = [...PRESETS.keys()];
