// Entry of the language server bundle (dist/strategy-lint-server.cjs, shipped in the extension as
// client/dist/server.cjs): loading it starts the server on the transport named in argv (--stdio).
// `strategy-lint --stdio` loads it from the CLI bundle's folder, so a lint run never compiles it.
import { realpathSync } from 'node:fs';
import { capYoungGeneration, limitHeapGrowth, limitHeapGrowthToParse, SERVER_HEAP_GROWING_PERCENT, YOUNG_GENERATION_MB } from '../cli/heap.js';
import { delayOptimization } from '../cli/jit.js';
import { openFolderCache } from './folderCache.js';
import { hashForScan, scanInParallel } from './parallelScan.js';
import { startServer } from './server.js';
import { normalisePath } from './uri.js';

// A young generation capped from the start, as a lint run's: see heap.ts.
capYoungGeneration(YOUNG_GENERATION_MB);
// V8 optimizes fewer lukewarm functions on its background threads, as in a lint run (cli/jit.ts): a
// scan of 1k heavy documents took ~25% less of the process's CPU (its own thread ~5% more), and
// the keystrokes after a scan of 10k were as fast.
delayOptimization();

startServer(
  {},
  {
    // The heap's growth is held to 40% past its live data from a scan's first parse (of as many files
    // as a lint run's limit waits for) or its end on, while the user types (a lint run's, to less):
    // see heap.ts and SyncContext.holdHeap.
    holdHeap: (filesToRead) => (filesToRead === undefined ? limitHeapGrowth(SERVER_HEAP_GROWING_PERCENT) : limitHeapGrowthToParse(filesToRead, SERVER_HEAP_GROWING_PERCENT)),
    // A folder's first scan parses in the CLI's worker threads too (strategyLint.concurrency).
    loadInParallel: scanInParallel,
    // A start from the lint cache reads and hashes the files in a worker thread (strategyLint.concurrency).
    hashFiles: hashForScan,
    // A folder opened through a symbolic link is worked on in its real path, as the CLI does.
    realPath: (folderPath) => {
      try {
        return normalisePath(realpathSync(folderPath));
      } catch {
        return undefined;
      }
    },
    // The lint cache is read from disk (the web worker has none).
    openCache: openFolderCache,
  },
);
