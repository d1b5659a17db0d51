import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Field, FieldValue } from '../model/entity.js';
import { canonicalKey } from '../model/kinds.js';
import { normaliseText } from '../text/normalise.js';

/**
 * Converts `yaml` CST-backed nodes into the index's plain values with exact spans.
 * `base` is the offset of the YAML text inside the file (front matter starts after `---`).
 */
export class YamlValueReader {
  constructor(private readonly text: string, readonly base: number) {}

  span(node: { range?: [number, number, number] | null | undefined } | null | undefined, fallback: number): { start: number; end: number } {
    const range = node?.range;
    if (!range) return { start: this.base + fallback, end: this.base + fallback };
    return { start: this.base + range[0], end: this.base + range[1] };
  }

  value(node: unknown, fallback: number): FieldValue {
    if (isScalar(node)) {
      const span = this.span(node, fallback);
      const raw = node.value;
      // Strings compare without invisible white space (§10.16); `text` keeps what was written.
      const value = raw === null || raw === undefined ? null : typeof raw === 'number' || typeof raw === 'boolean' ? raw : normaliseText(String(raw));
      return { type: 'scalar', value, text: this.text.slice(span.start, span.end), span };
    }
    if (isSeq(node)) {
      const span = this.span(node, fallback);
      return { type: 'list', span, items: node.items.map((item) => this.value(item, span.start - this.base)) };
    }
    if (isMap(node)) {
      const span = this.span(node, fallback);
      return { type: 'map', span, fields: this.fields(node) };
    }
    // An alias or a missing value: treat as an empty scalar at the fallback position.
    const at = this.base + fallback;
    return { type: 'scalar', value: null, text: '', span: { start: at, end: at } };
  }

  fields(map: YAMLMap): Field[] {
    return map.items.filter(isPair).map((pair) => this.field(pair as Pair<Node, unknown>));
  }

  field(pair: Pair<Node, unknown>, key = this.key(pair)): Field {
    const value = this.value(pair.value, key.keySpan.end - this.base + 1);
    return { key: key.key, keyText: key.keyText, keySpan: key.keySpan, value };
  }

  /** A pair's key alone: what it names decides whether its value is read as a field at all. */
  key(pair: Pair<Node, unknown>): Pick<Field, 'key' | 'keyText' | 'keySpan'> {
    const keySpan = this.span(pair.key as Node, 0);
    const keyText = isScalar(pair.key) ? String(pair.key.value) : this.text.slice(keySpan.start, keySpan.end);
    return { key: canonicalKey(keyText), keyText, keySpan };
  }
}
