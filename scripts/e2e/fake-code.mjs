#!/usr/bin/env node
// A stand-in for the VS Code executable that @vscode/test-electron's runTests() launches
// (`vscodeExecutablePath`). VS Code cannot be downloaded here, so this runs the same
// extension-host suite in code-server + Chromium instead:
//   fake-code.mjs --extensionDevelopmentPath=EXT --extensionTestsPath=SUITE [FOLDER] [electron flags]
// It starts code-server with the smoke-test driver, opens the workbench with a `payload` URL
// parameter carrying the development/test paths, and exits with the code the workbench passes to
// window.codeAutomationExit (0 when the suite's run() resolves, 1 when it rejects; 1 on timeout).
//
// Environment:
//   STRATEGY_LINT_*, MOCHA_*        forwarded to the extension host (extensionEnvironment)
//   STRATEGY_LINT_E2E_TIMEOUT_MS    whole-run limit (default 300000)
//   STRATEGY_LINT_E2E_KEEP=1        keep the temp profile (user data, logs) for debugging
//   STRATEGY_LINT_E2E_VERBOSE=1     echo the whole browser console, not just the extension host's
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareArtifacts, screenshot } from './artifacts.mjs';
import { launchBrowser } from './browser.mjs';
import { createProfile, remoteUri, startCodeServer, workbenchUrl } from './code-server.mjs';

const log = (msg) => console log(`[fake-code] ${msg}`);
