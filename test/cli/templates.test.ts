import { strict as assert } from 'node:assert';
import { locations, read, runCli, workspace } from './cli.js';

const KEP_CONFIG = [
  'templates:',
  '  - name: proposal',
  '    files: "keps/**/kep.yaml"',
  '    kind: initiative',
  '    id: folder',
  '    fields: { title: title, status: status, owner: owning-sig }',
  '    schema:',
  '      properties:',
  '        status: { enum: [provisional, implementable, implemented] }',
  '    sibling: { file: README.md, required-sections: [Motivation] }',
  '',
].join('\n');

describe('strategy-lint with templates', () => {
  it('lints the files a template reads (kep.yaml is not a default file name) and their siblings, at exact positions', () => {
    const root = workspace({
      '.strategylint.yaml': KEP_CONFIG,
      'keps/sig-node/1-swap/kep.yaml': 'title: Swap\nowning-sig: sig-node\nstatus: implementd\n',
      'keps/sig-node/1-swap/README.md': '# KEP-1: Swap\n\n## Summary\n\nSwap.\n',
      'notes/readme.md': '# Notes that declare nothing\n',
    });
    const run = runCli(['--format', 'json'], { cwd: root });
    assert.equal(run.status, 1, run.stderr);
    const found = locations(run, root);
    assert.deepEqual(found, ['keps/sig-node/1-swap/README.md:1 required-section', 'keps/sig-node/1-swap/kep.yaml:3 invalid-value']);
  });

  it('applies the safe fix of a template enum with --fix, keeping the rest of the file', () => {
    const root = workspace({ '.strategylint.yaml': KEP_CONFIG, 'keps/a/1-x/kep.yaml': '# owned by node\ntitle: X\nstatus: implementd # see #12\n', 'keps/a/1-x/README.md': '# KEP-1: X\n\n## Motivation\n\nWhy.\n' });
    runCli(['--fix'], { cwd: root });
    assert.equal(read(root, 'keps/a/1-x/kep.yaml'), '# owned by node\ntitle: X\nstatus: implemented # see #12\n');
    assert.equal(runCli(['--format', 'json'], { cwd: root }).status, 0);
  });

  it('a bad template is a config error with file:line:column (exit 2): invalid schema, unknown kind, extends naming nothing', () => {
    const cases: [string, RegExp][] = [
      ['templates:\n  - name: t\n    files: "*.md"\n    kind: initiative\n    schema:\n      properties:\n        status: { enum: draft }\n', /^strategy-lint: \.strategylint\.yaml:7:25: templates\[0\]\.schema is not a valid JSON Schema: must be array\n$/],
      ['templates:\n  - name: t\n    files: "*.md"\n    kind: initative\n', /^strategy-lint: \.strategylint\.yaml:4:11: templates\[0\]\.kind: "initative" is not allowed \(did you mean "initiative"\?\)/],
      ['templates:\n  - name: t\n    extends: nothing\n', /^strategy-lint: \.strategylint\.yaml:3:14: templates\[0\]\.extends: no template "nothing"/],
      ['templates:\n  - name: t\n    files: "*.md"\n    kind: prd\n    schema: { properties: { d: { format: day } } }\n', /\.strategylint\.yaml:5:\d+: templates\[0\]\.schema is not a valid JSON Schema: unknown format "day"/],
      ['templates:\n  - name: t\n    files: "*.md"\n    kind: prd\n    fields:\n      n: { path: "(\\\\d+" }\n', /\.strategylint\.yaml:6:18: templates\[0\]\.fields\.n\.path: not a valid regular expression/],
      ['templates:\n  - name: t\n    files: "*.md"\n    kind: prd\n    fields:\n      n: { header: Num, capture: "(\\\\d+" }\n', /\.strategylint\.yaml:6:34: templates\[0\]\.fields\.n\.capture: not a valid regular expression/],
    ];
    for (const [config, expected] of cases) {
      const root = workspace({ '.strategylint.yaml': config, 'a.md': '# A\n' });
      const run = runCli([], { cwd: root });
      assert.equal(run.status, 2, config);
      assert.match(run.stderr, expected);
    }
  });

  it('a config template whose glob matches no file is exit 2 at that glob', () => {
    const root = workspace({
      '.strategylint.yaml': 'templates:\n  - name: t\n    files: ["docs/*.md", "rfcs/**/*.md"]\n    kind: prd\n',
      'docs/a.md': '# A\n',
    });
    const run = runCli([], { cwd: root });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^strategy-lint: \.strategylint\.yaml:3:26: templates\[0\]\.files: "rfcs\/\*\*\/\*\.md" matches no file/);
  });

  it('--preset with an unknown name is a usage error', () => {
    const run = runCli(['--preset', 'no-such-preset'], { cwd: workspace({ 'a.md': '# A\n' }) });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^strategy-lint: --preset: unknown preset "no-such-preset"/);
  });
});
