import { strict as assert } from 'node:assert';
import { PassThrough, Writable } from 'node:stream';
import { StreamMessageReader, type Message, type NotificationMessage } from 'vscode-languageserver/node';
import { BatchedMessageWriter, EncodedParams } from '../../server/src/lsp/batchedWriter.js';

/** A stdout stand-in that records each write it is given. */
function recordingStream(): { stream: Writable; writes: Buffer[] } {
  const writes: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk);
      done();
    },
  });
  return { stream, writes };
}

const notification = (n: number, text = `message ${n}`): NotificationMessage => ({ jsonrpc: '2.0', method: 'test/n', params: { n, text } });

/** Reads back the messages in `bytes` as a client would. */
async function readBack(bytes: Buffer, count: number): Promise<Message[]> {
  const pipe = new PassThrough();
  const reader = new StreamMessageReader(pipe);
  const messages: Message[] = [];
  const all = new Promise<void>((resolve) =>
    reader.listen((message) => {
      messages.push(message);
      if (messages.length === count) resolve();
    }),
  );
  pipe.write(bytes);
  await all;
  reader.dispose();
  return messages;
}

/**
 * The language server writes its messages through BatchedMessageWriter (lsp/server.ts): what a scan
 * publishes during one turn of the event loop goes out as one write, framed so that any client
 * reads it as the separate messages, in order.
 */
describe('the language server’s message writer', () => {
  it('writes the messages of one turn as a single write that a client reads back in order', async () => {
    const { stream, writes } = recordingStream();
    const writer = new BatchedMessageWriter(stream);
    // Multi-byte text: the Content-Length header counts bytes, not characters.
    const sent = [notification(1), notification(2, 'Überprüfung — “quoted” ✓'), notification(3)];
    const written = sent.map((m) => writer.write(m));
    assert.equal(writes.length, 0, 'nothing is written before the turn ends');
    await Promise.all(written);
    assert.equal(writes.length, 1);
    assert.deepEqual(await readBack(writes[0]!, 3), sent);
  });

  it('writes what later turns send in later writes, after what came before', async () => {
    const { stream, writes } = recordingStream();
    const writer = new BatchedMessageWriter(stream);
    await writer.write(notification(1));
    await Promise.all([writer.write(notification(2)), writer.write(notification(3))]);
    assert.equal(writes.length, 2);
    assert.deepEqual(await readBack(Buffer.concat(writes), 3), [notification(1), notification(2), notification(3)]);
  });

  it('reports a message that cannot be encoded, and still writes the others', async () => {
    const { stream, writes } = recordingStream();
    const writer = new BatchedMessageWriter(stream);
    const errors: Error[] = [];
    writer.onError(([error]) => errors.push(error));
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const bad = writer.write({ jsonrpc: '2.0', method: 'test/bad', params: circular } as NotificationMessage);
    await assert.rejects(bad);
    await writer.write(notification(1));
    assert.equal(errors.length, 1);
    assert.deepEqual(await readBack(Buffer.concat(writes), 1), [notification(1)]);
  });

  it('writes params encoded already as their JSON, which the client reads as the params', async () => {
    const { stream, writes } = recordingStream();
    const writer = new BatchedMessageWriter(stream);
    const params = { uri: 'file:///ws/a.md', diagnostics: [{ message: 'Überprüfung ✓', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } } }] };
    await writer.write({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: new EncodedParams(JSON.stringify(params)) } as NotificationMessage);
    assert.deepEqual(await readBack(Buffer.concat(writes), 1), [{ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params }]);
  });

  it('ends the stream once what is pending is written', async () => {
    const { stream, writes } = recordingStream();
    const writer = new BatchedMessageWriter(stream);
    const finished = new Promise((resolve) => stream.on('finish', resolve));
    void writer.write(notification(1));
    writer.end();
    await finished;
    assert.deepEqual(await readBack(Buffer.concat(writes), 1), [notification(1)]);
  });
});
