// What the language server expects of its global scope and a web worker lacks. Imported first by
// the web entry (server/src/lsp/web/main.ts).
type Immediate = (callback: (...args: unknown[]) => void, ...args: unknown[]) => unknown;
const scope = globalThis as { setImmediate?: Immediate };

if (!scope.setImmediate) {
  // A macrotask, as Node's setImmediate is (a promise would starve the message port): a
  // MessageChannel round trip is not clamped to 4 ms like nested setTimeout(0).
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  (channel.port1 as unknown as { onmessage: () => void }).onmessage = () => queue.shift()?.();
  scope.setImmediate = (callback, ...args) => {
    queue.push(() => callback(...args));
    channel.port2.postMessage(undefined);
  };
}

// A few of the engine's path helpers ask `process` (the platform, the working directory when
// resolving a relative path): a worker is a POSIX-like place with no working directory of its own.
const withProcess = globalThis as { process?: { platform: string; cwd(): string; env: Record<string, string | undefined> } };
withProcess.process ??= { platform: 'linux', cwd: () => '/', env: {} };
