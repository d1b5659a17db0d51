import { strict as assert } from 'node:assert';
import type { Connection, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { EncodedParams } from '../../server/src/lsp/batchedWriter.js';
import { DiagnosticsPublisher } from '../../server/src/lsp/publisher.js';
import { pathToUri } from '../../server/src/lsp/uri.js';

/** A connection that records the publishDiagnostics params it is asked to send, as the client would decode them. */
function recordingConnection(): { connection: Connection; sent: PublishDiagnosticsParams[]; json: string[] } {
  const sent: PublishDiagnosticsParams[] = [];
  /** The JSON of each encoded message, as the writer puts it on the wire. */
  const json: string[] = [];
  const connection = {
    sendDiagnostics: (params: PublishDiagnosticsParams) => {
      sent.push(JSON.parse(JSON.stringify(params)));
      return Promise.resolve();
    },
    sendNotification: (method: string, params: unknown) => {
      assert.equal(method, 'textDocument/publishDiagnostics');
      assert.ok(params instanceof EncodedParams);
      sent.push(JSON.parse(params.json));
      json.push(params.json);
      return Promise.resolve();
    },
  } as unknown as Connection;
  return { connection, sent, json };
}

const range = (line: number) => ({ start: { line, character: 2 }, end: { line, character: 9 } });
/** Shared between diagnostics, as toDiagnostic hands out one list while its places are unchanged. */
const related = [
  { location: { uri: pathToUri('/ws/a.md'), range: range(1) }, message: 'INIT-a is active here' },
  { location: { uri: pathToUri('/ws/b.md'), range: range(4) }, message: 'INIT-b is “active” here' },
];
function diagnostics(message = 'Owner @p carries 2 active initiatives'): Diagnostic[] {
  return [
    { range: range(0), severity: 2, source: 'strategy-lint', code: 'owner-load', codeDescription: { href: 'https://example.com/owner-load' }, message, relatedInformation: related },
    { range: range(3), severity: 1, source: 'strategy-lint', code: 'unknown-owner', message: 'Owner @q is not declared' },
  ];
}

/**
 * The publisher sends a file's diagnostics only when they differ from what the client has. Over
 * stdio (`encoded`) it sends them as the JSON it made their digest from: the client must get
 * exactly what it would get from the diagnostics themselves.
 */
describe('the diagnostics publisher', () => {
  for (const encoded of [false, true]) {
    describe(encoded ? 'sending encoded JSON (stdio)' : 'sending the diagnostics (web worker)', () => {
      it('sends what the diagnostics say, related places and version included, and leaves them as they were', () => {
        const { connection, sent } = recordingConnection();
        const publisher = new DiagnosticsPublisher(connection, encoded);
        const first = diagnostics();
        const before = JSON.stringify(first);
        assert.equal(publisher.publish('/ws/owners.md', first, 7), true);
        assert.equal(JSON.stringify(first), before);
        assert.equal(first[0]!.relatedInformation, related);
        // Another file showing the same list (its digest is known by now, its JSON made again).
        assert.equal(publisher.publish('/ws/other.md', diagnostics('Another owner')), true);
        assert.deepEqual(sent, [
          JSON.parse(JSON.stringify({ uri: pathToUri('/ws/owners.md'), version: 7, diagnostics: first })),
          JSON.parse(JSON.stringify({ uri: pathToUri('/ws/other.md'), diagnostics: diagnostics('Another owner') })),
        ]);
      });

      it('never changes the diagnostics it encodes, not even for a moment (they may be frozen)', () => {
        const { connection, sent } = recordingConnection();
        const publisher = new DiagnosticsPublisher(connection, encoded);
        const frozen = deepFrozen(structuredClone(diagnostics()));
        assert.equal(publisher.publish('/ws/owners.md', frozen, 3), true);
        // The same related list again: its digest is known, its JSON made when the message is.
        assert.equal(publisher.publish('/ws/other.md', frozen), true);
        assert.deepEqual(sent.map((p) => p.diagnostics), [JSON.parse(JSON.stringify(frozen)), JSON.parse(JSON.stringify(frozen))]);
      });

      it('sends nothing for unchanged diagnostics, and again once a message or a related place changes', () => {
        const { connection, sent } = recordingConnection();
        const publisher = new DiagnosticsPublisher(connection, encoded);
        publisher.publish('/ws/owners.md', diagnostics());
        assert.equal(publisher.publish('/ws/owners.md', diagnostics()), false);
        assert.equal(publisher.publish('/ws/owners.md', diagnostics('Owner @p carries 3 active initiatives')), true);
        const moved = diagnostics('Owner @p carries 3 active initiatives');
        moved[0]!.relatedInformation = [related[0]!, { ...related[1]!, location: { ...related[1]!.location, range: range(5) } }];
        assert.equal(publisher.publish('/ws/owners.md', moved), true);
        assert.equal(sent.length, 3);
        assert.equal(sent[2]!.diagnostics[0]!.relatedInformation![1]!.location.range.start.line, 5);
      });

      it('sends diagnostics without related places as they are, once, and again when they change or gain places', () => {
        const { connection, sent } = recordingConnection();
        const publisher = new DiagnosticsPublisher(connection, encoded);
        const plain = (message: string) => diagnostics(message).map(({ relatedInformation: _, ...own }) => own);
        assert.equal(publisher.publish('/ws/goals.md', plain('Owner @p carries 2 active initiatives'), 4), true);
        assert.equal(publisher.publish('/ws/goals.md', plain('Owner @p carries 2 active initiatives')), false);
        assert.equal(publisher.publish('/ws/goals.md', plain('Owner @p carries 3 active initiatives')), true);
        // The same diagnostics with their related places, then without them again: each is news.
        assert.equal(publisher.publish('/ws/goals.md', diagnostics('Owner @p carries 3 active initiatives')), true);
        assert.equal(publisher.publish('/ws/goals.md', plain('Owner @p carries 3 active initiatives')), true);
        assert.deepEqual(sent, [
          JSON.parse(JSON.stringify({ uri: pathToUri('/ws/goals.md'), version: 4, diagnostics: plain('Owner @p carries 2 active initiatives') })),
          ...['Owner @p carries 3 active initiatives'].flatMap((m) => [{ uri: pathToUri('/ws/goals.md'), diagnostics: plain(m) }, { uri: pathToUri('/ws/goals.md'), diagnostics: JSON.parse(JSON.stringify(diagnostics(m))) }, { uri: pathToUri('/ws/goals.md'), diagnostics: plain(m) }]),
        ]);
      });

      it('clears a file it published, and sends nothing for one it never did', () => {
        const { connection, sent } = recordingConnection();
        const publisher = new DiagnosticsPublisher(connection, encoded);
        assert.equal(publisher.clear('/ws/clean.md'), false);
        publisher.publish('/ws/owners.md', diagnostics());
        assert.equal(publisher.clear('/ws/owners.md'), true);
        publisher.publish('/ws/b.md', diagnostics());
        publisher.clearWhere((uri) => uri.endsWith('/b.md'));
        assert.deepEqual(sent.slice(1).filter((p) => p.diagnostics.length === 0).map((p) => p.uri), [pathToUri('/ws/owners.md'), pathToUri('/ws/b.md')]);
        assert.equal(publisher.hasDiagnostics('/ws/b.md'), false);
      });
    });
  }

  it('over stdio, writes the very JSON that JSON.stringify makes of the params', () => {
    const { connection, json } = recordingConnection();
    const publisher = new DiagnosticsPublisher(connection, true);
    const first = deepFrozen(structuredClone(diagnostics()));
    const other = deepFrozen(structuredClone(diagnostics('Another owner')));
    publisher.publish('/ws/owners.md', first, 7);
    publisher.publish('/ws/other.md', other);
    publisher.clear('/ws/other.md');
    assert.deepEqual(json, [
      JSON.stringify({ uri: pathToUri('/ws/owners.md'), version: 7, diagnostics: first }),
      JSON.stringify({ uri: pathToUri('/ws/other.md'), diagnostics: other }),
      JSON.stringify({ uri: pathToUri('/ws/other.md'), diagnostics: [] }),
    ]);
  });
});

/** The value, and every object and array in it, frozen: writing to any of them throws (test files are strict mode). */
function deepFrozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFrozen(inner);
    Object.freeze(value);
  }
  return value;
}
