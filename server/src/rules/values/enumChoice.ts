import { distance } from 'fastest-levenshtein';
import { canonicalKey } from '../../model/kinds.js';

export interface EnumChoice {
  /** The one allowed value `written` was surely meant to be (§6 safe fix), if any. */
  safe?: string;
  /** The other allowed values, closest first: editor suggestions only. */
  suggestions: string[];
}

/**
 * Which allowed value an unknown enum value stands for. Safe (§6): it differs only in case or
 * separators (`In Progress` → `in-progress`), or is one edit away from exactly one allowed value
 * (`planed` → `planned`). Anything further (`doing`) is only a suggestion: `done` would be a guess.
 */
export function enumChoice(written: string, allowed: readonly string[]): EnumChoice {
  const canonical = canonicalKey(written);
  const scored = allowed.map((value, order) => ({ value, order, d: canonical === value ? 0 : distance(canonical, value) }));
  scored.sort((a, b) => a.d - b.d || a.order - b.order);
  const [best, second] = scored;
  const safe = best && best.d <= 1 && (!second || second.d > best.d) ? best.value : undefined;
  return { ...(safe ? { safe } : {}), suggestions: scored.map((s) => s.value).filter((v) => v !== safe) };
}
