import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import type { FileStamp } from '../../server/src/cache/pinnedFile.js';
import { hashInWorker, HASH_WORKER_BUNDLE, type ContentHashes } from '../../server/src/parallel/contentHashes.js';
import { contentHash } from '../../server/src/parse/contentHash.js';
import { readTextFile } from '../../server/src/files/read.js';

/** The built worker (npm run build), as the language server starts it. */
const WORKER_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist', HASH_WORKER_BUNDLE);

/** Every hash the worker posts, waiting for it as the language server's scan does. */
async function allOf(hashes: ContentHashes, count: number): Promise<(string | null | undefined)[]> {
  while (!hashes.ended && hashes.at(count - 1) === undefined) await hashes.next();
  hashes.stop();
  return Array.from({ length: count }, (_, i) => hashes.at(i));
}

describe('hashing files in a worker thread (parallel/contentHashes.ts)', () => {
  let dir: string;

  before(function () {
    if (!existsSync(WORKER_FILE)) throw new Error(`${WORKER_FILE} is missing: run npm run build first`);
  });
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'strategy-lint-hashes-'));
  });
  afterEach(() => {
    delete process.env.STRATEGY_LINT_TEST_WORKER_CRASH;
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives each file the hash of its text (the lint cache's), in order over many batches; null for a file it cannot read", async () => {
    // A BOM, CRLF, characters of two, three and four bytes, an empty file: the hash of the bytes is the text's.
    const texts = ['# Plain\n', '\uFEFF---\r\nid: INIT-1\r\n---\r\n', 'Équipe: “Zürich” 東京 🚀\n', ''];
    const files = Array.from({ length: 150 }, (_, i) => {
      const file = path.join(dir, `f${i}.md`);
      writeFileSync(file, `${texts[i % texts.length]}${i % 7 ? `line ${i}\n` : ''}`);
      return file;
    });
    files.splice(100, 0, path.join(dir, 'missing.md'));
    const logged: string[] = [];
    const hashes = await hashInWorker(files, (m) => logged.push(m), { workerFile: WORKER_FILE });
    assert.ok(hashes, 'the worker starts');
    const got = await allOf(hashes, files.length);
    const expected = files.map((file) => (existsSync(file) ? contentHash(readTextFile(file)) : null));
    assert.deepEqual(got, expected);
    assert.equal(got[100], null);
    assert.deepEqual(logged, []);
  });

  it('a worker that stops short says so; the hashes it had not posted stay unknown, for the caller to work out', async () => {
    const files = Array.from({ length: 200 }, (_, i) => {
      const file = path.join(dir, `f${i}.md`);
      writeFileSync(file, `# Note ${i}\n`);
      return file;
    });
    // A worker starts with a copy of this process's environment: it dies on reaching f130.md.
    process.env.STRATEGY_LINT_TEST_WORKER_CRASH = 'f130.md';
    const logged: string[] = [];
    const hashes = await hashInWorker(files, (m) => logged.push(m), { workerFile: WORKER_FILE });
    assert.ok(hashes);
    const got = await allOf(hashes, files.length);
    assert.ok(hashes.ended);
    // Batches of 64: the first two arrived whole, nothing after them.
    assert.deepEqual(got.slice(0, 128), files.slice(0, 128).map((file) => contentHash(readTextFile(file))));
    assert.deepEqual(got.slice(128), Array(72).fill(undefined));
    assert.equal(logged.length, 1, logged.join('\n'));
    assert.match(logged[0]!, /^the hashing worker stopped \(crashing on .*f130\.md, as the test asked\); the server's thread reads the files it had not hashed$/);
  });

  it("reads the lint cache's stored diagnostics of the files whose content is the one they are for, and of no file once the cache file was written again", async () => {
    // A cache file holding two published forms (the digest's line, then the JSON), as the CLI writes them.
    const formA = 'digest-a\n[{"message":"from the cache"}]';
    const formB = 'digest-b\n[{"message":"stale"}]';
    const cacheFile = path.join(dir, 'cache');
    writeFileSync(cacheFile, formA + formB);
    const partA: [number, number, number] = [0, Buffer.byteLength(formA), crc32(Buffer.from(formA))];
    const partB: [number, number, number] = [partA[1], Buffer.byteLength(formB), crc32(Buffer.from(formB))];
    const files = ['same.md', 'changed.md', 'clean.md', 'damaged.md', 'not-offered.md'].map((name) => {
      const file = path.join(dir, name);
      writeFileSync(file, `# ${name}\n`);
      return file;
    });
    const hashOf = (file: string) => contentHash(readTextFile(file));
    // same.md: as stored; changed.md: the cache holds another content; clean.md: no findings;
    // damaged.md: its part fails its CRC-32; not-offered.md: the server converts its findings itself.
    const expected = [hashOf(files[0]!), 'another content', hashOf(files[2]!), hashOf(files[3]!), null];
    const parts = new Float64Array(3 * files.length);
    parts.set(partA, 0);
    parts.set(partB, 3);
    parts.set([partB[0], partB[1], partB[2] + 1], 9);
    const run = async (stamp: FileStamp) => {
      const got: [string, string | undefined, string | undefined][] = [];
      const hashes = await hashInWorker(files, () => undefined, {
        workerFile: WORKER_FILE,
        stored: { location: cacheFile, stamp, hashes: expected, parts },
        onStored: (at, encoding) => got.push([path.basename(files[at]!), encoding?.digest, encoding?.json()]),
      });
      assert.ok(hashes);
      await allOf(hashes, files.length);
      return got;
    };
    const stampOf = () => {
      const { dev, ino, size, mtimeMs } = statSync(cacheFile);
      return { dev, ino, size, mtimeMs };
    };
    const stamp = stampOf();
    assert.deepEqual(await run(stamp), [
      ['same.md', 'digest-a', '[{"message":"from the cache"}]'],
      ['clean.md', undefined, undefined],
    ]);
    // Written again since the server read it: the worker reads nothing from it.
    writeFileSync(cacheFile, formA + formB + ' ');
    assert.notDeepEqual(stampOf(), stamp);
    assert.deepEqual(await run(stamp), []);
  });
});
