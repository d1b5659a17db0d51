/**
 * A strict little XML parser for tests: it accepts only well-formed documents (one root, matched
 * tags, quoted unique attributes, known entities, no stray `<` or `&`) and returns the element tree
 * with entities decoded, so a test can both prove well-formedness and read values back.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Decoded character data directly inside this element. */
  text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(source: string): XmlElement {
  let pos = 0;
  const fail = (why: string): never => {
    throw new Error(`malformed XML at ${pos}: ${why} near ${JSON.stringify(source.slice(pos, pos + 30))}`);
  };
  const skipSpace = () => {
    while (pos < source.length && /\s/.test(source[pos]!)) pos++;
  };
  const decode = (raw: string): string => {
    if (/[<]/.test(raw)) fail('unescaped <');
    return raw.replace(/&([^;]*);|&/g, (whole, entity: string | undefined) => {
      if (entity === undefined) return fail('bare &');
      if (entity in ENTITIES) return ENTITIES[entity]!;
      const code = /^#x([0-9a-fA-F]+)$/.exec(entity)?.[1] ?? /^#([0-9]+)$/.exec(entity)?.[1];
      if (code === undefined) return fail(`unknown entity ${whole}`);
      return String.fromCodePoint(entity.startsWith('#x') ? parseInt(code, 16) : Number(code));
    });
  };
  const readName = (): string => {
    const m = NAME.exec(source.slice(pos));
    if (!m) fail('expected a name');
    pos += m![0].length;
    return m![0];
  };

  const element = (): XmlElement => {
    if (source[pos] !== '<') fail('expected <');
    pos++;
    const node: XmlElement = { name: readName(), attributes: {}, children: [], text: '' };
    for (;;) {
      const before = pos;
      skipSpace();
      if (source.startsWith('/>', pos)) {
        pos += 2;
        return node;
      }
      if (source[pos] === '>') {
        pos++;
        break;
      }
      if (pos === before) fail('expected whitespace before attribute');
      const key = readName();
      if (key in node.attributes) fail(`duplicate attribute ${key}`);
      skipSpace();
      if (source[pos] !== '=') fail('expected =');
      pos++;
      skipSpace();
      const quote = source[pos];
      if (quote !== '"' && quote !== "'") fail('unquoted attribute');
      const end = source.indexOf(quote!, pos + 1);
      if (end === -1) fail('unterminated attribute');
      node.attributes[key] = decode(source.slice(pos + 1, end));
      pos = end + 1;
    }
    for (;;) {
      const next = source.indexOf('<', pos);
      if (next === -1) fail(`unclosed <${node.name}>`);
      node.text += decode(source.slice(pos, next));
      pos = next;
      if (source.startsWith('</', pos)) {
        pos += 2;
        if (readName() !== node.name) fail(`mismatched </…> for <${node.name}>`);
        skipSpace();
        if (source[pos] !== '>') fail('expected >');
        pos++;
        return node;
      }
      if (source.startsWith('<!--', pos)) {
        const end = source.indexOf('-->', pos);
        if (end === -1) fail('unterminated comment');
        pos = end + 3;
        continue;
      }
      node.children.push(element());
    }
  };

  if (source.startsWith('<?xml')) {
    const end = source.indexOf('?>');
    if (end === -1) fail('unterminated declaration');
    pos = end + 2;
  }
  skipSpace();
  // An HTML page written as well-formed XML starts with its doctype.
  if (/^<!DOCTYPE [^<>]*>/i.test(source.slice(pos))) pos = source.indexOf('>', pos) + 1;
  skipSpace();
  const root = element();
  skipSpace();
  if (pos !== source.length) fail('content after the root element');
  return root;
}

/** Child elements named `name`. */
export function childrenNamed(node: XmlElement, name: string): XmlElement[] {
  return node.children.filter((c) => c.name === name);
}
