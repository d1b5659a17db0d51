import { strict as assert } from 'node:assert';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../server/src/fix/apply.js';

describe('writing fixed files', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'strategy-lint-write-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces the content, keeps the permission bits and leaves no temporary file', () => {
    const file = path.join(dir, 'plan.md');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    writeFileAtomic(file, 'new');
    assert.equal(readFileSync(file, 'utf8'), 'new');
    assert.equal(statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(dir), ['plan.md']);
  });

  it('writes through a symbolic link to its target, keeping the link', () => {
    const target = path.join(dir, 'real.md');
    const link = path.join(dir, 'link.md');
    writeFileSync(target, 'old');
    symlinkSync(target, link);
    writeFileAtomic(link, 'new');
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readFileSync(target, 'utf8'), 'new');
  });
});
