import { strict as assert } from 'node:assert';
import { chmodSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CLEAN_PLAN, jsonOf, openToAll, read, runCli, workspace } from './cli.js';

const TODAY = ['--today', '2027-01-01'];

// Every kind of safe fix (§6): quote an @ value (a syntax error, so the others come in a second
// pass), the closest enum value, swapped dates, a misspelt field name. Comments must survive.
const BROKEN = `# Plan for Q1 — comments stay
initiatives:
  - id: INIT-b   # keep me
    title: Fix me
    objective: OBJ-smb
    owner: @maria
    metrics: [KR-activation]
    status: planed
    start: 2027-03-01
    due: 2027-02-01
  - id: INIT-c
    title: Other
    objective: OBJ-smb
    ownr: "@maria"   # misspelt
    metrics: [KR-ttv]
`;

const FIXED = `# Plan for Q1 — comments stay
initiatives:
  - id: INIT-b   # keep me
    title: Fix me
    objective: OBJ-smb
    owner: "@maria"
    metrics: [KR-activation]
    status: planned
    start: 2027-02-01
    due: 2027-03-01
  - id: INIT-c
    title: Other
    objective: OBJ-smb
    owner: "@maria"   # misspelt
    metrics: [KR-ttv]
`;

describe('strategy-lint --fix', () => {
  it('applies every safe fix, pass after pass, keeping comments, and reports what remains', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'fix.strategy.yaml': BROKEN });
    const run = runCli([...TODAY, '--fix', '--format', 'json'], { cwd: root });
    assert.equal(read(root, 'fix.strategy.yaml'), FIXED);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.deepEqual(jsonOf(run).flatMap((r) => r.messages), [], 'the report shows the fixed state');
    assert.deepEqual(readdirSync(root).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left');
  });

  it('is idempotent: a second run changes nothing', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'fix.strategy.yaml': BROKEN });
    runCli([...TODAY, '--fix'], { cwd: root });
    const once = read(root, 'fix.strategy.yaml');
    const again = runCli([...TODAY, '--fix'], { cwd: root });
    assert.equal(read(root, 'fix.strategy.yaml'), once);
    assert.equal(again.status, 0);
    assert.equal(runCli([...TODAY, '--fix-dry-run'], { cwd: root }).stdout, '', 'nothing left to preview');
  });

  it('keeps a BOM and CRLF line endings', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'fix.strategy.yaml': `\uFEFF${crlf(BROKEN)}` });
    runCli([...TODAY, '--fix'], { cwd: root });
    assert.equal(read(root, 'fix.strategy.yaml'), `\uFEFF${crlf(FIXED)}`);
  });

  it('fixes Markdown headings files too, leaving prose untouched', () => {
    const doc = '# Growth\n\nSome prose with @maria in it.\n\n## Initiative: Referrals\n- id: INIT-ref\n- Objective: OBJ-smb\n- Owner: @maria\n- Metrics: KR-activation\n- Status: In Progress\n';
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'growth.md': doc });
    const run = runCli([...TODAY, '--fix'], { cwd: root });
    assert.equal(read(root, 'growth.md'), doc.replace('Status: In Progress', 'Status: in-progress'));
    assert.equal(run.status, 0, run.stdout);
  });

  it('leaves suggestion-only fixes alone (they are for the editor)', () => {
    // `doing` is not within one edit of an allowed status: no safe fix.
    const text = 'initiatives:\n  - id: INIT-x\n    title: X\n    objective: OBJ-smb\n    owner: "@maria"\n    metrics: [KR-activation]\n    status: doing\n';
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'x.strategy.yaml': text });
    const run = runCli([...TODAY, '--fix', '--format', 'json'], { cwd: root });
    assert.equal(read(root, 'x.strategy.yaml'), text);
    assert.equal(run.status, 1);
    assert.deepEqual(jsonOf(run).flatMap((r) => r.messages.map((m) => m.ruleId)), ['invalid-value']);
  });

  it('--fix-dry-run prints a unified diff, writes nothing, and exits as if fixed', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'fix.strategy.yaml': BROKEN });
    const run = runCli([...TODAY, '--fix-dry-run'], { cwd: root });
    assert.equal(read(root, 'fix.strategy.yaml'), BROKEN);
    assert.equal(run.status, 0);
    assert.equal(
      run.stdout,
      [
        '--- fix.strategy.yaml',
        '+++ fix.strategy.yaml (fixed)',
        '@@ -3,13 +3,13 @@',
        '   - id: INIT-b   # keep me',
        '     title: Fix me',
        '     objective: OBJ-smb',
        '-    owner: @maria',
        '+    owner: "@maria"',
        '     metrics: [KR-activation]',
        '-    status: planed',
        '-    start: 2027-03-01',
        '-    due: 2027-02-01',
        '+    status: planned',
        '+    start: 2027-02-01',
        '+    due: 2027-03-01',
        '   - id: INIT-c',
        '     title: Other',
        '     objective: OBJ-smb',
        '-    ownr: "@maria"   # misspelt',
        '+    owner: "@maria"   # misspelt',
        '     metrics: [KR-ttv]',
        '',
      ].join('\n'),
    );
  });

  it('--fix-dry-run shows an escape sequence in the file as \\u001b, never sends it to the terminal', () => {
    const withEscape = BROKEN.replace('title: Fix me', 'title: "Fix \u001b[2J me"');
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'fix.strategy.yaml': withEscape });
    const run = runCli([...TODAY, '--fix-dry-run'], { cwd: root });
    assert.equal(read(root, 'fix.strategy.yaml'), withEscape, 'a dry run writes nothing');
    assert.ok(!run.stdout.includes('\u001b'), 'no raw ESC reaches stdout');
    assert.match(run.stdout, /^ {5}title: "Fix \\u001b\[2J me"$/m);
  });

  it('--fix only touches the files named on the command line', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'a.strategy.yaml': BROKEN, 'b.strategy.yaml': BROKEN });
    runCli([...TODAY, '--fix', 'a.strategy.yaml'], { cwd: root });
    assert.equal(read(root, 'a.strategy.yaml'), FIXED);
    assert.equal(read(root, 'b.strategy.yaml'), BROKEN);
  });

  it('refuses to rewrite a read-only file (exit 2, file unchanged)', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'fix.strategy.yaml': BROKEN });
    openToAll(root);
    chmodSync(path.join(root, 'fix.strategy.yaml'), 0o444);
    // As root every file is writable: run as `nobody`, who can write the folder but not the file.
    chmodSync(root, 0o777);
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    const run = runCli([...TODAY, '--fix'], { cwd: root, ...(uid !== undefined ? { uid } : {}) });
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stderr, 'strategy-lint: cannot write the fixes to fix.strategy.yaml: permission denied\n');
    assert.equal(read(root, 'fix.strategy.yaml'), BROKEN);
  });
});
