import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCache, saveCache, type CacheRecord, type LintCache } from '../../server/src/cache/cacheFile.js';
import { loadWorkspace } from '../../server/src/cli/workspace.js';
import type { LintEngine } from '../../server/src/engine/engine.js';
import type { Finding } from '../../server/src/model/finding.js';
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

  it('rewritten from an earlier cache, copies the unchanged parts and leaves out a damaged one', () => {
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
    // A later run copies every entry of the damaged cache as it is, and one file anew.
    const fresh = records[0]!;
    saveCache(location, KEY, [fresh, ...damaged.entries.slice(1).map((entry): CacheRecord => ({ ...entry, lineMap: damaged.lineMap(entry), findings: entry, parse: entry }))], damaged);
    const again = opened(location);
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

  it('is stale under another key', () => {
    const location = path.join(dir(), 'cache');
    saveCache(location, KEY, acme().records);
    assert.deepEqual(loadCache(location, 'another key'), { ok: false, reason: 'stale' });
  });
});
