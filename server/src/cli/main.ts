// Entry of the CLI bundle (dist/strategy-lint.cjs): the `strategy-lint` command and, with --stdio,
// the language server, which is a bundle of its own (dist/strategy-lint-server.cjs) loaded only then.
// The report is imported lazily too, so a lint run never pays for either.
import { displayPath } from '../files/paths.js';
import { parseArgs, type ReportArgs } from './args.js';
import { describeFailure, EXIT } from './errors.js';
import { capYoungGeneration, limitHeapGrowth, YOUNG_GENERATION_MB } from './heap.js';
import { delayOptimization } from './jit.js';
import { processIO, runLint, warnOn, writeOutputFile, type CliIO } from './run.js';
import { loadWorkspaceConcurrently } from './workspace.js';

async function main(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv.includes('--stdio')) {
    // A separate bundle at run time (scripts/build.mjs): it starts the server as it loads.
    await import('../lsp/main.js');
    return -1;
  }
  // A CLI command is a short run: V8 optimizes fewer lukewarm functions (cli/jit.ts).
  delayOptimization();
  // Output piped into a command that stops reading (`| head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    exitWith(error);
  });
  // Whatever escapes (a callback that throws) still ends as one message and exit 2.
  const crash = (error: unknown) => {
    exitWith(error);
    process.exit(EXIT.fatal);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  const args = parseArgs(argv, io);
  // A lint run sets it itself (run.ts): one served by the cache only once it parses in bulk.
  if (args.command !== 'done' && args.command !== 'lint') limitHeapGrowth();
  // Every command (and the language server): see heap.ts, YOUNG_GENERATION_MB.
  capYoungGeneration(YOUNG_GENERATION_MB);
  switch (args.command) {
    case 'done':
      return EXIT.ok;
    case 'lint':
      return await runLint(args, io);
    case 'report':
      return runReportCommand(args, io);
    case 'init': {
      const { runInit } = await import('../init/command.js');
      return runInit(args, io);
    }
  }
}

async function runReportCommand(args: ReportArgs, io: CliIO): Promise<number> {
  if (args.compare !== undefined) {
    const { runCompare } = await import('./compare.js');
    return runCompare(args, args.compare, io);
  }
  const workspace = await loadWorkspaceConcurrently(args, { concurrency: args.concurrency, warn: warnOn(io) });
  const { runReport } = await import('../report/index.js');
  const output = runReport({ engine: workspace.engine, format: args.format, cwd: workspace.cwd });
  if (args.outputFile) writeOutputFile(args.outputFile, output);
  else io.stdout(output);
  for (const entry of workspace.unreadable) io.stderr(`strategy-lint: ${displayPath(entry.path, workspace.cwd)}: ${entry.reason}\n`);
  return workspace.unreadable.length ? EXIT.fatal : EXIT.ok;
}

function exitWith(error: unknown): void {
  process.stderr.write(`${describeFailure(error, process.env)}\n`);
  process.exitCode = EXIT.fatal;
}

main(process.argv.slice(2), processIO).then(
  (code) => {
    // exitCode rather than exit(): output still being written to a pipe is not cut off.
    if (code >= 0) process.exitCode = code;
  },
  exitWith,
);
