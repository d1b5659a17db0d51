import { strict as assert } from 'node:assert';
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCache, saveCache, type CacheEntry, type CacheRecord, type LintCache } from '../../server/src/cache/cacheFile.js';
import { loadWorkspace } from '../../server/src/cli/workspace.js';
import type { LintEngine } from '../../server/src/engine/engine.js';
import type { Finding } from '../../server/src/model/finding.js';
import type { ParsedFile } from '../../server/src/model/file.js';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { toDiagnostic } from '../../server/src/lsp/diagnostics.js';
import { encodeDiagnostics } from '../../server/src/lsp/diagnosticsEncoding.js';
import { REPO_ROOT } from '../cli/cli.js';

const KEY = 'test key';

/**
 * samples/acme linted, as records the CLI would write; `copies` times over (in folders of its own)
 * for a cache larger than the windows it is read through.
 */
function acme(copies = 1): { engine: LintEngine; records: CacheRecord[]; findings: Map<string, Finding[]> } {
  const root = mkdtempSync(path.join(tmpdir(), 'strategy-lint-cachefile-acme-'));
  for (let i = 0; i < copies; i++) cpSync(path.join(REPO_ROOT, 'samples', 'acme'), path.join(root, `copy-${i}`), { recursive: true });
  const workspace = loadWorkspace({ paths: [root] });
  const findings = workspace.engine.lintAll();
  const records = [...workspace.engine.index.allFiles()].map((parsed): CacheRecord => ({
    path: parsed.path,
    size: 1,
    mtimeMs: 2,
    hash: parsed.hash,
    templateKey: parsed.templateKey,
    inputsKey: '',
    participates: parsed.participates,
    followRules: [],
    lineMap: parsed.lineMap,
    findings: findings.get(parsed.path) ?? [],
    parse: parsed,
  }));
  return { engine: workspace.engine, records, findings };
}

function opened(location: string): LintCache {
  const read = loadCache(location, KEY);
  assert.ok(read.ok, `the cache is read (${read.ok ? '' : read.reason})`);
  return read.cache;
}

/** Every part of every file, read in the order given. */
function everything(cache: LintCache, engine: LintEngine, order: readonly string[]) {
  return order.map((file) => {
    const entry = cache.get(file)!;
    return { file, findings: cache.findings(entry), parse: cache.parse(entry, engine.templateLookup(file)), lines: cache.lineMap(entry).table() };
  });
}

describe('lint cache: the file', () => {
  const dir = () => mkdtempSync(path.join(tmpdir(), 'strategy-lint-cachefile-'));

  it('gives back each file\'s findings, parse result and line map, in any order', () => {
    const { engine, records, findings } = acme(40);
    const location = path.join(dir(), 'cache');
    saveCache(location, KEY, records);
    const cache = opened(location);
    assert.ok(readFileSync(location).length > 1 << 20, 'read through several windows');
    const paths = records.map((r) => r.path);
    const inOrder = everything(cache, engine, paths);
    for (const { file, findings: stored, parse, lines } of inOrder) {
      assert.deepEqual(stored, JSON.parse(JSON.stringify(findings.get(file))), file);
      assert.deepEqual(parse, engine.getFile(file), file);
      assert.deepEqual(lines, engine.getFile(file)!.lineMap.table(), file);
    }
    // Backwards and interleaved: the parts read through the file's window are the same.
    assert.deepEqual(everything(opened(location), engine, [...paths].reverse()).reverse(), inOrder);
    assert.deepEqual(everything(cache, engine, paths), inOrder);
  });

  it('written anew from an earlier cache, copies the unchanged parts and leaves out a damaged one', () => {
    const { engine, records } = acme();
    const location = path.join(dir(), 'cache');
    saveCache(location, KEY, records);
    const first = opened(location);
    const victim = first.entries[1]!;
    // One byte of one file's stored parse result flipped: its CRC-32 no longer matches.
    const bytes = readFileSync(location);
    bytes[victim.at.parse[0] + 3] ^= 0xff;
    writeFileSync(location, bytes);
    const damaged = opened(location);
    assert.equal(damaged.parse(damaged.get(victim.path)!, engine.templateLookup(victim.path)), undefined, 'the damaged part is not decoded');
    assert.ok(damaged.findings(damaged.get(victim.path)!), 'the other parts of that file still read');
    // Another location: every entry of the damaged cache is copied, and one file written anew.
    const fresh = records[0]!;
    const copy = path.join(path.dirname(location), 'copy');
    saveCache(copy, KEY, [fresh, ...damaged.entries.slice(1).map((entry): CacheRecord => ({ ...entry, lineMap: damaged.lineMap(entry), findings: entry, parse: entry }))], damaged);
    const again = opened(copy);
    assert.equal(again.get(victim.path)!.hasParse, false, 'the damaged parse result is not copied');
    for (const entry of again.entries) {
      if (entry.path === victim.path) continue;
      assert.deepEqual(again.parse(entry, engine.templateLookup(entry.path)), engine.getFile(entry.path), entry.path);
    }
  });

  it('reads no part from a cache file replaced since it was opened', () => {
    const { engine, records } = acme();
    const folder = dir();
    const location = path.join(folder, 'cache');
    saveCache(location, KEY, records);
    const cache = opened(location);
    // Another run writes the cache again, with the files in another order (parts elsewhere).
    saveCache(path.join(folder, 'other'), KEY, [...records].reverse());
    renameSync(path.join(folder, 'other'), location);
    for (const entry of cache.entries) {
      assert.equal(cache.parse(entry, engine.templateLookup(entry.path)), undefined, entry.path);
      assert.equal(cache.findings(entry), undefined, entry.path);
    }
  });

  it('after a few files changed, writes over its end and leaves the other files\' parts in place', () => {
    const { engine, records } = acme(3);
    const location = path.join(dir(), 'cache');
    saveCache(location, KEY, records);
    const before = readFileSync(location);
    const { ino } = statSync(location);
    const first = opened(location);
    const changed = records[2]!;
    const findings: Finding[] = [{ ruleId: 'initiative-owner', severity: 'error', message: 'changed', file: changed.path, range: { start: 0, end: 1 } } as unknown as Finding];
    const next = first.entries.map((entry): CacheRecord => (entry.path === changed.path ? { ...changed, findings } : { ...entry, lineMap: first.lineMap(entry), findings: entry, parse: entry }));
    saveCache(location, KEY, next, first);
    const after = readFileSync(location);
    assert.equal(statSync(location).ino, ino, 'the same file');
    // Every part of the first cache still lies where it was.
    for (const entry of first.entries) {
      for (const [at, bytes] of [entry.at.findings, entry.at.parse]) assert.ok(after.subarray(at, at + bytes).equals(before.subarray(at, at + bytes)), entry.path);
    }
    const again = opened(location);
    for (const entry of again.entries) {
      assert.deepEqual(again.parse(entry, engine.templateLookup(entry.path)), engine.getFile(entry.path), entry.path);
      const record = records.find((r) => r.path === entry.path)!;
      assert.deepEqual(again.findings(entry), JSON.parse(JSON.stringify(entry.path === changed.path ? findings : record.findings)), entry.path);
    }
    // The reader of the cache as it was sees the file changed and reads no more of it.
    assert.equal(first.parse(first.entries[0]!, engine.templateLookup(first.entries[0]!.path)), undefined);
  });

  it('counts each file\'s findings by severity in its file list, and keeps the counts of parts it keeps', () => {
    const { records, findings } = acme();
    const location = path.join(dir(), 'cache');
    saveCache(location, KEY, records);
    const count = (list: readonly Finding[], severity: string, fixable = false) => list.filter((f) => f.severity === severity && (!fixable || f.fixes?.some((fix) => fix.safe))).length;
    const check = (cache: LintCache) => {
      for (const record of records) {
        const list = findings.get(record.path) ?? [];
        assert.deepEqual(
          cache.get(record.path)!.tally,
          { total: list.length, errors: count(list, 'error'), warnings: count(list, 'warning'), fixableErrors: count(list, 'error', true), fixableWarnings: count(list, 'warning', true), fixableInfos: count(list, 'info', true) },
          record.path,
        );
      }
    };
    const first = opened(location);
    assert.ok(records.some((r) => first.get(r.path)!.tally.errors > 0) && records.some((r) => first.get(r.path)!.tally.warnings > 0));
    assert.ok(records.some((r) => first.get(r.path)!.tally.fixableErrors > 0), 'some errors --fix can fix');
    check(first);
    // Written again with every part kept (over its end): the counts stay.
    saveCache(location, KEY, first.entries.map((entry): CacheRecord => ({ ...entry, lineMap: first.lineMap(entry), findings: entry, parse: entry })), first);
    check(opened(location));
  });

  it('reads stored findings it checked at first after the file was written over or replaced (a run prints them after writing the cache)', () => {
    // Larger than the windows parts are read through: the findings are read from the file again.
    const { records, findings } = acme(40);
    const location = path.join(dir(), 'cache');
    saveCache(location, KEY, records);
    for (const rewrite of ['over its end', 'anew']) {
      const cache = opened(location);
      const withFindings = records.filter((r) => cache.get(r.path)!.tally.total > 0);
      for (const record of withFindings) assert.ok(cache.canReadFindingsLater(cache.get(record.path)!), record.path);
      // Another file's findings replaced (a few bytes over the end), or everything written anew (renamed over it).
      const next = cache.entries.map((entry, i): CacheRecord => ({ ...entry, lineMap: cache.lineMap(entry), findings: i === 0 || rewrite === 'anew' ? (findings.get(entry.path) ?? []).map((f) => ({ ...f, message: `${f.message}!` })) : entry, parse: entry }));
      saveCache(location, KEY, next, cache);
      if (rewrite === 'anew') saveCache(location, KEY, next);
      for (const record of withFindings.slice(1)) assert.deepEqual(cache.findings(cache.get(record.path)!), findings.get(record.path), `${rewrite}: ${record.path}`);
    }
  });

  it('stores each file\'s piece of the report under its key, keeps it through later saves, and reads it after the file was written over', () => {
    // Larger than the windows parts are read through: kept pieces are read from the file held open.
    const { records } = acme(40);
    const location = path.join(dir(), 'cache');
    const pieceOf = (file: string, n = 0) => (file.endsWith('.md') ? '' : `piece ${n} of ${file} \u00e9\n`);
    saveCache(location, KEY, records.map((r) => ({ ...r, piece: () => pieceOf(r.path) })), undefined, { pieceKey: 'format A' });
    const first = opened(location);
    assert.ok(first.piecesMadeFor('format A'));
    assert.ok(!first.piecesMadeFor('format B'));
    for (const r of records) assert.equal(first.piece(first.get(r.path)!), pieceOf(r.path), r.path);
    assert.ok(records.some((r) => pieceOf(r.path) === ''), 'an empty piece is stored too');
    // One file's piece made again, the others kept: written over the end, the kept ones still read (from the file held open).
    for (const r of records) assert.ok(first.canReadFindingsLater(first.get(r.path)!) || first.get(r.path)!.tally.total === 0);
    const changed = records.find((r) => r.path.endsWith('.yaml'))!;
    const keptAll = (cache: LintCache, piece: (entry: CacheEntry) => CacheRecord['piece']) => cache.entries.map((entry): CacheRecord => ({ ...entry, lineMap: cache.lineMap(entry), findings: entry, parse: entry, piece: piece(entry) }));
    saveCache(location, KEY, keptAll(first, (entry) => (entry.path === changed.path ? () => pieceOf(entry.path, 1) : entry)), first, { pieceKey: 'format A' });
    for (const r of records.filter((r) => r.path !== changed.path && first.get(r.path)!.tally.total > 0)) assert.equal(first.piece(first.get(r.path)!), pieceOf(r.path), `read after the save: ${r.path}`);
    const second = opened(location);
    for (const r of records) assert.equal(second.piece(second.get(r.path)!), pieceOf(r.path, r.path === changed.path ? 1 : 0), r.path);
    // A save that stores no pieces of its own keeps the others, under their key.
    saveCache(location, KEY, keptAll(second, (entry) => (entry.path === changed.path ? undefined : entry)), second, 'as before');
    const third = opened(location);
    assert.ok(third.piecesMadeFor('format A'));
    assert.equal(third.piece(third.get(changed.path)!), undefined);
    assert.equal(third.piece(third.get(records[1]!.path)!), pieceOf(records[1]!.path));
    // A damaged piece is not read; a save without pieces stores none.
    const entry = third.entries.find((e) => e.at.piece[1] > 0 && e.path !== records[1]!.path)!;
    const bytes = readFileSync(location);
    bytes[entry.at.piece[0] + 2]! ^= 0xff;
    writeFileSync(location, bytes);
    const damaged = opened(location);
    assert.equal(damaged.piece(damaged.get(entry.path)!), undefined);
    assert.equal(damaged.piece(damaged.get(records[1]!.path)!), pieceOf(records[1]!.path));
    saveCache(location, KEY, keptAll(damaged, (e) => e));
    const none = opened(location);
    assert.ok(!none.piecesMadeFor('format A'));
    assert.ok(none.entries.every((e) => !e.hasPiece && none.piece(e) === undefined));
  });

  it('is written anew once more than half of it would be dead', () => {
    const { records } = acme();
    const folder = dir();
    const location = path.join(folder, 'cache');
    saveCache(location, KEY, records);
    const inodes = new Set([statSync(location).ino]);
    // Every file's findings replaced, run after run: what the old parts held is dead.
    for (let run = 0; run < 20 && inodes.size === 1; run++) {
      const cache = opened(location);
      const findings = [{ message: `run ${run} ${'x'.repeat(500)}` }];
      const next = cache.entries.map((entry): CacheRecord => ({ ...entry, lineMap: cache.lineMap(entry), findings: findings as unknown as Finding[], parse: entry }));
      saveCache(location, KEY, next, cache);
      inodes.add(statSync(location).ino);
      const read = opened(location);
      for (const entry of read.entries) assert.deepEqual(read.findings(entry), findings);
      // Never more than three times what the same records written anew take.
      saveCache(path.join(folder, 'fresh'), KEY, read.entries.map((entry): CacheRecord => ({ ...entry, lineMap: read.lineMap(entry), findings: entry, parse: entry })), read);
      assert.ok(statSync(location).size < 3 * statSync(path.join(folder, 'fresh')).size, `run ${run}: ${statSync(location).size} bytes`);
    }
    assert.ok(inodes.size > 1, 'written anew at last');
  });

  for (const [name, damage] of [
    ['truncated', (bytes: Buffer) => bytes.subarray(0, bytes.length - 1)],
    ['with bytes appended', (bytes: Buffer) => Buffer.concat([bytes, Buffer.from('\n')])],
    ['with its file list damaged', (bytes: Buffer) => Buffer.from(bytes.map((b, i) => (i === bytes.length - 200 ? b ^ 0x01 : b)))],
  ] as const) {
    it(`is not used ${name}`, () => {
      const location = path.join(dir(), 'cache');
      saveCache(location, KEY, acme().records);
      writeFileSync(location, damage(readFileSync(location)));
      assert.deepEqual(loadCache(location, KEY), { ok: false, reason: 'corrupt' });
    });
  }

  it('decodes a restored parse\'s other fields when read, after the cache was written over its end or anew', () => {
    const { engine, records } = acme();
    for (const rewrite of ['over its end', 'anew'] as const) {
      const location = path.join(dir(), 'cache');
      saveCache(location, KEY, records);
      const cache = opened(location);
      const restored = records.map((r) => cache.restoredParse(cache.get(r.path)!, engine.templateLookup(r.path))!);
      // One file changed (its parse dropped): over the end; every parse dropped: anew (more than half dead).
      const kept = rewrite === 'over its end' ? records.length - 1 : 0;
      const inode = statSync(location).ino;
      saveCache(location, KEY, records.map((r, i) => (i < kept ? { ...r, findings: cache.get(r.path)!, parse: cache.get(r.path)! } : { ...r, parse: { ...(r.parse as ParsedFile), entities: [] } })), cache);
      assert.equal(opened(location).entries.length, records.length, `written ${rewrite}`);
      assert.equal(statSync(location).ino === inode, rewrite === 'over its end', `written ${rewrite}`);
      restored.forEach((parsed, i) => {
        const original = records[i]!.parse as ParsedFile;
        parsed.entities.forEach((e, j) => assert.deepEqual(e.fields, original.entities[j]!.fields, `${parsed.path}, written ${rewrite}`));
      });
      assert.ok(restored.some((p) => p.entities.some((e) => e.fields.length)));
    }
  });

  it('says the cache changed when a restored parse\'s bytes are damaged before its other fields are read', () => {
    const { engine, records } = acme();
    const location = path.join(dir(), 'cache');
    saveCache(location, KEY, records);
    const cache = opened(location);
    const file = records.find((r) => (r.parse as ParsedFile).entities.some((e) => e.fields.length))!.path;
    const restored = cache.restoredParse(cache.get(file)!, engine.templateLookup(file))!;
    const [at] = cache.get(file)!.at.parse;
    const bytes = readFileSync(location);
    bytes[at + 3] ^= 0x20;
    const fd = openSync(location, 'r+');
    writeSync(fd, bytes, at + 3, 1, at + 3);
    closeSync(fd);
    assert.throws(() => restored.entities.find((e) => e.fields.length), /the lint cache changed while this run read it/);
  });

  it('stores each file\'s findings as the language server publishes them, rendered again when a file their related places lie in moved its lines', () => {
    const root = dir();
    const intro = 'The checkout work for the next two quarters, as the team agreed it in planning.\n\n';
    const work = '## Initiative: Pix\n- id: INIT-pix\n- Owner: @maria\n\n## Initiative: Boleto\n- id: INIT-boleto\n- Owner: @maria\n';
    writeFileSync(path.join(root, 'owners.strategy.yaml'), 'owners:\n  - id: "@maria"\n    capacity: 1\n');
    writeFileSync(path.join(root, 'backlog.md'), intro + work);
    const workspace = loadWorkspace({ paths: [root] });
    const engine = workspace.engine;
    const findings = engine.lintAll();
    const owners = path.join(root, 'owners.strategy.yaml').replace(/\\/g, '/');
    const backlog = [...engine.index.allFiles()].find((f) => f.path.endsWith('backlog.md'))!.path;
    const recordOf = (parsed: ParsedFile): CacheRecord => ({ path: parsed.path, size: 1, mtimeMs: 2, hash: parsed.hash, templateKey: parsed.templateKey, inputsKey: '', participates: parsed.participates, followRules: [], lineMap: parsed.lineMap, findings: findings.get(parsed.path) ?? [], parse: parsed });
    const location = path.join(root, 'cache');
    saveCache(location, KEY, [...engine.index.allFiles()].map(recordOf));

    // What the server makes of the same findings as it lints them: the same JSON, the same digest.
    const live = (file: string) => findings.get(file)!.map((f) => toDiagnostic(f, engine.getFile(file)!.lineMap, engine.index));
    const first = opened(location);
    for (const file of [owners, backlog]) {
      const stored = first.publishedForm(first.get(file)!)!;
      assert.equal(stored.json(), JSON.stringify(live(file)), file);
      assert.equal(stored.digest, encodeDiagnostics(live(file)).digest, file);
    }
    const relatedLines = (cache: LintCache) => (JSON.parse(cache.publishedForm(cache.get(owners)!)!.json()) as Diagnostic[]).flatMap((d) => (d.relatedInformation ?? []).map((r) => r.location.range.start.line));
    assert.deepEqual(relatedLines(first), [6, 2]);

    // The backlog gets a line break where a space was: its findings and the owners file's stand (same
    // offsets), but the lines of the owners file's related places moved.
    engine.update(backlog, intro.replace('quarters, as', 'quarters,\nas') + work);
    const kept = (file: string): CacheRecord => ({ ...recordOf(engine.getFile(file)!), findings: first.get(file)!, parse: first.get(file)! });
    saveCache(location, KEY, [kept(owners), { ...recordOf(engine.getFile(backlog)!), findings: first.get(backlog)! }], first);
    assert.deepEqual(relatedLines(opened(location)), [7, 3]);
  });

  it('is stale under another key', () => {
    const location = path.join(dir(), 'cache');
    saveCache(location, KEY, acme().records);
    assert.deepEqual(loadCache(location, 'another key'), { ok: false, reason: 'stale' });
  });
});
