import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lintWithCache } from '../../server/src/cli/cachedLint.js';
import { discoverWorkspace, loadWorkspace } from '../../server/src/cli/workspace.js';
import type { Finding } from '../../server/src/model/finding.js';
import { REPO_ROOT } from './cli.js';

/** Findings by file, as a run without the cache reports them. */
function coldFindings(root: string): [string, Finding[]][] {
  const workspace = loadWorkspace({ paths: [root] });
  const all = workspace.engine.lintAll();
  return workspace.reported.map((f) => [f, all.get(f) ?? []]);
}

function cachedRun(root: string) {
  const linted = lintWithCache(discoverWorkspace({ paths: [root] }), { location: path.join(root, '.strategylintcache'), strategy: 'content', warn: (m) => assert.fail(m) });
  return { findings: linted.reported.map((f): [string, Finding[]] => [f, linted.findings.get(f) ?? []]), stats: linted.stats };
}

describe('CLI --cache with templates (samples/kep: kep.yaml beside README.md, a blank template left out)', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'strategy-lint-cache-kep-'));
    cpSync(path.join(REPO_ROOT, 'samples', 'kep'), root, { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('parses nothing when nothing changed, the template a preset leaves out included', () => {
    const first = cachedRun(root);
    assert.deepEqual(first.findings, coldFindings(root));
    const warm = cachedRun(root);
    assert.deepEqual(warm.stats, { parsed: 0, linted: 0, rechecked: 0, moved: 0, cache: 'used' });
    assert.deepEqual(warm.findings, first.findings);
  });

  it('re-checks a README.md whose required section went missing, as a run without the cache does', () => {
    cachedRun(root);
    const readme = path.join(root, 'keps/sig-apps/2404-job-suspend-reasons/README.md');
    const text = readFileSync(readme, 'utf8');
    assert.match(text, /^## Motivation$/m);
    writeFileSync(readme, text.replace(/^## Motivation$/m, '## Why'));
    const warm = cachedRun(root);
    // The README.md, and the kep.yaml its template pairs it with: what a template reads of one may depend on the other.
    assert.equal(warm.stats.parsed, 2);
    assert.deepEqual(warm.findings, coldFindings(root));
    assert.ok(warm.findings.some(([file, list]) => file === readme && list.some((f) => f.ruleId === 'required-section')));
  });

  it('parses a kep.yaml again when only its README.md changed, and the README.md when only its kep.yaml did', () => {
    cachedRun(root);
    const folder = path.join(root, 'keps/sig-apps/2404-job-suspend-reasons');
    writeFileSync(path.join(folder, 'README.md'), readFileSync(path.join(folder, 'README.md'), 'utf8') + '\nOne more line.\n');
    const afterReadme = lintWithCache(discoverWorkspace({ paths: [root] }), { location: path.join(root, '.strategylintcache'), strategy: 'content', warn: (m) => assert.fail(m) });
    assert.equal(afterReadme.stats.parsed, 2);
    assert.ok(afterReadme.stats.linted >= 2, `linted ${afterReadme.stats.linted}`);
    writeFileSync(path.join(folder, 'kep.yaml'), readFileSync(path.join(folder, 'kep.yaml'), 'utf8') + '# one more line\n');
    assert.equal(cachedRun(root).stats.parsed, 2);
    // Once both are in step again, nothing is parsed.
    const quiet = cachedRun(root);
    assert.deepEqual(quiet.stats, { parsed: 0, linted: 0, rechecked: 0, moved: 0, cache: 'used' });
    assert.deepEqual(quiet.findings, coldFindings(root));
  });
});
