import { strict as assert } from 'node:assert';
import type { CodeAction, CompletionItem, CompletionList, Hover, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit, LspClient, TempWorkspace } from '../helpers/lspClient.js';

/** The editor on entities inside a templated file (docs/templates.md "Entities inside a file"): an OKR page. */
const CONFIG = `today: 2027-03-10
templates:
  - name: okr-page
    files: "okrs/*.md"
    entities:
      - kind: objective
        heading: { level: 3, under: "^20\\\\d\\\\d Q[1-4]$" }
        id-prefix: O-
        fields:
          owner: { header: Owner }
          period: { heading: "^(20\\\\d\\\\d) Q([1-4])$", value: "$1-Q$2" }
      - kind: metric
        list-items: { in: objective }
        id-prefix: KR-
      - kind: initiative
        table-rows: { under-heading: Projects, columns: { title: Name, owner: Owner, metrics: Metrics } }
        links: [owner]
      - kind: initiative
        list-items: { under-heading: Chores }
        links: [owner]
`;

const OWNERS = `owners:
  - id: "@sam"
    name: Sam Okafor
  - id: "@maria"
`;

const PAGE = `# Payments OKRs

## 2027 Q1

### Grow small-business checkout
- Owner: @maria
- Raise activation from 22 to 35 percent (@sam)
  - Baseline: 22
  - Target: 35
  - Current: 23
- Halve time to first payment

#### Projects

| Name | Owner | Metrics |
|---|---|---|
| Guided setup |  | KR-raise-activation-from-22-to-35-percent |
| Faster payouts | @sam | KR-halve-time-to |

#### Chores

- Rotate the API keys
`;

/** The position of `needle` in `text`, plus `shift` characters. */
function positionOf(text: string, needle: string, shift = 0) {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} in text`);
  const before = text.slice(0, at + shift);
  return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
}

describe('language server: entities inside a templated file', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: LspClient;
  const page = () => ws.uri('okrs/payments.md');

  beforeEach(async () => {
    ws = new TempWorkspace({ '.strategylint.yaml': CONFIG, 'owners.strategy.yaml': OWNERS, 'okrs/payments.md': PAGE });
    client = await LspClient.start({ folders: [ws.root] });
    client.open(page(), PAGE);
    await client.waitForIdle();
  });

  afterEach(async () => {
    await client.shutdown().catch(() => undefined);
    ws.dispose();
  });

  it('publishes diagnostics at the empty cell, the item and the cell reference, with the execution rules judging the quarter', async () => {
    const diagnostics = await client.waitForDiagnostics(page(), (d) => d.length >= 4);
    const shown = diagnostics.map((d) => [d.code, d.range.start.line + 1, d.range.start.character]).sort((a, b) => Number(a[1]) - Number(b[1]));
    assert.deepEqual(shown, [
      ['metric-pace', 10, 13],
      ['initiative-owner', 17, 16],
      ['unresolved-reference', 18, 26],
      ['initiative-owner', 22, 2],
    ]);
    const chore = diagnostics.find((d) => d.range.start.line === 21)!;
    assert.match(String(chore.message), /Add `\(@handle\)` at the end of the item\./);
  });

  it('offers quick fixes in the entity\'s own form: a filled cell, an owner in parentheses', async () => {
    const diagnostics = await client.waitForDiagnostics(page(), (d) => d.filter((x) => x.code === 'initiative-owner').length === 2);
    const actionsFor = (line: number) => {
      const d = diagnostics.find((x) => x.code === 'initiative-owner' && x.range.start.line === line)!;
      return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: page() }, range: d.range, context: { diagnostics: [d] } });
    };
    const cell = (await actionsFor(16)).find((a) => a.title === 'Set owner to @sam')!;
    const filled = applyWorkspaceEdit({ [page()]: PAGE }, cell.edit!)[page()]!;
    assert.equal(filled.split('\n')[16], '| Guided setup | @sam | KR-raise-activation-from-22-to-35-percent |');
    const item = (await actionsFor(21)).find((a) => a.title === 'Insert owner @maria')!;
    const owned = applyWorkspaceEdit({ [page()]: filled }, item.edit!)[page()]!;
    assert.equal(owned.split('\n')[21], '- Rotate the API keys (@maria)');
    client.change(page(), owned);
    await client.waitForDiagnostics(page(), (d) => !d.some((x) => x.code === 'initiative-owner'), 'both owners are read back');
  });

  it('hover, definition and references connect a key result bullet and the table cell that names it', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: page() }, position: positionOf(PAGE, '| KR-raise', 5) });
    assert.ok(hover);
    assert.match((hover.contents as MarkupContent).value, /`KR-raise-activation-from-22-to-35-percent` — Raise activation from 22 to 35 percent/);
    const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: page() }, position: positionOf(PAGE, '| KR-raise', 5) });
    assert.deepEqual(defs.map((d) => [d.uri, d.range.start.line + 1]), [[page(), 7]]);
    const refs = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: page() },
      position: positionOf(PAGE, 'Raise activation', 3),
      context: { includeDeclaration: false },
    });
    assert.deepEqual(refs.map((r) => [r.uri, r.range.start.line + 1]), [[page(), 17]]);
    const owner = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: page() }, position: positionOf(PAGE, '(@sam)', 2) });
    assert.deepEqual(owner.map((d) => [d.uri, d.range.start.line]), [[ws.uri('owners.strategy.yaml'), 1]]);
  });

  it('completes key result ids in a Metrics cell and owners in an Owner cell', async () => {
    const list = async (needle: string, shift: number) => {
      const result = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri: page() }, position: positionOf(PAGE, needle, shift) });
      return (Array.isArray(result) ? result : (result?.items ?? [])).map((i) => i.label).sort();
    };
    assert.deepEqual(await list('KR-halve-time-to |', 16), ['KR-halve-time-to-first-payment', 'KR-raise-activation-from-22-to-35-percent']);
    assert.deepEqual(await list('| Guided setup |  |', 16), ['@maria', '@sam']);
  });
});
