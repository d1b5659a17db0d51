#!/usr/bin/env node
// Thin launcher: the CLI and the language server live in one esbuild bundle so that a cold
// start loads a single file instead of hundreds of modules.
require('../dist/strategy-lint.cjs');
