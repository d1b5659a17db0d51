import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
    const hashes = await hashInWorker(files, (m) => logged.push(m), WORKER_FILE);
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
    const hashes = await hashInWorker(files, (m) => logged.push(m), WORKER_FILE);
    assert.ok(hashes);
    const got = await allOf(hashes, files.length);
    assert.ok(hashes.ended);
    // Batches of 64: the first two arrived whole, nothing after them.
    assert.deepEqual(got.slice(0, 128), files.slice(0, 128).map((file) => contentHash(readTextFile(file))));
    assert.deepEqual(got.slice(128), Array(72).fill(undefined));
    assert.equal(logged.length, 1, logged.join('\n'));
    assert.match(logged[0]!, /^the hashing worker stopped \(crashing on .*f130\.md, as the test asked\); the server's thread reads the files it had not hashed$/);
  });
});
