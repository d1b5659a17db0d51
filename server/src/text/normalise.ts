/**
 * §10.16: ids and values are compared trimmed of all Unicode white space and without zero-width
 * characters. Text pasted from Docs, Confluence or chat carries them invisibly (`OBJ-retention`
 * followed by U+00A0 or U+200B); compared as written, such an id matches nothing, and a fix that
 * offered it would write the invisible character again and again.
 */

/** Zero-width characters: ZWSP, ZWNJ, ZWJ, word joiner, BOM / ZWNBSP, Mongolian vowel separator. */
const ZERO_WIDTH = /[\u180E\u200B-\u200D\u2060\uFEFF]/g;
const HAS_ZERO_WIDTH = /[\u180E\u200B-\u200D\u2060\uFEFF]/;
/** JavaScript's `\s` is Unicode White_Space but for U+0085 (next line). */
const EDGE_SPACE = /^[\s\u0085]+|[\s\u0085]+$/g;

/** `text` without zero-width characters and without white space at either end. */
export function normaliseText(text: string): string {
  const visible = hasZeroWidth(text) ? text.replace(ZERO_WIDTH, '') : text;
  if (visible === '') return visible;
  // Most values start and end with a visible ASCII character: nothing to trim.
  if (isVisibleAscii(visible.charCodeAt(0)) && isVisibleAscii(visible.charCodeAt(visible.length - 1))) return visible;
  return visible.replace(EDGE_SPACE, '');
}

function isVisibleAscii(code: number): boolean {
  return code > 0x20 && code < 0x7f;
}

export function hasZeroWidth(text: string): boolean {
  return HAS_ZERO_WIDTH.test(text);
}
