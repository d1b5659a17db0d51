// The lazy parse floor (the budget's yardstick): read every file, parse YAML files and front matter,
// and run remark only on Markdown that has entity headings. Nothing else: no index, no rules.
// Bundled by esbuild like the CLI so both pay the same module-loading cost.
// `--templated NAME` (the `--preset kep` case): files called NAME are read and parsed as YAML too.
// Markdown stays as above: a template finds sections with a line scan, not with remark, so the
// floor does not parse the READMEs beside kep.yaml either (remark on KEP READMEs alone costs ~10×
// the whole CLI run).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { unified } from 'unified';
import remarkParse from 'remark-parse';

const HEADING = /^(?: {0,3}#{1,6}[ \t]+)?(?:objective|key[ \t]+result|kr|metric|initiative|project)[ \t]*:/im;
// The same remark configuration the engine uses (CommonMark, see server/src/parse/markdownFile.ts).
const processor = unified().use(remarkParse).freeze();

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (/\.(md|markdown|strategy\.ya?ml)$/.test(entry.name) || entry.name === templated) out.push(p);
  }
  return out;
}

const templatedAt = process.argv.indexOf('--templated');
const templated = templatedAt === -1 ? undefined : process.argv[templatedAt + 1];
const start = performance.now();
let trees = 0;
for (const file of walk(process.argv[2], [])) {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.md') && !file.endsWith('.markdown')) {
    parseDocument(text);
    continue;
  }
  const fm = /^---\r?\n([^]*?)\r?\n(?:---|\.\.\.)\r?\n/.exec(text);
  if (fm) parseDocument(fm[1]);
  // Entity headings are looked for in the body: front matter keys such as `initiative:` declare no heading.
  if (HEADING.test(fm ? text.slice(fm[0].length) : text)) {
    processor.parse(text);
    trees++;
  }
}
process.stderr.write(`floor: ${trees} trees in ${(performance.now() - start).toFixed(0)} ms\n`);
