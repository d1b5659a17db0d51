import { strict as assert } from 'node:assert';
import { decodeUtf8 } from '../../server/src/files/read.js';
import { createHash, hash } from '../../server/src/platform/web/crypto.js';
import { existsSync, mirrorFolder, promises, readdirSync, readFileSync, setFileSource, statSync } from '../../server/src/platform/web/fs.js';

/** The web worker's file system (what the web bundle maps `node:fs` to), filled as the extension fills it. */
describe('web extension: the mirrored file system', () => {
  const disk = new Map<string, string>();
  before(() => {
    setFileSource({
      readFile: async (path) => disk.get(path),
      stat: async (path) => (disk.has(path) ? 'file' : [...disk.keys()].some((p) => p.startsWith(`${path}/`)) ? 'directory' : undefined),
    });
  });

  beforeEach(() => {
    disk.clear();
    disk.set('/ws/docs/plan.md', '# Plan\n');
    disk.set('/ws/.gitignore', 'drafts/\n');
    mirrorFolder('/ws', ['/ws/docs/plan.md', '/ws/.gitignore', '/ws/drafts/x.md'], { '/ws/.gitignore': 'drafts/\n' }, ['/ws/.git']);
  });

  it('lists a mirrored folder as readdirSync/statSync do, with the folders implied by the paths', () => {
    const entries = readdirSync('/ws', { withFileTypes: true }) as { name: string; isDirectory(): boolean; isFile(): boolean }[];
    assert.deepEqual(entries.map((e) => `${e.name}${e.isDirectory() ? '/' : ''}`).sort(), ['.git/', '.gitignore', 'docs/', 'drafts/']);
    assert.ok(statSync('/ws/docs').isDirectory());
    assert.ok(statSync('/ws/docs/plan.md').isFile());
    assert.ok(existsSync('/ws/.git'));
    assert.ok(!existsSync('/ws/nope.md'));
    assert.throws(() => statSync('/ws/nope.md'), (error: NodeJS.ErrnoException) => error.code === 'ENOENT');
  });

  it('reads the texts sent with the listing synchronously, and the others once read asynchronously', async () => {
    assert.equal(readFileSync('/ws/.gitignore', 'utf8'), 'drafts/\n');
    assert.throws(() => readFileSync('/ws/docs/plan.md', 'utf8'), /ENOENT/);
    const bytes = await promises.readFile('/ws/docs/plan.md');
    assert.equal(decodeUtf8('/ws/docs/plan.md', bytes as Buffer), '# Plan\n', 'what the engine decodes from the bytes');
    assert.equal(readFileSync('/ws/docs/plan.md', 'utf8'), '# Plan\n');
  });

  it('asks afresh on each asynchronous read: a changed file is seen, a deleted one goes from the mirror', async () => {
    assert.ok((await promises.stat('/ws/docs')).isDirectory());
    disk.set('/ws/docs/plan.md', '# Plan v2\n');
    assert.equal(await promises.readFile('/ws/docs/plan.md', 'utf8'), '# Plan v2\n');
    disk.delete('/ws/docs/plan.md');
    await assert.rejects(promises.readFile('/ws/docs/plan.md', 'utf8'), /ENOENT/);
    assert.ok(!existsSync('/ws/docs/plan.md'));
    await assert.rejects(promises.stat('/ws/docs'), /ENOENT/, 'nothing is left in it');
  });

  it('a new listing replaces what was known under the folder', () => {
    mirrorFolder('/ws', ['/ws/goals.md'], {});
    assert.deepEqual(readdirSync('/ws'), ['goals.md']);
    assert.ok(!existsSync('/ws/docs/plan.md'));
  });

  it('keys content with a synchronous hash that tells texts apart', () => {
    const key = (text: string) => createHash('sha1').update(text).digest('base64');
    assert.equal(key('objectives: []\n'), key('objectives: []\n'));
    const keys = new Set(Array.from({ length: 2000 }, (_, i) => key(`- id: OBJ-${i}\n`)));
    assert.equal(keys.size, 2000);
    // The one-call form the engine uses (contentHash) gives the same key.
    assert.equal(hash('sha1', '- id: OBJ-7\n', 'base64'), key('- id: OBJ-7\n'));
    assert.notEqual(hash('sha1', '- id: OBJ-7\n', 'base64'), hash('sha1', '- id: OBJ-8\n', 'base64'));
  });
});
