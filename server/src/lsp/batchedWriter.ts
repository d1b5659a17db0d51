import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

/**
 * A message's params already encoded as JSON (the diagnostics publisher encodes them once, for
 * their digest and for the message): BatchedMessageWriter writes the JSON as it is. Any other
 * writer gets the params themselves (toJSON), at the cost of decoding them again.
 */
export class EncodedParams {
  constructor(readonly json: string) {}

  toJSON(): unknown {
    return JSON.parse(this.json);
  }
}

/**
 * Writes the server's JSON-RPC messages to a stream (stdout) in the base protocol's framing
 * (`Content-Length` header, then the JSON), every message sent during one turn of the event loop
 * in a single write. vscode-jsonrpc's StreamMessageWriter writes a message's header and its body
 * as two writes and starts the next message only on a later turn: an initial scan publishes the
 * diagnostics of thousands of files, and those two system calls each (which wake the client up)
 * were 2.5% of the server's thread at 10k light documents, more than encoding the messages.
 * Messages go out in the order they were sent; each `write` settles once its batch is written.
 */
export class BatchedMessageWriter extends AbstractMessageWriter implements MessageWriter {
  /** Headers and bodies of the messages waiting for the next write. */
  private pending: Buffer[] = [];
  /** Settles once the pending messages are written (shared by all of them). */
  private batch: Promise<void> | undefined;
  private settleBatch: ((error?: Error | null) => void) | undefined;
  private errorCount = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let body: Buffer;
    try {
      body = Buffer.from(encode(msg), 'utf8');
    } catch (error) {
      this.failed(error, msg);
      return Promise.reject(error);
    }
    this.pending.push(Buffer.from(`Content-Length: ${body.byteLength}\r\n\r\n`, 'ascii'), body);
    if (!this.batch) {
      this.batch = new Promise<void>((resolve, reject) => (this.settleBatch = (error) => (error ? reject(error) : resolve())));
      setImmediate(() => this.flush());
    }
    return this.batch;
  }

  end(): void {
    this.flush();
    this.stream.end();
  }

  /** Writes what is pending as one chunk. */
  private flush(): void {
    const settle = this.settleBatch;
    if (!settle) return;
    const chunks = this.pending;
    this.pending = [];
    this.batch = undefined;
    this.settleBatch = undefined;
    try {
      this.stream.write(Buffer.concat(chunks), (error?: Error | null) => {
        if (error) this.failed(error);
        settle(error);
      });
    } catch (error) {
      this.failed(error);
      settle(error as Error);
    }
  }

  private failed(error: unknown, msg?: Message): void {
    this.fireError(error, msg, ++this.errorCount);
  }
}


function encode(msg: Message): string {
  const params = (msg as { params?: unknown }).params;
  if (!(params instanceof EncodedParams)) return JSON.stringify(msg);
  const { params: _, ...rest } = msg as Message & { params: EncodedParams };
  return `${JSON.stringify(rest).slice(0, -1)},"params":${params.json}}`;
}
