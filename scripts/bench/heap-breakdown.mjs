// Where a cold CLI run's memory goes (run `npx tsc -p .` first):
//   node --expose-gc scripts/bench/heap-breakdown.mjs .bench/ws-heavy-10000
// Loads and lints the workspace with the compiled modules in out/, then frees one part at a time
// and prints how much live heap each held: the findings, each rule's derived or maintained cache,
// the index's maps, the parsed entities, the line maps. lintAll (the CLI's) forgets each rule's
// cache once the rule has checked every file; the caches are measured after linting every file
// once more on its own (engine.lint), as the language server keeps them. Heap sizes after a full GC are the same
// from run to run, so unlike wall times they can be compared on a busy machine. Reaches into the
// index's private maps: a profiling aid, not an API.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

if (typeof gc !== 'function') throw new Error('run with node --expose-gc');
const root = resolve(import.meta.dirname, '../..');
const { loadWorkspace } = await import(pathToFileURL(resolve(root, 'out/server/src/cli/workspace.js')).href);
const workspacePath = process.argv[2] ?? '.bench/ws-10000';

const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};
const mb = (n) => `${n.toFixed(1).padStart(7)} MB`;
const base = heapMb();
const workspace = loadWorkspace({ paths: [workspacePath] });
const loaded = heapMb();
let findings = workspace.engine.lintAll();
const linted = heapMb();
let count = 0;
for (const list of findings.values()) count += list.length;
console.log(`loaded ${mb(loaded - base)}  linted ${mb(linted - base)}  peak RSS ${(process.resourceUsage().maxRSS / 1e3).toFixed(0)} MB  (${workspace.reported.length} files, ${count} findings)`);

let before = linted;
const freed = (label) => {
  const after = heapMb();
  console.log(`  ${label.padEnd(44)} ${mb(before - after)}`);
  before = after;
};
const index = workspace.engine.index;
for (const file of workspace.reported) workspace.engine.lint(file);
const cached = heapMb();
console.log(`  ${'(rule caches, linting file by file)'.padEnd(44)} ${mb(cached - linted)}`);
before = cached;
findings = undefined;
freed('findings');
for (const store of ['derived', 'maintained']) {
  for (const key of [...index[store].keys()]) {
    index[store].delete(key);
    freed(`${store} ${key}`);
  }
}
index.byRefId.clear();
index.byRefKey.clear();
freed('index: references by target');
index.byId.clear();
index.byKind.clear();
freed('index: entities by id and kind');
let entities = 0;
for (const file of index.files.values()) {
  entities += file.entities.length;
  file.entities = [];
}
freed(`entities (${entities}: fields, values, references, ranges)`);
for (const file of index.files.values()) file.lineMap = undefined;
freed('line maps');
