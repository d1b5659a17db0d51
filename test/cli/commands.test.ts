import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { BIN, CLEAN_PLAN, ORPHAN_INITIATIVE, read, runCli, workspace } from './cli.js';

describe('strategy-lint report', () => {
  const files = { 'plan.strategy.yaml': CLEAN_PLAN, 'orphan.strategy.yaml': ORPHAN_INITIATIVE };

  it('prints the alignment report of the workspace, Markdown by default', () => {
    const run = runCli(['report'], { cwd: workspace(files) });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^# /);
    assert.match(run.stdout, /OBJ-smb/);
    assert.match(run.stdout, /INIT-orphan/);
  });

  it('--format json prints JSON, and -o writes it to a file', () => {
    const root = workspace(files);
    const run = runCli(['report', '--format', 'json'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotThrow(() => JSON.parse(run.stdout));
    const toFile = runCli(['report', '--format', 'html', '-o', 'out/report.html'], { cwd: root });
    assert.equal(toFile.status, 0);
    assert.equal(toFile.stdout, '');
    assert.match(read(root, 'out/report.html'), /<html/i);
  });

  it('exits 2 for an unknown report format, a missing path or an invalid config', () => {
    const root = workspace({ ...files, 'bad/.strategylint.yaml': 'rules: 3\n', 'bad/a.md': '# A\n' });
    const format = runCli(['report', '--format', 'pdf'], { cwd: root });
    assert.equal(format.status, 2);
    assert.equal(format.stderr, 'strategy-lint: unknown report format "pdf"; use one of markdown, mermaid, html, json\n');
    assert.equal(runCli(['report', 'nowhere'], { cwd: root }).status, 2);
    const config = runCli(['report', 'bad'], { cwd: root });
    assert.equal(config.status, 2);
    assert.match(config.stderr, /^strategy-lint: bad\/\.strategylint\.yaml:1:8: rules: expected a mapping/);
  });
});

describe('strategy-lint --stdio', () => {
  it('hands over to the language server, which answers initialize over stdio', async function () {
    this.timeout(30_000);
    const server = spawn(process.execPath, [BIN, '--stdio'], { cwd: workspace({}), stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      const reply = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          const match = /Content-Length: (\d+)\r\n\r\n/.exec(out);
          if (match && Buffer.byteLength(out.slice(match.index + match[0].length)) >= Number(match[1])) resolve(out.slice(match.index + match[0].length));
        });
        server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
      const message = JSON.parse(reply) as { id: number; result: { capabilities: Record<string, unknown> } };
      assert.equal(message.id, 1);
      assert.ok(message.result.capabilities.textDocumentSync !== undefined, 'the server announces its capabilities');
    } finally {
      server.kill();
    }
  });
});
