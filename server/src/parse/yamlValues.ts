import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Field, FieldValue } from '../model/entity.js';
import { canonicalKey } from '../model/kinds.js';
import { normaliseText } from '../text/normalise.js';

const MAX_ALIAS_EXPANSIONS = 10_000;

/**
 * Converts `yaml` CST-backed nodes into the index's plain values with exact spans.
 * `base` is the offset of the YAML text inside the file (front matter starts after `---`).
 */
export class YamlValueReader {
  /**
   * Aliases this reader may still expand. An alias to a list of aliases to lists… (a "billion
   * laughs" document) would otherwise expand exponentially; past the budget an alias reads as empty.
   */
  private aliasBudget = MAX_ALIAS_EXPANSIONS;
  /** Anchored nodes being expanded now: an alias inside its own anchor's node reads as empty. */
  private readonly expanding = new Set<unknown>();
  /** What each alias of the document resolves to, found in one walk (Alias.resolve walks the whole document each time). */
  private aliasTargets: Map<Alias, Node> | undefined;

  constructor(private readonly text: string, readonly base: number, private readonly doc?: Document) {}

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
    if (isAlias(node)) {
      // §10.17: an alias is its anchor's value, read where the anchor's text is (a fix edits it there).
      const target = this.aliasTarget(node);
      if (target && this.aliasBudget > 0 && !this.expanding.has(target)) {
        this.aliasBudget--;
        this.expanding.add(target);
        try {
          return this.value(target, fallback);
        } finally {
          this.expanding.delete(target);
        }
      }
    }
    // A missing value (or an alias that cannot be expanded): an empty scalar at the fallback position.
    const at = this.base + fallback;
    return { type: 'scalar', value: null, text: '', span: { start: at, end: at } };
  }

  /** The node an alias names: the last node before it with that anchor, as YAML defines it. */
  private aliasTarget(alias: Alias): Node | undefined {
    if (!this.doc) return undefined;
    if (!this.aliasTargets) {
      const targets = new Map<Alias, Node>();
      const anchored = new Map<string, Node>();
      visit(this.doc, {
        Node: (_key, node) => {
          if (isAlias(node)) {
            const target = anchored.get(node.source);
            if (target) targets.set(node, target);
          } else if (node.anchor) anchored.set(node.anchor, node);
        },
      });
      this.aliasTargets = targets;
    }
    return this.aliasTargets.get(alias);
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
