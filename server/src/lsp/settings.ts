/**
 * Editor-side settings of the server (section `strategyLint` of the client's configuration, also
 * accepted in initializationOptions): how soon after a keystroke to re-check, and whether to
 * re-check on every change or only on save.
 */
export interface ServerSettings {
  debounceMs: number;
  run: 'onType' | 'onSave';
}

export const DEFAULT_SETTINGS: ServerSettings = { debounceMs: 150, run: 'onType' };

/** Merges whatever the client sent over `base`, ignoring values of the wrong type. */
export function readSettings(raw: unknown, base: ServerSettings = DEFAULT_SETTINGS): ServerSettings {
  const result = { ...base };
  if (!raw || typeof raw !== 'object') return result;
  const value = raw as Record<string, unknown>;
  const debounce = value.debounceMs ?? value.debounce;
  if (typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0) result.debounceMs = Math.min(debounce, 10_000);
  if (value.run === 'onType' || value.run === 'onSave') result.run = value.run;
  return result;
}
