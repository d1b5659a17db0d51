#!/usr/bin/env node
// Thin launcher: the CLI is one esbuild bundle, so that a cold start loads a single file instead of
// hundreds of modules, compiled from the code cache the build wrote beside it (load-bundle.cjs).
// With --stdio (the language server) the server's bundle is loaded directly, from its own code cache
// (a session's functions: scripts/write-server-code-cache.mjs): neither the CLI's bundle nor an
// import() of a CommonJS file (which has Node scan all 2 MB of it for exports) stands before the
// first answer.
const bundle = process.argv.slice(2).includes('--stdio') ? 'strategy-lint-server.cjs' : 'strategy-lint.cjs';
require('./load-bundle.cjs').loadBundle(require('node:path').join(__dirname, '../dist', bundle));
