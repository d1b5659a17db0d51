import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { RuleSetting } from '../model/finding.js';
import { isValidDate } from '../model/semantics.js';
import { RULE_IDS } from '../rules/ruleIds.js';
import { SEVERITIES } from '../config/schema.js';
import { didYouMean } from '../config/suggest.js';
import { FORMAT_NAMES } from './formatters/index.js';
import { SUPPRESSIONS_FILE_NAME } from '../files/suppressionsFile.js';
import { CliError } from './errors.js';
import { VERSION } from './version.js';
import type { InitArgs } from '../init/command.js';
import { PRESET_NAMES } from '../presets/index.js';
import { CACHE_STRATEGIES, type CacheStrategy } from '../cache/cacheKey.js';
import { DEFAULT_CONCURRENCY, parseConcurrency, type Concurrency } from '../parallel/concurrency.js';

/** Formats of `strategy-lint report` (SPEC §8). */
export const REPORT_FORMATS = ['markdown', 'mermaid', 'html', 'json'] as const;

/** Options every command shares: which files, which config, which date. */
export interface WorkspaceArgs {
  /** As typed; `['.']` when none. */
  paths: string[];
  config?: string;
  today?: string;
  ignorePath?: string;
  outputFile?: string;
  /** undefined: colour when writing to a terminal (and NO_COLOR is unset). */
  color?: boolean;
  /** false (`--no-error-on-unmatched-pattern`): a path or pattern yielding no file to lint is not an error. */
  errorOnUnmatchedPattern?: boolean;
  /** `--preset NAME` (repeatable): built-in templates added to the config's `presets`. */
  presets?: string[];
}

export interface LintArgs extends WorkspaceArgs {
  command: 'lint';
  /** The format printed to stdout (or --output-file). */
  format: string;
  /** `--format NAME:PATH`: more reports of the same run, each written to its own file. */
  outputs: { format: string; path: string }[];
  fix: boolean;
  fixDryRun: boolean;
  /** undefined: no limit. */
  maxWarnings?: number;
  quiet: boolean;
  /** `--rule id:severity`, in order (a later one wins). */
  rules: Record<string, RuleSetting>;
  stdin: boolean;
  stdinFilename?: string;
  /** Bulk suppressions (docs/suppressions.md). */
  suppressAll: boolean;
  suppressRules: string[];
  suppressionsLocation?: string;
  pruneSuppressions: boolean;
  reportUnusedSuppressions: boolean;
  /** Explain a run (docs/cli.md): print FILE's resolved config and stop; list the rules and stop; print stats on stderr. */
  printConfig?: string;
  listRules: boolean;
  stats: boolean;
  /** `--cache`: reuse the results of unchanged files (docs/cli.md). */
  cache: boolean;
  cacheLocation?: string;
  cacheStrategy: CacheStrategy;
  /** `--concurrency`: parsing worker threads beside the main thread (docs/cli.md). */
  concurrency: Concurrency;
}

export interface ReportArgs extends WorkspaceArgs {
  command: 'report';
  format: (typeof REPORT_FORMATS)[number];
  /** `--compare GIT-REF`: what changed since that revision (markdown or json). */
  compare?: string;
  /** `--concurrency`, as for a lint run (the report reads and parses the same files). */
  concurrency: Concurrency;
}

/** `--help` / `--version` were printed: nothing else to do. */
export interface DoneArgs {
  command: 'done';
}

export type CliArgs = LintArgs | ReportArgs | DoneArgs | InitArgs;

export interface ArgsOutput {
  stdout(text: string): void;
}

/**
 * Parses the command line (SPEC §8) with commander. Mistakes become a CliError with one clear
 * line (exit 2); `--help` and `--version` print to stdout and return `{ command: 'done' }`.
 */
export function parseArgs(argv: readonly string[], output: ArgsOutput): CliArgs {
  let parsed: CliArgs | undefined;
  const program = buildProgram(output, (args) => (parsed = args));
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return { command: 'done' };
    throw new CliError(`${cleanCommanderMessage(error.message)}; see strategy-lint --help`);
  }
  if (!parsed) throw new CliError('nothing to do; see strategy-lint --help');
  return parsed;
}

function buildProgram(output: ArgsOutput, done: (args: CliArgs) => void): Command {
  const program = new Command('strategy-lint');
  const quietErrors = { writeOut: (s: string) => output.stdout(s), writeErr: (s: string) => output.stdout(s), outputError: () => {} };
  program
    .usage('[options] [paths...]')
    .description('Lint strategy documents (Markdown and *.strategy.yaml): every initiative needs an objective, an owner and a metric.')
    .argument('[paths...]', 'files, folders or glob patterns to report on (default: the current folder); !pattern leaves files out')
    .option('-f, --format <name[:path]>', `output format: ${FORMAT_NAMES.join(', ')} (default: stylish); repeatable, NAME:PATH writes that format to PATH`, collect)
    .option('-o, --output-file <path>', 'write the report to a file instead of stdout')
    .option('--fix', 'apply the safe fixes and rewrite the files')
    .option('--fix-dry-run', 'print the changes --fix would make, without writing')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', parseCount)
    .option('--quiet', 'report errors only (warnings and info are not shown nor counted)')
    .option('--rule <id:severity>', 'set a rule\'s severity (off, info, warning, error); repeatable', collect)
    .option('-c, --config <path>', 'use this config file instead of the nearest .strategylint.yaml|yml|json')
    .option('--preset <name>', `read documents with a built-in preset's templates (${PRESET_NAMES.join(', ') || 'none yet'}); repeatable`, collect)
    .option('--today <YYYY-MM-DD>', 'date for time-based rules (default: the config\'s today, else the current date)')
    .option('--stdin', 'lint text from stdin (as the file named by --stdin-filename)')
    .option('--stdin-filename <path>', 'path the stdin text is linted as, within its workspace')
    .option('--ignore-path <path>', 'extra ignore file in .gitignore syntax (patterns relative to its folder)')
    .option('--suppress-all', 'accept every current finding: write them to the suppressions file, report only new ones')
    .option('--suppress-rule <id>', 'accept the current findings of this rule (repeatable)', collect)
    .option('--suppressions-location <path>', `suppressions file (default: ${SUPPRESSIONS_FILE_NAME} at the workspace root)`)
    .option('--prune-suppressions', 'remove the suppressions that no longer match a finding')
    .option('--report-unused-suppressions', 'report suppressions that no longer match a finding (exit 1)')
    .option('--no-error-on-unmatched-pattern', 'a path or pattern that yields no file to lint is not an error (exit 0 instead of 2)')
    .option('--print-config <file>', 'print the configuration that applies to FILE (JSON) and exit')
    .option('--list-rules', 'list the rules with their severity here, fix support and what they find, and exit')
    .option('--stats', 'print on stderr how many files were read, linted, skipped (and why), and the time per phase')
    .option('--cache', 'reuse the results of files unchanged since the last --cache run')
    .option('--cache-location <path>', 'cache file or folder (default: .strategylintcache)')
    .option('--cache-strategy <strategy>', `how changed files are found: ${CACHE_STRATEGIES.join(' or ')} (default: metadata)`, 'metadata')
    .option('--concurrency <n|auto|off>', `parse files in n worker threads beside the main one; auto: from the cores and the number of files; off: in the main thread only (default: ${String(DEFAULT_CONCURRENCY)})`)
    .option('--color', 'force coloured output')
    .option('--no-color', 'disable coloured output (so does the NO_COLOR environment variable)')
    .option('--stdio', 'run the language server over stdio (for editors: VS Code, Neovim, Helix, Emacs)')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput(quietErrors)
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many warnings,',
        '            2 usage, configuration or internal error.',
        '',
        'Examples:',
        '  strategy-lint                          lint the current folder',
        '  strategy-lint docs plans/*.strategy.yaml --format github',
        '  strategy-lint --fix --max-warnings 0',
        '  cat plan.md | strategy-lint --stdin --stdin-filename docs/plan.md',
        '  strategy-lint report --format html -o alignment.html',
        '  strategy-lint report --compare origin/main >> "$GITHUB_STEP_SUMMARY"',
        '',
      ].join('\n'),
    )
    .action((paths: string[], opts: Record<string, unknown>) => done(lintArgs(paths, opts)));

  program
    .command('report')
    .usage('[options] [paths...]')
    .description('Alignment report: objectives → key results/metrics → initiatives → owners, with orphans and coverage')
    .argument('[paths...]', 'files, folders or glob patterns (default: the current folder)')
    .option('-f, --format <name>', `report format: ${REPORT_FORMATS.join(', ')}`, 'markdown')
    .option('-o, --output-file <path>', 'write the report to a file instead of stdout')
    .option('-c, --config <path>', 'use this config file instead of the nearest .strategylint.yaml|yml|json')
    .option('--preset <name>', 'read documents with a built-in preset\'s templates; repeatable', collect)
    .option('--today <YYYY-MM-DD>', 'date for time-based figures')
    .option('--concurrency <n|auto|off>', `parse files in n worker threads beside the main one (default: ${String(DEFAULT_CONCURRENCY)})`)
    .option('--compare <git-ref>', 'what changed since that revision (markdown or json): coverage before → after, new and resolved orphans and findings, entities added, removed, re-parented, re-owned')
    .option('--ignore-path <path>', 'extra ignore file in .gitignore syntax')
    .option('--no-error-on-unmatched-pattern', 'a path or pattern that yields no file is not an error')
    .helpOption('-h, --help', 'show this help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput(quietErrors)
    .action((paths: string[], opts: Record<string, unknown>) => done(reportArgs(paths, opts)));
  program
    .command('init')
    .usage('[options] [folder]')
    .description('Write a commented .strategylint.yaml for the documents the folder holds (presets for known layouts, a template to adapt)')
    .argument('[folder]', 'the folder to configure (default: the current folder)')
    .option('--force', 'replace an existing config')
    .helpOption('-h, --help', 'show this help')
    .exitOverride()
    .configureOutput(quietErrors)
    .action((folder: string | undefined, opts: Record<string, unknown>) => done({ command: 'init', folder: folder ?? '.', force: opts.force === true }));
  // commander's own `help` subcommand would shadow a folder named "help"; --help is enough.
  program.helpCommand(false);
  return program;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function parseCount(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number (0 or more, or -1 for no limit)');
  const n = Number(value);
  if (n < -1) throw new InvalidArgumentError('expected a whole number (0 or more, or -1 for no limit)');
  return n;
}

function workspaceArgs(paths: string[], opts: Record<string, unknown>): WorkspaceArgs {
  const args: WorkspaceArgs = { paths: paths.length ? paths : ['.'] };
  if (typeof opts.config === 'string') args.config = opts.config;
  if (typeof opts.ignorePath === 'string') args.ignorePath = opts.ignorePath;
  if (typeof opts.outputFile === 'string') args.outputFile = opts.outputFile;
  if (typeof opts.color === 'boolean') args.color = opts.color;
  if (opts.errorOnUnmatchedPattern === false) args.errorOnUnmatchedPattern = false;
  if (Array.isArray(opts.preset)) {
    for (const name of opts.preset as string[]) {
      if (!PRESET_NAMES.includes(name)) throw new CliError(`--preset: unknown preset "${name}"${suggest(name, PRESET_NAMES)}; presets: ${PRESET_NAMES.join(', ') || '(none)'}`);
    }
    args.presets = opts.preset as string[];
  }
  if (typeof opts.today === 'string') {
    if (!isValidDate(opts.today)) throw new CliError(`--today: "${opts.today}" is not a date; write it as YYYY-MM-DD (e.g. 2027-02-01)`);
    args.today = opts.today;
  }
  return args;
}

function lintArgs(paths: string[], opts: Record<string, unknown>): LintArgs {
  const { format, outputs } = parseFormats((opts.format as string[] | undefined) ?? []);
  const args: LintArgs = {
    ...workspaceArgs(paths, opts),
    command: 'lint',
    format,
    outputs,
    fix: opts.fix === true,
    fixDryRun: opts.fixDryRun === true,
    quiet: opts.quiet === true,
    rules: parseRuleSettings((opts.rule as string[] | undefined) ?? []),
    stdin: opts.stdin === true,
    suppressAll: opts.suppressAll === true,
    suppressRules: ((opts.suppressRule as string[] | undefined) ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean),
    pruneSuppressions: opts.pruneSuppressions === true,
    reportUnusedSuppressions: opts.reportUnusedSuppressions === true,
    listRules: false,
    stats: false,
    cache: opts.cache === true,
    cacheStrategy: parseCacheStrategy(String(opts.cacheStrategy)),
    concurrency: typeof opts.concurrency === 'string' ? parseConcurrency(opts.concurrency) : DEFAULT_CONCURRENCY,
  };
  if (typeof opts.suppressionsLocation === 'string') args.suppressionsLocation = opts.suppressionsLocation;
  if (typeof opts.cacheLocation === 'string') args.cacheLocation = opts.cacheLocation;
  if (typeof opts.printConfig === 'string') args.printConfig = opts.printConfig;
  args.listRules = opts.listRules === true;
  args.stats = opts.stats === true;
  if (args.printConfig !== undefined && args.listRules) throw new CliError('--print-config and --list-rules cannot be used together');
  checkSuppressionFlags(args);
  if (typeof opts.maxWarnings === 'number' && opts.maxWarnings >= 0) args.maxWarnings = opts.maxWarnings;
  if (typeof opts.stdinFilename === 'string') args.stdinFilename = opts.stdinFilename;
  if (args.fix && args.fixDryRun) throw new CliError('--fix and --fix-dry-run cannot be used together; --fix-dry-run previews what --fix writes');
  if (args.stdinFilename !== undefined && !args.stdin) throw new CliError('--stdin-filename needs --stdin');
  if (args.stdin && args.fix) throw new CliError('--fix cannot rewrite stdin; use --fix-dry-run to see the fixes');
  return args;
}

/**
 * `-f github -f sarif:strategy.sarif`: a format without a path goes to stdout (or --output-file), at
 * most one of them (stylish when none); each NAME:PATH is written to its PATH as well.
 */
export function parseFormats(values: readonly string[]): { format: string; outputs: { format: string; path: string }[] } {
  const toStdout: string[] = [];
  const outputs: { format: string; path: string }[] = [];
  for (const value of values) {
    const colon = value.indexOf(':');
    const name = colon === -1 ? value : value.slice(0, colon);
    if (!(FORMAT_NAMES as readonly string[]).includes(name)) throw new CliError(`unknown format "${name}"${suggest(name, FORMAT_NAMES)}; use one of ${FORMAT_NAMES.join(', ')}`);
    if (colon === -1) toStdout.push(name);
    else if (!value.slice(colon + 1)) throw new CliError(`--format ${value}: give a path after the colon (e.g. --format ${name}:strategy-lint.${name === 'sarif' ? 'sarif' : name === 'junit' ? 'xml' : 'json'})`);
    else outputs.push({ format: name, path: value.slice(colon + 1) });
  }
  if (toStdout.length > 1) throw new CliError(`--format ${toStdout.join(' and ')}: only one format can be printed; give the others a file with NAME:PATH (e.g. --format ${toStdout[1]}:strategy-lint.out)`);
  return { format: toStdout[0] ?? 'stylish', outputs };
}

function checkSuppressionFlags(args: LintArgs): void {
  for (const id of args.suppressRules) {
    if (!(RULE_IDS as readonly string[]).includes(id)) throw new CliError(`--suppress-rule: unknown rule "${id}"${suggest(id, RULE_IDS)}`);
  }
  if (args.suppressAll && args.suppressRules.length) throw new CliError('--suppress-all and --suppress-rule cannot be used together: --suppress-all already accepts every rule');
  const writing = args.suppressAll || args.suppressRules.length > 0;
  if (args.pruneSuppressions && writing) throw new CliError('--prune-suppressions cannot be used with --suppress-all or --suppress-rule; run them one after the other');
  if (args.stdin && (writing || args.pruneSuppressions)) throw new CliError('the suppressions file is written from a run over files, not --stdin');
}

function parseCacheStrategy(value: string): CacheStrategy {
  if ((CACHE_STRATEGIES as readonly string[]).includes(value)) return value as CacheStrategy;
  throw new CliError(`--cache-strategy: "${value}" is not a strategy${suggest(value, CACHE_STRATEGIES)}; use ${CACHE_STRATEGIES.join(' or ')}`);
}

function reportArgs(paths: string[], opts: Record<string, unknown>): ReportArgs {
  const format = String(opts.format);
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new CliError(`unknown report format "${format}"${suggest(format, REPORT_FORMATS)}; use one of ${REPORT_FORMATS.join(', ')}`);
  const args: ReportArgs = {
    ...workspaceArgs(paths, opts),
    command: 'report',
    format: format as ReportArgs['format'],
    concurrency: typeof opts.concurrency === 'string' ? parseConcurrency(opts.concurrency) : DEFAULT_CONCURRENCY,
  };
  if (typeof opts.compare === 'string') {
    if (format !== 'markdown' && format !== 'json') throw new CliError(`report --compare prints markdown or json, not ${format}`);
    args.compare = opts.compare;
  }
  return args;
}

/** `--rule id:severity` (also `id=severity`, and several separated by commas). */
export function parseRuleSettings(values: readonly string[]): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  for (const value of values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)) {
    const match = /^([^:=\s]+)\s*[:=]\s*(\S+)$/.exec(value);
    if (!match) throw new CliError(`--rule "${value}": write it as id:severity, e.g. --rule metric-balance:off`);
    const [, id, severity] = match as unknown as [string, string, string];
    if (!(RULE_IDS as readonly string[]).includes(id)) throw new CliError(`--rule: unknown rule "${id}"${suggest(id, RULE_IDS)}`);
    if (!(SEVERITIES as readonly string[]).includes(severity)) throw new CliError(`--rule ${id}: "${severity}" is not a severity${suggest(severity, SEVERITIES)}; use one of ${SEVERITIES.join(', ')}`);
    rules[id] = severity as RuleSetting;
  }
  return rules;
}

function suggest(value: string, candidates: Iterable<string>): string {
  return didYouMean(value, candidates);
}

/**
 * commander says `error: unknown option '--fxi'\n(Did you mean --fix?)`: make it one line, and
 * `option '--max-warnings <n>' argument 'abc' is invalid. expected …` reads
 * `--max-warnings "abc": expected …`. No full stop: "; see strategy-lint --help" follows.
 */
export function cleanCommanderMessage(message: string): string {
  return message
    .replace(/^error: /, '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ')
    .replace(/\(Did you mean/g, '(did you mean')
    .replace(/^option '(-[^\s',]+)(?:[^']*)' argument '(.*)' is invalid\. /s, '$1 "$2": ')
    .replace(/\.$/, '');
}
