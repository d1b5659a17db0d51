import { strict as assert } from 'node:assert';
import path from 'node:path';
import { CLEAN_PLAN, ORPHAN_INITIATIVE, jsonOf, read, runCli, workspace } from './cli.js';

const TODAY = ['--today', '2027-02-01'];
const ANSI = /\u001b\[/;

describe('strategy-lint output', () => {
  const files = { 'plan.strategy.yaml': CLEAN_PLAN, 'orphan.strategy.yaml': ORPHAN_INITIATIVE };

  it('prints stylish by default, with paths relative to the current folder', () => {
    const root = workspace(files);
    const run = runCli(TODAY, { cwd: root });
    assert.match(run.stdout, /^orphan\.strategy\.yaml\n\s+2:9\s+error\s+.*no owner.*initiative-owner/m);
    assert.doesNotMatch(run.stdout, /plan\.strategy\.yaml\n/, 'files without findings are not listed');
  });

  it('--format json is ESLint-compatible, with one entry per taking-part file', () => {
    const root = workspace({ ...files, 'notes.md': '# Meeting notes\nNothing declared here.\n' });
    const results = jsonOf(runCli([...TODAY, '--format', 'json'], { cwd: root }));
    assert.deepEqual(results.map((r) => path.basename(r.filePath)).sort(), ['orphan.strategy.yaml', 'plan.strategy.yaml'], 'Markdown that declares nothing is left alone');
    const orphan = results.find((r) => r.filePath.endsWith('orphan.strategy.yaml'))!;
    assert.equal(orphan.filePath, path.join(root, 'orphan.strategy.yaml'));
    assert.deepEqual(
      orphan.messages.map((m) => [m.ruleId, m.severity, m.line, m.column, m.endLine, m.endColumn]),
      [['initiative-owner', 2, 2, 9, 2, 20]],
    );
    assert.equal(orphan.errorCount, 1);
  });

  for (const format of ['sarif', 'github', 'junit']) {
    it(`--format ${format} prints the finding`, () => {
      const run = runCli([...TODAY, '--format', format], { cwd: workspace(files) });
      assert.equal(run.status, 1);
      assert.match(run.stdout, /initiative-owner/);
    });
  }

  it('--output-file writes the report there (creating folders) and nothing to stdout; the exit code is unchanged', () => {
    const root = workspace(files);
    const run = runCli([...TODAY, '--format', 'json', '--output-file', 'reports/lint.json'], { cwd: root });
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    const written = JSON.parse(read(root, 'reports/lint.json')) as { messages: unknown[] }[];
    assert.equal(written.flatMap((r) => r.messages).length, 1);
  });

  it('writes a report of several megabytes whole, in every format, to stdout and to files alike (it is written a piece at a time)', function () {
    this.timeout(120_000);
    const many = Array.from({ length: 1500 }, (_, i) => `  - id: INIT-${i}\n    title: Nobody owns initiative number ${i}\n    objective: OBJ-smb\n    metrics: [KR-activation]\n`).join('');
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'orphans.strategy.yaml': `initiatives:\n${many}` });
    const extras = ['json', 'sarif', 'github', 'gitlab', 'junit'].flatMap((format) => ['--format', `${format}:out/report.${format}`]);
    const run = runCli([...TODAY, ...extras], { cwd: root });
    assert.equal(run.status, 1);
    const report = (format: string) => read(root, `out/report.${format}`);
    const messages = (jsonOf({ ...run, stdout: report('json') }) as { messages: unknown[] }[]).flatMap((r) => r.messages);
    assert.ok(messages.length >= 1500 && report('sarif').length > 2 ** 20, `${messages.length} findings, ${report('sarif').length} characters of SARIF`);
    assert.equal((JSON.parse(report('sarif')) as { runs: { results: unknown[] }[] }).runs[0]!.results.length, messages.length);
    assert.equal((JSON.parse(report('gitlab')) as unknown[]).length, messages.length);
    assert.equal(report('github').split('\n').length - 1, messages.length);
    assert.equal(report('junit').match(/<testcase /g)!.length, messages.length + 1, 'one test case per finding, one for the clean file');
    assert.ok(report('junit').endsWith('</testsuites>\n'));
    assert.equal(run.stdout.match(/^\s+\d+:\d+\s/gm)!.length, messages.length, 'stylish lists every finding');
    for (const format of ['json', 'gitlab']) assert.equal(runCli([...TODAY, '--format', format], { cwd: root }).stdout, report(format), `${format} on stdout equals the file`);
  });

  it('exits 2 when --output-file cannot be written', () => {
    const root = workspace({ ...files, 'taken/file': 'x' });
    const run = runCli([...TODAY, '--output-file', 'taken/file/lint.txt'], { cwd: root });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^strategy-lint: cannot write --output-file taken\/file\/lint\.txt: /);
  });

  it('colours only when asked: FORCE_COLOR or --color; --no-color and NO_COLOR win', () => {
    const root = workspace(files);
    assert.doesNotMatch(runCli(TODAY, { cwd: root }).stdout, ANSI, 'a pipe gets no colour');
    assert.match(runCli(TODAY, { cwd: root, env: { FORCE_COLOR: '1' } }).stdout, ANSI);
    assert.match(runCli([...TODAY, '--color'], { cwd: root }).stdout, ANSI);
    assert.doesNotMatch(runCli([...TODAY, '--no-color'], { cwd: root, env: { FORCE_COLOR: '1' } }).stdout, ANSI);
    assert.doesNotMatch(runCli(TODAY, { cwd: root, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout, ANSI);
  });

  it('--help prints usage with every option to stdout and exits 0', () => {
    const run = runCli(['--help'], { cwd: workspace({}) });
    assert.equal(run.status, 0);
    for (const option of ['--format', '--output-file', '--fix', '--fix-dry-run', '--max-warnings', '--quiet', '--rule', '--config', '--today', '--stdin', '--stdin-filename', '--no-color', 'report']) {
      assert.ok(run.stdout.includes(option), `help mentions ${option}`);
    }
    assert.equal(run.stderr, '');
  });

  it('--version prints the package version', () => {
    const run = runCli(['--version'], { cwd: workspace({}) });
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^\d+\.\d+\.\d+\S*\n$/);
  });
});
