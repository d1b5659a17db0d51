#!/usr/bin/env node
// Thin launcher: the CLI is one esbuild bundle, so that a cold start loads a single file instead of
// hundreds of modules; with --stdio it loads the language server's bundle next to it.
require('../dist/strategy-lint.cjs');
