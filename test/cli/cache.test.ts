import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLEAN_PLAN, jsonOf, locations, ORPHAN_INITIATIVE, REPO_ROOT, runCli, workspace } from './cli.js';

const CACHE = '.strategylintcache';
const MAGIC = 'strategy-lint cache\n';

/** The orphan's mtime, whole seconds (a file system keeps finer times than a Date can give back). */
const PINNED = new Date('2027-01-15T10:00:00Z');

/** A workspace with one finding (an initiative without owner) and a config that pins today. */
function planWorkspace(): string {
  const root = workspace({ '.strategylint.yaml': 'today: 2027-02-01\n', 'plan.strategy.yaml': CLEAN_PLAN, 'orphan.strategy.yaml': ORPHAN_INITIATIVE });
  utimesSync(path.join(root, 'orphan.strategy.yaml'), PINNED, PINNED);
  return root;
}

/** Replaces the orphan's text by one of the same length and gives it back its mtime: only its content tells. */
function rewriteInPlace(file: string, from: string, to: string): void {
  assert.equal(from.length, to.length);
  assert.equal(statSync(file).mtimeMs, PINNED.getTime());
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
  utimesSync(file, PINNED, PINNED);
}

describe('CLI --cache', () => {
  it('writes .strategylintcache in the current folder and reports the same findings on the next run', () => {
    const root = planWorkspace();
    const cold = runCli(['--format', 'json'], { cwd: root });
    const first = runCli(['--cache', '--format', 'json'], { cwd: root });
    assert.ok(readFileSync(path.join(root, CACHE)).subarray(0, MAGIC.length).toString() === MAGIC);
    const second = runCli(['--cache', '--format', 'json'], { cwd: root });
    assert.equal(first.status, 1);
    assert.equal(second.status, 1);
    assert.deepEqual(jsonOf(first), jsonOf(cold));
    assert.deepEqual(jsonOf(second), jsonOf(cold));
    assert.deepEqual(locations(second, root), ['orphan.strategy.yaml:2 initiative-owner']);
  });

  it('prints, counts and exits from stored findings as a run without the cache does (--quiet, --max-warnings, several formats)', function () {
    this.timeout(120_000);
    // samples/acme has errors, warnings and info findings; the cache lives outside the folder, which the runs without it leave alone.
    const root = workspace({});
    cpSync(path.join(REPO_ROOT, 'samples', 'acme'), root, { recursive: true });
    const cacheAt = ['--cache', '--cache-location', path.join(workspace({}), 'cache')];
    const variants = [['--format', 'json'], ['--quiet', '--format', 'stylish'], ['--max-warnings', '0', '--format', 'junit']];
    // What --stats counts (files, findings), without its times.
    const counted = (run: { stderr: string }) => /\d+ files? linted[^\n]*/.exec(run.stderr)?.[0];
    const compare = (label: string, args: readonly string[], cache: RegExp) => {
      const cold = runCli([...args, '--stats'], { cwd: root });
      const warm = runCli([...cacheAt, ...args, '--stats'], { cwd: root });
      assert.equal(warm.stdout, cold.stdout, label);
      assert.equal(warm.status, cold.status, label);
      assert.equal(counted(warm), counted(cold), label);
      assert.ok(counted(cold), cold.stderr);
      assert.match(warm.stderr, cache, label);
    };
    runCli(cacheAt, { cwd: root });
    for (const args of variants) compare(`nothing changed: ${args.join(' ')}`, args, /cache: used; 0 files parsed/);
    const plan = path.join(root, 'strategy', 'execution-q1.strategy.yaml');
    for (const [i, args] of variants.entries()) {
      // A file changed before each run: the others' findings come from the cache.
      writeFileSync(plan, `${readFileSync(plan, 'utf8')}# edit ${i}\n`);
      compare(`one file changed: ${args.join(' ')}`, args, /cache: used; 1 file parsed/);
    }
  });

  it('applies the bulk suppressions file to stored findings as a run without the cache does', function () {
    this.timeout(120_000);
    const root = workspace({});
    cpSync(path.join(REPO_ROOT, 'samples', 'acme'), root, { recursive: true });
    const cacheAt = ['--cache', '--cache-location', path.join(workspace({}), 'cache')];
    runCli(['--suppress-rule', 'initiative-owner'], { cwd: root });
    const counted = (run: { stderr: string }) => /\d+ files? linted[^\n]*/.exec(run.stderr)?.[0];
    runCli(cacheAt, { cwd: root });
    const plan = path.join(root, 'strategy', 'execution-q1.strategy.yaml');
    for (const change of ['nothing changed', 'one file changed']) {
      if (change === 'one file changed') writeFileSync(plan, `${readFileSync(plan, 'utf8')}# edit\n`);
      const cold = runCli(['--format', 'json', '--stats'], { cwd: root });
      const warm = runCli([...cacheAt, '--format', 'json', '--stats'], { cwd: root });
      assert.equal(warm.stdout, cold.stdout, change);
      assert.equal(warm.status, cold.status, change);
      assert.equal(counted(warm), counted(cold), change);
      assert.match(counted(cold) ?? '', /[1-9]\d* suppressed/, 'the file suppresses some findings');
      assert.match(warm.stderr, /cache: used/, change);
    }
  });

  it('trusts size and mtime with the default metadata strategy, and the content with --cache-strategy content', () => {
    const root = planWorkspace();
    runCli(['--cache', '--format', 'json'], { cwd: root });
    // The orphan gets an owner by a same-length edit with its old mtime: metadata cannot see it (ESLint's trade-off).
    rewriteInPlace(path.join(root, 'orphan.strategy.yaml'), '    metrics: [KR-activation]\n', '    owner: "@maria"'.padEnd(28) + '\n');
    assert.deepEqual(locations(runCli(['--cache', '--format', 'json'], { cwd: root }), root), ['orphan.strategy.yaml:2 initiative-owner']);
    const content = runCli(['--cache', '--cache-strategy', 'content', '--format', 'json'], { cwd: root });
    assert.deepEqual(locations(content, root), ['orphan.strategy.yaml:2 initiative-metric']);
  });

  it('re-checks the files a change affects, in other files too', () => {
    const root = planWorkspace();
    runCli(['--cache'], { cwd: root });
    // Removing @maria's declaration makes every use of her an unknown owner… in the other file as well.
    writeFileSync(path.join(root, 'people.strategy.yaml'), 'owners:\n  - id: "@sam"\n');
    writeFileSync(path.join(root, 'plan.strategy.yaml'), CLEAN_PLAN.replace('owners:\n  - id: "@maria"\n    name: Maria Lopez\n', ''));
    const warm = runCli(['--cache', '--format', 'json'], { cwd: root });
    const cold = runCli(['--format', 'json'], { cwd: root });
    assert.deepEqual(jsonOf(warm), jsonOf(cold));
    assert.ok(locations(warm, root).includes('plan.strategy.yaml:4 unknown-owner'), locations(warm, root).join('\n'));
  });

  it('forgets a deleted file and its findings', () => {
    const root = planWorkspace();
    runCli(['--cache'], { cwd: root });
    writeFileSync(path.join(root, 'orphan.strategy.yaml'), '');
    const warm = runCli(['--cache', '--format', 'json'], { cwd: root });
    assert.equal(warm.status, 0);
    assert.deepEqual(locations(warm, root), []);
  });

  for (const [name, damage] of [
    ['truncated', (bytes: Buffer) => bytes.subarray(0, bytes.length - 7)],
    ['with a flipped byte', (bytes: Buffer) => Buffer.from(bytes.map((b, i) => (i === bytes.length - 20 ? b ^ 0xff : b)))],
    ['not a cache at all', () => Buffer.from('{"some":"other tool"}\n')],
  ] as const) {
    it(`ignores and rewrites a cache file ${name}`, () => {
      const root = planWorkspace();
      runCli(['--cache'], { cwd: root });
      const file = path.join(root, CACHE);
      writeFileSync(file, damage(readFileSync(file)));
      const run = runCli(['--cache', '--format', 'json'], { cwd: root });
      assert.equal(run.stderr, '');
      assert.deepEqual(locations(run, root), ['orphan.strategy.yaml:2 initiative-owner']);
      assert.equal(readFileSync(file).subarray(0, MAGIC.length).toString(), MAGIC);
      // Rewritten whole: the next run trusts it and still agrees.
      assert.deepEqual(locations(runCli(['--cache', '--format', 'json'], { cwd: root }), root), ['orphan.strategy.yaml:2 initiative-owner']);
    });
  }

  it('parses a file again whose stored parse result is damaged, and stores it anew, when another file changed', () => {
    const root = planWorkspace();
    runCli(['--cache'], { cwd: root });
    const file = path.join(root, CACHE);
    const bytes = readFileSync(file);
    // The trailer (the last 192 bytes) says where the file list lies; a row holds a file's parse result at [14] (its offset).
    const trailer = JSON.parse(bytes.subarray(bytes.length - 192).toString()) as { manifest: [number, number] };
    const rows = JSON.parse(bytes.subarray(trailer.manifest[0], trailer.manifest[0] + trailer.manifest[1]).toString()) as (string | number)[][];
    const plan = rows.find((row) => String(row[0]).endsWith('/plan.strategy.yaml'))!;
    bytes[Number(plan[14]) + 5]! ^= 0xff;
    writeFileSync(file, bytes);
    const orphan = path.join(root, 'orphan.strategy.yaml');
    writeFileSync(orphan, readFileSync(orphan, 'utf8').replace('Nobody owns this', 'Nobody owns this yet'));
    const warm = runCli(['--cache', '--stats', '--format', 'json'], { cwd: root });
    assert.match(warm.stderr, /cache: used; 2 files parsed/);
    writeFileSync(orphan, readFileSync(orphan, 'utf8').replace('Nobody owns this yet', 'Nobody owns this at all'));
    const healed = runCli(['--cache', '--stats', '--format', 'json'], { cwd: root });
    assert.match(healed.stderr, /cache: used; 1 file parsed/);
    const cold = runCli(['--format', 'json'], { cwd: root });
    assert.deepEqual(jsonOf(healed), jsonOf(cold));
    assert.deepEqual(locations(healed, root), ['orphan.strategy.yaml:2 initiative-owner']);
  });

  it('does not trust a cache written under another configuration (a rule turned off, the config edited)', () => {
    const root = planWorkspace();
    runCli(['--cache'], { cwd: root });
    const off = runCli(['--cache', '--rule', 'initiative-owner:off', '--format', 'json'], { cwd: root });
    assert.equal(off.status, 0);
    assert.deepEqual(locations(off, root), []);
    writeFileSync(path.join(root, '.strategylint.yaml'), 'today: 2027-02-01\nrules:\n  initiative-owner: warning\n');
    const warning = runCli(['--cache', '--format', 'json'], { cwd: root });
    assert.deepEqual(jsonOf(warning)[0]!.messages.map((m) => m.severity), [1]);
  });

  it('does not trust a cache written by another version of the tool', () => {
    const root = planWorkspace();
    runCli(['--cache'], { cwd: root });
    // A change the metadata strategy cannot see (as above): only a cache that is not trusted tells it.
    rewriteInPlace(path.join(root, 'orphan.strategy.yaml'), '    metrics: [KR-activation]\n', '    owner: "@maria"'.padEnd(28) + '\n');
    const file = path.join(root, CACHE);
    const bytes = readFileSync(file);
    const headerEnd = bytes.indexOf(0x0a, MAGIC.length);
    const header = JSON.parse(bytes.subarray(MAGIC.length, headerEnd).toString()) as { key: string };
    const foreign = JSON.stringify({ ...header, key: `${header.key}, as written by 0.0.1` });
    writeFileSync(file, Buffer.concat([Buffer.from(MAGIC + foreign + '\n'), bytes.subarray(headerEnd + 1)]));
    assert.deepEqual(locations(runCli(['--cache', '--format', 'json'], { cwd: root }), root), ['orphan.strategy.yaml:2 initiative-metric']);
  });

  it('--cache-location names a file, or a folder that holds one', () => {
    const root = planWorkspace();
    runCli(['--cache', '--cache-location', 'tmp/lint.cache'], { cwd: root });
    assert.ok(existsSync(path.join(root, 'tmp/lint.cache')));
    assert.ok(!existsSync(path.join(root, CACHE)));
    mkdirSync(path.join(root, 'caches'));
    runCli(['--cache', '--cache-location', 'caches'], { cwd: root });
    const inside = readdirSync(path.join(root, 'caches'));
    assert.equal(inside.length, 1);
    assert.match(inside[0]!, /^\.strategylintcache_[0-9a-f]+$/);
  });

  it('deletes its cache when run without --cache, and never a file that is not one', () => {
    const root = planWorkspace();
    runCli(['--cache'], { cwd: root });
    runCli([], { cwd: root });
    assert.ok(!existsSync(path.join(root, CACHE)));
    writeFileSync(path.join(root, 'notes.txt'), 'keep me\n');
    runCli(['--cache-location', 'notes.txt'], { cwd: root });
    assert.equal(readFileSync(path.join(root, 'notes.txt'), 'utf8'), 'keep me\n');
  });

  it('rejects an unknown --cache-strategy (exit 2)', () => {
    const run = runCli(['--cache', '--cache-strategy', 'contents'], { cwd: planWorkspace() });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--cache-strategy: "contents" is not a strategy \(did you mean "content"\?\)/);
  });

  it('is not used with --fix, which lints the files it rewrites', () => {
    const root = workspace({ '.strategylint.yaml': 'today: 2027-02-01\n', 'plan.strategy.yaml': CLEAN_PLAN.replace('owner: "@maria"\n    period', 'owner: @maria\n    period') });
    const fixed = runCli(['--cache', '--fix', '--format', 'json'], { cwd: root });
    assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
    assert.ok(!existsSync(path.join(root, CACHE)));
  });
});
