import * as path from 'node:path';
import type { EntityKind, Reference } from '../model/entity.js';
import { isPlaceholderText } from '../model/kinds.js';
import type { Span } from '../model/span.js';
import { normaliseText } from '../text/normalise.js';

/** Splits a Markdown field value on commas outside link text and targets (§10.8). */
export function splitListText(text: string, base: number): { text: string; start: number }[] {
  const parts: { text: string; start: number }[] = [];
  let depth = 0;
  let partStart = 0;
  const push = (end: number) => {
    const raw = text.slice(partStart, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) parts.push({ text: trimmed, start: base + partStart + lead });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '[' || ch === '(') depth++;
    else if ((ch === ']' || ch === ')') && depth > 0) depth--;
    else if (ch === ',' && depth === 0) {
      push(i);
      partStart = i + 1;
    }
  }
  push(text.length);
  return parts;
}

const WIKI = /^\[\[([^\]|]+)(?:\|[^\]]*)?\]\]$/;
const LINK = /^\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Parses one reference written as an id, `@handle`, `[[id]]` or a Markdown link (§5).
 * Returns undefined for placeholders, which are not values.
 */
export function parseReference(
  text: string,
  span: Span,
  field: string,
  expected: EntityKind,
  fromFile: string,
): Reference | undefined {
  // Invisible white space and zero-width characters are not part of an id (§10.16).
  const trimmed = normaliseText(text);
  if (isPlaceholderText(trimmed)) return undefined;
  // Object literals, not `{ ...base, … }`: spread copies gave every reference a hidden class of its
  // own (~250 bytes each, and slow property access in every rule).
  const wiki = WIKI.exec(trimmed);
  if (wiki) return { field, expected, text: trimmed, span, form: 'wiki', id: normaliseId(normaliseText(wiki[1]!), expected) };
  const link = LINK.exec(trimmed);
  if (link) {
    const target = decodeURIComponentSafe(link[2]!);
    if (SCHEME.test(target)) return { field, expected, text: trimmed, span, form: 'link', external: true };
    const hash = target.indexOf('#');
    const filePart = hash === -1 ? target : target.slice(0, hash);
    const resolved = filePart ? toPosix(path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), filePart))) : fromFile;
    const ref: Reference = { field, expected, text: trimmed, span, form: 'link', path: resolved };
    if (hash !== -1) ref.anchor = target.slice(hash + 1);
    return ref;
  }
  return { field, expected, text: trimmed, span, form: 'id', id: normaliseId(trimmed, expected) };
}

/**
 * Whether `id`, written as a reference, reads back as that same id (§10.16: a fix never offers a
 * value that would itself be invalid): no white space or zero-width character at its ends (they
 * would be trimmed), no comma (a Markdown list would split it), no link brackets or line break,
 * and not a placeholder.
 */
export function isWritableId(id: string): boolean {
  return id !== '' && normaliseText(id) === id && !/[,[\]()\r\n]/.test(id) && !isPlaceholderText(id);
}

/** §3/§10.5: a leading `@` is ignored when matching owners. */
export function normaliseId(id: string, kind: EntityKind): string {
  return kind === 'owner' && id.startsWith('@') ? id.slice(1) : id;
}

function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
