// `node:perf_hooks` for the web language server: the worker's own clock.
export const performance = globalThis.performance;
