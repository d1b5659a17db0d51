// Loads a bundle of dist/ as require() would, but compiled with V8's code cache written beside it
// at build time (`<bundle>.cache`, scripts/write-code-cache.cjs): a cold run then skips compiling
// the 2 MB bundle and the functions a lint run calls (~5% of a `--preset kep` run). The cache
// belongs to the Node.js that built it: V8 rejects it under another version or other flags (or
// when it is damaged or missing), and the bundle is compiled as usual.
'use strict';
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

/** Runs the bundle at `file`; `onLoaded(script)` sees the compiled script (the cache writer asks it for its code). */
function loadBundle(file, { useCache = true, onLoaded } = {}) {
  const source = readFileSync(file, 'utf8');
  let cachedData;
  if (useCache) {
    try {
      cachedData = readFileSync(`${file}.cache`);
    } catch {
      // No cache (a build without one): compiled as usual.
    }
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  onLoaded?.(script);
  const bundle = new Module(file, module);
  bundle.filename = file;
  bundle.paths = Module._nodeModulePaths(path.dirname(file));
  bundle.loaded = true;
  script.runInThisContext().call(bundle.exports, bundle.exports, Module.createRequire(file), bundle, file, path.dirname(file));
  return bundle.exports;
}

module.exports = { loadBundle };
