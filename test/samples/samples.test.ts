import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULE_IDS, TEMPLATE_RULE_IDS } from '../../server/src/rules/ruleIds.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'bin/strategy-lint.cjs');

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; line: number; column: number; fix?: unknown }[];
}

function lint(dir: string, ...args: string[]): { status: number | null; results: JsonResult[] } {
  const run = spawnSync(process.execPath, [CLI, dir, '--format', 'json', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: run.status, results: JSON.parse(run.stdout) as JsonResult[] };
}

function located(dir: string, results: JsonResult[]): string[] {
  return results.flatMap((r) => r.messages.map((m) => `${relative(dir, r.filePath)}:${m.line}:${m.column} ${m.ruleId}`));
}

/** Each line is one break written into samples/acme on purpose (see its files' comments and the README). */
const ACME_FINDINGS = [
  'docs/growth-strategy.md:6:1 focus-limit',
  'docs/growth-strategy.md:6:1 metric-balance',
  'docs/growth-strategy.md:24:1 initiative-metric',
  'docs/growth-strategy.md:29:1 objective-initiatives',
  'docs/growth-strategy.md:29:1 objective-metric',
  'docs/growth-strategy.md:37:1 initiative-objective',
  'docs/growth-strategy.md:37:1 initiative-owner',
  'docs/platform-strategy.md:5:1 initiative-owner',
  'docs/platform-strategy.md:6:7 duplicate-id',
  'docs/platform-strategy.md:10:8 schedule',
  'docs/platform-strategy.md:26:7 duplicate-id',
  'prds/smart-invoicing.md:2:7 prd-link',
  'strategy/company-2027.strategy.yaml:3:9 focus-limit',
  'strategy/company-2027.strategy.yaml:34:14 schedule',
  'strategy/company-2027.strategy.yaml:36:9 focus-limit',
  'strategy/company-2027.strategy.yaml:36:9 metric-balance',
  'strategy/company-2027.strategy.yaml:47:13 metric-target',
  'strategy/company-2027.strategy.yaml:58:9 focus-limit',
  'strategy/company-2027.strategy.yaml:58:9 objective-initiatives',
  'strategy/company-2027.strategy.yaml:58:9 objective-metric',
  'strategy/company-2027.strategy.yaml:58:9 perspective-coverage',
  'strategy/company-2027.strategy.yaml:64:9 objective-metric',
  'strategy/company-2027.strategy.yaml:66:12 unknown-owner',
  'strategy/company-2027.strategy.yaml:67:13 placeholder-value',
  'strategy/company-2027.strategy.yaml:68:13 parent-cycle',
  'strategy/company-2027.strategy.yaml:70:9 objective-metric',
  'strategy/company-2027.strategy.yaml:74:13 parent-cycle',
  'strategy/company-2027.strategy.yaml:84:10 schedule',
  'strategy/company-2027.strategy.yaml:87:16 unresolved-reference',
  'strategy/company-2027.strategy.yaml:89:15 kind-mismatch',
  'strategy/company-2027.strategy.yaml:93:16 dropped-link',
  'strategy/company-2027.strategy.yaml:96:13 invalid-value',
  'strategy/company-2027.strategy.yaml:97:9 initiative-owner',
  'strategy/company-2027.strategy.yaml:100:5 unknown-field',
  'strategy/execution-q1.strategy.yaml:10:14 stale-update',
  'strategy/execution-q1.strategy.yaml:18:18 metric-pace',
  'strategy/execution-q1.strategy.yaml:30:48 milestone-schedule',
  'strategy/execution-q1.strategy.yaml:33:9 kr-count',
  'strategy/execution-q1.strategy.yaml:38:15 allocation',
  'strategy/execution-q1.strategy.yaml:58:22 dependency-order',
  'strategy/owners.strategy.yaml:7:9 owner-load',
  'strategy/partners.strategy.yaml:5:12 syntax',
];

/** samples/health: one finding per execution-health rule, each explained in its README. */
const HEALTH_FINDINGS = [
  'docs/activation.md:6:1 perspective-coverage',
  'docs/activation.md:23:12 metric-pace',
  'docs/activation.md:24:12 stale-update',
  'docs/guided-setup.md:13:42 milestone-schedule',
  'strategy/q1.strategy.yaml:55:22 dependency-order',
  'strategy/q1.strategy.yaml:62:15 allocation',
  'strategy/q1.strategy.yaml:91:9 kr-count',
];

describe('the sample workspaces', () => {
  const acme = join(ROOT, 'samples/acme');

  it('samples/acme reports exactly its planted breaks and exits 1', () => {
    const { status, results } = lint(acme);
    assert.equal(status, 1);
    assert.deepEqual(located(acme, results), ACME_FINDINGS);
  });

  it('samples/acme makes every rule of the spec fire at least once', () => {
    const fired = new Set(located(acme, lint(acme).results).map((l) => l.split(' ')[1]));
    // Template rules fire only on documents a template reads (test/templates, samples/<preset>).
    assert.deepEqual(RULE_IDS.filter((id) => !fired.has(id) && !TEMPLATE_RULE_IDS.includes(id)), []);
  });

  it('samples/clean lints with no findings and exits 0', () => {
    const clean = join(ROOT, 'samples/clean');
    const { status, results } = lint(clean);
    assert.equal(status, 0);
    assert.deepEqual(located(clean, results), []);
  });

  it('samples/health reports exactly one finding per execution-health rule', () => {
    const health = join(ROOT, 'samples/health');
    const { status, results } = lint(health);
    assert.equal(status, 0, 'warnings and infos only');
    assert.deepEqual(located(health, results), HEALTH_FINDINGS);
  });

  it('`strategy-lint report samples/health` shows the Health section', () => {
    const run = spawnSync(process.execPath, [CLI, 'report', join(ROOT, 'samples/health')], { encoding: 'utf8', cwd: ROOT });
    assert.equal(run.status, 0, run.stderr);
    const out = run.stdout;
    assert.match(out, /^## Health$/m);
    assert.match(out, /^\| \*\*OBJ-activation\*\* \| 2027-Q1 \| P1 \| 🟠 at risk \| health: at-risk \(its last check-in, 2027-02-15\); key result KR-activation is at risk \(7% of the way with 52% of its window gone\)/m);
    assert.match(out, /^\| \*\*OBJ-brand\*\* \| 2027-Q1 \| P3 \| 🔴 off track \| child objective OBJ-nordic-press is off track/m);
    assert.match(out, /^- key result \*\*KR-activation\*\*: updated 2027-01-10, 38 days ago \(cadence 14 days\)/m);
    assert.match(out, /^- \*\*2027-Q1\*\*: P0 17 · P1 6 · P2 12 · P3 2 person-weeks$/m);
  });

  it('--fix on a copy of acme applies only the safe fixes, and a second --fix changes nothing', () => {
    const copy = mkdtempSync(join(tmpdir(), 'acme-'));
    try {
      cpSync(acme, copy, { recursive: true });
      const first = spawnSync(process.execPath, [CLI, copy, '--fix'], { encoding: 'utf8' });
      assert.equal(first.status, 1, first.stderr);
      const plan = readFileSync(join(copy, 'strategy/company-2027.strategy.yaml'), 'utf8');
      assert.match(plan, /objective: OBJ-revenue\n/, 'the unique closest id replaces the typo');
      assert.match(plan, /status: planned\n/, 'an enum value one edit away is corrected');
      assert.match(plan, /\n    owner: "@priya"\n/, 'the misspelt field is renamed');
      assert.match(plan, /start: 2027-04-01\n        due: 2027-04-30   # due before start/, 'start and due are swapped, the comment kept');
      assert.match(readFileSync(join(copy, 'strategy/partners.strategy.yaml'), 'utf8'), /owner: "@dana"/);
      assert.match(plan, /^# Acme company plan, 2027 first half\./, 'comments are kept');
      const remaining = located(copy, lint(copy).results).map((l) => l.split(' ')[1]);
      for (const fixed of ['unresolved-reference', 'unknown-field', 'syntax']) assert.ok(!remaining.includes(fixed), fixed);
      const snapshot = (f: string) => readFileSync(join(copy, f), 'utf8');
      const files = ['strategy/company-2027.strategy.yaml', 'strategy/partners.strategy.yaml', 'docs/growth-strategy.md', 'docs/platform-strategy.md'];
      const before = files.map(snapshot);
      spawnSync(process.execPath, [CLI, copy, '--fix'], { encoding: 'utf8' });
      assert.deepEqual(files.map(snapshot), before);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
