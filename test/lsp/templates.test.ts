import { strict as assert } from 'node:assert';
import type { CompletionItem, CompletionList, Hover, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient, TempWorkspace } from '../helpers/lspClient.js';

const CONFIG = `today: 2027-02-01
templates:
  - name: proposal
    files: "keps/**/kep.yaml"
    kind: initiative
    id: folder
    fields: { title: title, owner: owning-sig, status: status, replaces: replaces }
    references: { replaces: initiative }
    schema:
      properties:
        status: { enum: [provisional, implementable, implemented] }
    sibling: { file: README.md, required-sections: [Motivation] }
`;

const OWNERS = `owners:
  - id: sig-node
    name: SIG Node
`;

const SWAP = `title: Node swap
owning-sig: sig-node
status: implementble
replaces: 1-old-swap
`;

const OLD = `title: Old swap
owning-sig: sig-node
status: implemented
`;

/** The position of `needle` in `text`, plus `shift` characters. */
function positionOf(text: string, needle: string, shift = 0) {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} in text`);
  const before = text.slice(0, at + shift);
  return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
}

describe('language server: templated documents', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: LspClient;

  beforeEach(async () => {
    ws = new TempWorkspace({
      '.strategylint.yaml': CONFIG,
      'owners.strategy.yaml': OWNERS,
      'keps/sig-node/2-swap/kep.yaml': SWAP,
      'keps/sig-node/2-swap/README.md': '# KEP-2: Node swap\n\n## Summary\n\nSwap.\n',
      'keps/sig-node/1-old-swap/kep.yaml': OLD,
    });
    client = await LspClient.start({ folders: [ws.root] });
    await client.waitForIdle();
  });

  afterEach(async () => {
    await client.shutdown().catch(() => undefined);
    ws.dispose();
  });

  it('publishes the same diagnostics as the CLI for a templated document and its sibling, and updates them as you type', async () => {
    const uri = ws.uri('keps/sig-node/2-swap/kep.yaml');
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length === 1);
    assert.equal(diagnostics[0]!.code, 'invalid-value');
    assert.deepEqual(diagnostics[0]!.range.start, { line: 2, character: 8 });
    assert.match(String(diagnostics[0]!.message), /Did you mean 'implementable'\?/);
    const readme = await client.waitForDiagnostics(ws.uri('keps/sig-node/2-swap/README.md'), (d) => d.length === 1);
    assert.equal(readme[0]!.code, 'required-section');
    client.open(uri, SWAP);
    client.change(uri, SWAP.replace('implementble', 'implementable'));
    await client.waitForDiagnostics(uri, (d) => d.length === 0, 'the fixed status clears the diagnostic');
  });

  it('follows a templated file changed on disk (a kep.yaml is not a default name)', async () => {
    const uri = ws.uri('keps/sig-node/2-swap/kep.yaml');
    await client.waitForDiagnostics(uri, (d) => d.length === 1 && d[0]!.code === 'invalid-value');
    ws.write('keps/sig-node/2-swap/kep.yaml', SWAP.replace('implementble', 'implementable'));
    client.fileChanged([{ uri, type: 2 }]);
    await client.waitForDiagnostics(uri, (d) => d.length === 0, 'the status fixed on disk clears the diagnostic');
    // A new KEP written to disk (git pull) is read too.
    ws.write('keps/sig-node/3-new/kep.yaml', SWAP.replace('Node swap', 'New one'));
    client.fileChanged([{ uri: ws.uri('keps/sig-node/3-new/kep.yaml'), type: 1 }]);
    await client.waitForDiagnostics(ws.uri('keps/sig-node/3-new/kep.yaml'), (d) => d.some((x) => x.code === 'invalid-value'));
  });

  it('hover, definition and references work on a templated reference and declaration', async () => {
    const uri = ws.uri('keps/sig-node/2-swap/kep.yaml');
    client.open(uri, SWAP);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(SWAP, '1-old-swap', 2) });
    assert.ok(hover);
    assert.match((hover.contents as MarkupContent).value, /\*\*Initiative\*\* `1-old-swap` — Old swap/);
    const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(SWAP, 'sig-node', 2) });
    assert.deepEqual(defs.map((d) => [d.uri, d.range.start.line]), [[ws.uri('owners.strategy.yaml'), 1]]);
    const oldUri = ws.uri('keps/sig-node/1-old-swap/kep.yaml');
    client.open(oldUri, OLD);
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: oldUri }, position: positionOf(OLD, 'Old swap', 2), context: { includeDeclaration: false } });
    assert.deepEqual(refs.map((r) => [r.uri, r.range.start.line]), [[uri, 3]]);
  });

  it('completes enum values from the template schema, and ids of the kind a field refers to', async () => {
    const uri = ws.uri('keps/sig-node/2-swap/kep.yaml');
    const typing = SWAP.replace('status: implementble', 'status: imp');
    client.open(uri, typing);
    const list = async (needle: string, shift: number) => {
      const result = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: positionOf(typing, needle, shift) });
      return (Array.isArray(result) ? result : (result?.items ?? [])).map((i) => i.label);
    };
    assert.deepEqual(await list('status: imp', 11), ['provisional', 'implementable', 'implemented']);
    assert.deepEqual(await list('replaces: 1-old', 15), ['1-old-swap']);
    assert.deepEqual(await list('owning-sig: sig', 15), ['@sig-node']);
  });
});
