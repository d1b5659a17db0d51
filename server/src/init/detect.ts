import { readdirSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { findFrontMatter } from '../parse/frontMatter.js';
import { MAYBE_ENTITY_HEADING } from '../parse/markdownHeadings.js';

/** A family of documents `strategy-lint init` recognises, with how many files it found and where. */
export interface Layout {
  /** The preset that reads it (`kep`, …), or `spec` for the SPEC forms of §4. */
  name: 'kep' | 'rust-rfc' | 'ember-rfc' | 'madr' | 'prd' | 'spec';
  files: string[];
}

const ORDER: readonly Layout['name'][] = ['kep', 'rust-rfc', 'ember-rfc', 'madr', 'prd', 'spec'];
const SKIPPED = new Set(['node_modules', '.git']);
/** A large repository is recognised from its first files; init reads no more than this. */
const MAX_FILES = 20000;
const HEAD = 4000;

/**
 * Looks at a folder's files and says which known layouts it holds: KEP `kep.yaml` trees, Rust
 * RFCs (`text/NNNN-*.md` opening with `- Feature Name:`), Ember RFCs (front matter with `stage`
 * and `teams`), MADR decision records (`## Decision Outcome`), PRDs (an owner line or table and a
 * problem/goals section, or `prd` in the name), and SPEC-format files. Paths are relative to `root`.
 */
export function detectLayouts(root: string): Layout[] {
  const found = new Map<Layout['name'], string[]>();
  const add = (name: Layout['name'], rel: string) => found.set(name, [...(found.get(name) ?? []), rel]);
  let seen = 0;
  const walk = (dir: string, rel: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      if (seen >= MAX_FILES || SKIPPED.has(name)) continue;
      const path = `${dir}/${name}`;
      const relPath = rel ? `${rel}/${name}` : name;
      let stats;
      try {
        stats = statSync(path);
      } catch {
        continue;
      }
      if (stats.isDirectory()) walk(path, relPath);
      else if (stats.isFile()) {
        seen++;
        const kind = classify(relPath, () => readHead(path));
        if (kind) add(kind, relPath);
      }
    }
  };
  walk(root, '');
  return ORDER.filter((name) => found.has(name)).map((name) => ({ name, files: found.get(name)! }));
}

function readHead(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(0, HEAD);
  } catch {
    return '';
  }
}

/** Which layout one file belongs to, if any; `head` reads the file's beginning only when needed. */
export function classify(rel: string, head: () => string): Layout['name'] | undefined {
  const name = posix.basename(rel).toLowerCase();
  if (name === 'kep.yaml') return 'kep';
  if (/\.strategy\.ya?ml$/.test(name)) return 'spec';
  if (!/\.(md|markdown)$/.test(name) || name === 'readme.md') return undefined;
  const text = head();
  const front = findFrontMatter(text);
  const yaml = front && front.end !== -1 ? text.slice(front.contentStart, front.contentEnd) : '';
  if (/^kind[ \t]*:[ \t]*["']?(objective|metric|key-result|kr|initiative|project|owner|team|person|prd)["']?[ \t]*$/im.test(yaml)) return 'spec';
  if (/(^|\/)text\/\d{4}-[^/]*$/.test(rel) && /^[-*][ \t]+Feature Name[ \t]*:/m.test(text)) return 'rust-rfc';
  if (/^stage[ \t]*:/m.test(yaml) && /^teams[ \t]*:/m.test(yaml)) return 'ember-rfc';
  if (/^#{2,3}[ \t]+Decision Outcome/im.test(text)) return 'madr';
  const ownerLine = /^(?:[-*][ \t]+)?\*\*Owner:?\*\*|^\|[ \t]*\**Owner\**[ \t]*\|/im.test(text);
  const prdSections = /^#{1,3}[ \t]+(Problem|Why|Goals|Success metrics)\b/im.test(text);
  if ((/prd/.test(name) && prdSections) || (ownerLine && prdSections)) return 'prd';
  if (MAYBE_ENTITY_HEADING.test(text)) return 'spec';
  return undefined;
}
