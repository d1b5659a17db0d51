// Where a cold CLI run spends its time, phase by phase and rule by rule (run `npx tsc -p .` first):
//   node scripts/bench/rule-times.mjs .bench/ws-10000 [--runs 3]
// Wraps each rule's check() with a timer and lints the workspace with the compiled modules in out/.
// Rules run a second time on a warm index (`--runs`), which separates one-off costs (derive/maintain
// builds) from per-file work. Not a benchmark of the bundle: use run.mjs for the budgets.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../..');
const load = (p) => import(pathToFileURL(resolve(root, 'out/server/src', p)).href);
const [{ RULES }, { loadWorkspace }, { getFormatter }] = await Promise.all([load('rules/registry.js'), load('cli/workspace.js'), load('cli/formatters/index.js')]);

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt === -1 ? 1 : Number(args[runsAt + 1]);
const workspacePath = args.find((a, i) => !a.startsWith('--') && (runsAt === -1 || i !== runsAt + 1)) ?? '.bench/ws-10000';

const totals = new Map();
for (const rule of RULES) {
  const check = rule.check;
  rule.check = (context) => {
    const start = performance.now();
    try {
      check.call(rule, context);
    } finally {
      totals.set(rule.meta.id, (totals.get(rule.meta.id) ?? 0) + performance.now() - start);
    }
  };
}

const ms = (t) => `${t.toFixed(0).padStart(6)} ms`;
let start = performance.now();
const workspace = loadWorkspace({ paths: [workspacePath] });
console.log(`load (discover, read, parse, index) ${ms(performance.now() - start)}  ${workspace.reported.length} files`);
for (let run = 1; run <= runs; run++) {
  totals.clear();
  start = performance.now();
  const findings = workspace.engine.lintAll();
  const lintMs = performance.now() - start;
  console.log(`\nlint run ${run} ${ms(lintMs)}  (rules ${ms([...totals.values()].reduce((a, b) => a + b, 0))})`);
  for (const [id, t] of [...totals].sort((a, b) => b[1] - a[1])) console.log(`  ${id.padEnd(24)} ${ms(t)}`);
  if (run === 1) {
    start = performance.now();
    const results = [];
    for (const file of workspace.reported) {
      const parsed = workspace.engine.getFile(file);
      results.push({ path: file, displayPath: file, findings: findings.get(file) ?? [], lineMap: parsed.lineMap });
    }
    const output = getFormatter('json')(results, { cwd: workspace.cwd, color: false, rules: RULES.map((r) => r.meta), version: '0' });
    console.log(`json formatting ${ms(performance.now() - start)}  ${(output.length / 1e6).toFixed(1)} MB`);
  }
}
