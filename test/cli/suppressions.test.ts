import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jsonOf, REPO_ROOT, runCli, workspace, CLEAN_PLAN } from './cli.js';

const SUPPRESSIONS = 'strategy-lint-suppressions.json';

/** A copy of samples/acme in a temp folder (removed after the suite). */
function acmeCopy(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'strategy-lint-baseline-'));
  cpSync(path.join(REPO_ROOT, 'samples', 'acme'), root, { recursive: true });
  copies.push(root);
  return root;
}
const copies: string[] = [];
after(() => copies.forEach((root) => rmSync(root, { recursive: true, force: true })));

function files(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(path.join(root, f)).isFile() && /\.(md|ya?ml)$/.test(f) && !f.startsWith('.strategylint'));
}

/** Puts ten lines in front of every entity of every file: prose after the front matter, comments in YAML. */
function moveEverythingDown(root: string): void {
  for (const rel of files(root)) {
    const file = path.join(root, rel);
    const text = readFileSync(file, 'utf8');
    if (rel.endsWith('.md')) {
      const lines = Array.from({ length: 10 }, (_, i) => `Filler line ${i + 1}, added in review.`).join('\n') + '\n';
      const frontMatter = /^---\n[\s\S]*?\n---\n/.exec(text);
      writeFileSync(file, frontMatter ? frontMatter[0] + lines + text.slice(frontMatter[0].length) : lines + '\n' + text);
    } else {
      writeFileSync(file, Array.from({ length: 10 }, (_, i) => `# filler ${i + 1}`).join('\n') + '\n' + text);
    }
  }
}

function counts(root: string): Record<string, Record<string, Record<string, number>>> {
  return JSON.parse(readFileSync(path.join(root, SUPPRESSIONS), 'utf8'));
}

describe('bulk suppressions (--suppress-all, strategy-lint-suppressions.json)', function () {
  // Each test runs the command several times: on a machine shared by many builds that takes a while.
  this.timeout(120_000);
  it('accepts today\'s findings, survives moved text, reports only a new orphan, and prunes a fixed one', () => {
    const root = acmeCopy();
    assert.equal(runCli([], { cwd: root }).status, 1, 'acme is broken on purpose');

    const suppressAll = runCli(['--suppress-all'], { cwd: root });
    assert.equal(suppressAll.status, 0, suppressAll.stderr);
    assert.match(suppressAll.stderr, /strategy-lint-suppressions\.json now suppresses 42 findings/);
    assert.ok(existsSync(path.join(root, SUPPRESSIONS)));

    const clean = runCli([], { cwd: root });
    assert.equal(clean.status, 0, clean.stdout);
    assert.match(clean.stdout, /42 problems suppressed by strategy-lint-suppressions\.json/);
    assert.doesNotMatch(clean.stdout, /error|warning/);

    moveEverythingDown(root);
    const moved = runCli(['--format', 'json'], { cwd: root });
    assert.equal(moved.status, 0, moved.stdout);
    const movedResults = jsonOf(moved);
    assert.deepEqual(movedResults.flatMap((r) => r.messages), []);
    // The findings did move: the accepted ones are listed ten lines further down.
    const growth = movedResults.find((r) => r.filePath.endsWith('growth-strategy.md')) as unknown as { suppressedMessages: { ruleId: string; line: number }[] };
    assert.ok(growth.suppressedMessages.some((m) => m.ruleId === 'initiative-metric' && m.line === 35), JSON.stringify(growth.suppressedMessages));

    const growthFile = path.join(root, 'docs', 'growth-strategy.md');
    writeFileSync(growthFile, readFileSync(growthFile, 'utf8') + '\n## Initiative: Affiliate pilot\n- id: INIT-affiliates\n- Owner: @lee\n- Metrics: KR-self-serve-share\n');
    const orphan = runCli(['--format', 'json'], { cwd: root });
    assert.equal(orphan.status, 1);
    const reported = jsonOf(orphan).flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)} ${m.ruleId} ${m.message.split(' ').slice(0, 2).join(' ')}`));
    assert.deepEqual(reported, ["growth-strategy.md initiative-objective Initiative 'INIT-affiliates'"]);

    // Fix a suppressed finding: its entry goes unused, --prune-suppressions drops it, and it is new if it comes back.
    const withOrphan = readFileSync(growthFile, 'utf8');
    const fixed = withOrphan.replace('- id: INIT-referrals\n', '- id: INIT-referrals\n- Metrics: KR-self-serve-share\n');
    assert.notEqual(fixed, withOrphan);
    writeFileSync(growthFile, fixed.replace(/\n## Initiative: Affiliate pilot[\s\S]*$/, '\n'));
    assert.equal(counts(root)['docs/growth-strategy.md']!['initiative-metric']!['INIT-referrals'], 1);
    const unused = runCli(['--report-unused-suppressions'], { cwd: root });
    assert.equal(unused.status, 1);
    assert.match(unused.stderr, /unused suppression: docs\/growth-strategy\.md › initiative-metric › INIT-referrals/);
    const prune = runCli(['--prune-suppressions'], { cwd: root });
    assert.equal(prune.status, 0, prune.stdout + prune.stderr);
    assert.match(prune.stderr, /removed 1 unused suppressions/);
    assert.equal(counts(root)['docs/growth-strategy.md']!['initiative-metric'], undefined);
    assert.equal(runCli(['--report-unused-suppressions'], { cwd: root }).status, 0);

    writeFileSync(growthFile, readFileSync(growthFile, 'utf8').replace('- id: INIT-referrals\n- Metrics: KR-self-serve-share\n', '- id: INIT-referrals\n'));
    const back = runCli(['--format', 'json'], { cwd: root });
    assert.equal(back.status, 1);
    assert.deepEqual(jsonOf(back).flatMap((r) => r.messages.map((m) => m.ruleId)), ['initiative-metric']);
  });

  it('keys entries by entity and field: edits around a finding keep it, the same finding on another entity is new', () => {
    const root = workspace({
      'plan.strategy.yaml': CLEAN_PLAN,
      'more.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    title: A\n    objective: OBJ-smb\n    metrics: [KR-activation]\n',
    });
    assert.equal(runCli(['--suppress-all'], { cwd: root }).status, 0);
    assert.deepEqual(counts(root), { 'more.strategy.yaml': { 'initiative-owner': { 'INIT-a': 1 } } });
    // Editing another field of the same entity, or text around it, changes nothing.
    writeFileSync(path.join(root, 'more.strategy.yaml'), '# a comment\ninitiatives:\n  - id: INIT-a\n    title: A renamed\n    status: planned\n    objective: OBJ-smb\n    metrics: [KR-activation]\n');
    assert.equal(runCli([], { cwd: root }).status, 0);
    // The same finding on another entity is new.
    writeFileSync(path.join(root, 'more.strategy.yaml'), 'initiatives:\n  - id: INIT-b\n    title: B\n    objective: OBJ-smb\n    metrics: [KR-activation]\n');
    const renamed = runCli(['--format', 'json'], { cwd: root });
    assert.equal(renamed.status, 1);
    assert.deepEqual(jsonOf(renamed).flatMap((r) => r.messages.map((m) => m.ruleId)), ['initiative-owner']);
  });

  it('reports a whole group once it holds more findings than it accepted (nothing tells which one is new)', () => {
    const declare = (n: number) => 'owners:\n' + Array.from({ length: n }, () => '  - id: "@dup"\n').join('');
    const root = workspace({ 'owners.strategy.yaml': declare(2) });
    assert.equal(runCli(['--suppress-all'], { cwd: root }).status, 0);
    assert.deepEqual(counts(root), { 'owners.strategy.yaml': { 'duplicate-id': { dup: 2 } } });
    writeFileSync(path.join(root, 'owners.strategy.yaml'), declare(3));
    const run = runCli(['--format', 'json'], { cwd: root });
    assert.equal(run.status, 1);
    assert.deepEqual(jsonOf(run)[0]!.messages.map((m) => `${m.line} ${m.ruleId}`), ['2 duplicate-id', '3 duplicate-id', '4 duplicate-id']);
  });

  it('--suppress-rule accepts only the named rules; json, sarif and stylish say what was suppressed', () => {
    const root = acmeCopy();
    const run = runCli(['--suppress-rule', 'objective-metric', '--suppress-rule', 'focus-limit', '--format', 'json'], { cwd: root });
    assert.equal(run.status, 1);
    const results = jsonOf(run) as unknown as { messages: { ruleId: string }[]; suppressedMessages: { ruleId: string; suppressions: { kind: string }[] }[] }[];
    const suppressed = results.flatMap((r) => r.suppressedMessages);
    assert.deepEqual([...new Set(suppressed.map((m) => m.ruleId))].sort(), ['focus-limit', 'objective-metric']);
    assert.equal(suppressed.length, 4 + 4);
    assert.ok(suppressed.every((m) => m.suppressions[0]!.kind === 'file'));
    assert.ok(!results.some((r) => r.messages.some((m) => m.ruleId === 'objective-metric' || m.ruleId === 'focus-limit')));
    assert.deepEqual(Object.keys(counts(root)['strategy/company-2027.strategy.yaml']!).sort(), ['focus-limit', 'objective-metric']);

    const sarif = JSON.parse(runCli(['--format', 'sarif'], { cwd: root }).stdout);
    const accepted = sarif.runs[0].results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
    assert.equal(accepted.length, 8);
    assert.equal(accepted[0].suppressions[0].kind, 'external');

    const stylish = runCli([], { cwd: root });
    assert.match(stylish.stdout, /34 problems \(14 errors, 16 warnings, 4 info\)\n {2}3 errors and 2 warnings potentially fixable with the --fix option\.\n {2}8 problems suppressed by strategy-lint-suppressions\.json/);
  });

  it('--suppressions-location puts the file elsewhere, with paths relative to it', () => {
    const root = acmeCopy();
    assert.equal(runCli(['--suppress-all', '--suppressions-location', 'ci/baseline.json'], { cwd: root }).status, 0);
    assert.ok(!existsSync(path.join(root, SUPPRESSIONS)));
    const written = JSON.parse(readFileSync(path.join(root, 'ci', 'baseline.json'), 'utf8'));
    assert.ok(written['../docs/growth-strategy.md'], Object.keys(written).join(', '));
    assert.equal(runCli(['--suppressions-location', 'ci/baseline.json'], { cwd: root }).status, 0);
    assert.equal(runCli([], { cwd: root }).status, 1, 'the default location holds nothing');
  });

  it('refuses contradictory flags and a damaged file (exit 2)', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN });
    for (const args of [['--suppress-all', '--suppress-rule', 'syntax'], ['--suppress-all', '--prune-suppressions'], ['--suppress-rule', 'initiative-ownr']]) {
      const run = runCli(args, { cwd: root });
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, /^strategy-lint: /);
    }
    assert.match(runCli(['--suppress-rule', 'initiative-ownr'], { cwd: root }).stderr, /did you mean "initiative-owner"/i);
    writeFileSync(path.join(root, SUPPRESSIONS), '{ "plan.strategy.yaml": { "syntax": { "*": "two" } } }');
    const damaged = runCli([], { cwd: root });
    assert.equal(damaged.status, 2);
    assert.match(damaged.stderr, /strategy-lint-suppressions\.json: "plan\.strategy\.yaml" › "syntax" › "\*" should be a count/);
  });
});
