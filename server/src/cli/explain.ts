import { statSync } from 'node:fs';
import { loadConfig } from '../config/load.js';
import type { ResolvedConfig } from '../engine/config.js';
import { absolutePosix, displayPath, parentDir } from '../files/paths.js';
import { RULES } from '../rules/registry.js';
import type { LintArgs } from './args.js';
import { EXIT } from './errors.js';
import { palette } from './formatters/ansi.js';
import type { CliIO } from './run.js';

/** Every rule's effective severity and options under `config`: what a run would use. */
function effectiveRules(config: ResolvedConfig): Record<string, [string, Record<string, unknown>]> {
  return Object.fromEntries(
    RULES.map((rule) => {
      const entry = config.rules[rule.meta.id];
      return [rule.meta.id, [entry?.severity ?? rule.meta.defaultSeverity, { ...(rule.meta.defaultOptions ?? {}), ...(entry?.options ?? {}) }]];
    }),
  );
}

/** The configuration the run's paths start from (§10.12): for FILE, its folder. */
function configAt(args: LintArgs, start: string, cwd: string) {
  const overrides = { ...(args.today ? { today: args.today } : {}), rules: args.rules };
  return loadConfig({ ...(args.config ? { explicitPath: absolutePosix(args.config, cwd) } : {}), start, overrides });
}

/**
 * `--print-config FILE` (as ESLint's): the settings that govern FILE, after the cascade of
 * `.strategylint.*` files from the workspace root down to its folder, `--config`, `--today` and
 * `--rule`, as JSON in the config's own keys, every rule with its effective severity and options.
 * Nothing is linted; the file need not exist.
 */
export function printConfig(args: LintArgs, file: string, io: CliIO): number {
  const cwd = absolutePosix('.', process.cwd());
  const target = absolutePosix(file, cwd);
  const start = isDirectory(target) ? target : parentDir(target);
  const { root, cascade } = configAt(args, start, cwd);
  const config = cascade.configFor(isDirectory(target) ? `${target}/_` : target);
  const shown = (p: string) => displayPath(p, cwd);
  const printed = {
    file: shown(target),
    workspaceRoot: shown(root),
    configFiles: args.config ? [shown(absolutePosix(args.config, cwd))] : cascade.layers().filter((l) => l.dir === root || target.startsWith(`${l.dir}/`)).map((l) => shown(l.path)),
    include: config.include,
    ignore: config.ignore,
    today: config.today,
    'fiscal-year-start': config.fiscalYearStart,
    rules: effectiveRules(config),
  };
  io.stdout(`${JSON.stringify(printed, null, 2)}\n`);
  return EXIT.ok;
}

/**
 * `--list-rules`: every rule, its default severity, the severity it has here (the workspace root's
 * config, `--config`, `--rule`), whether `--fix` or the editor can fix it, and what it finds.
 * `--format json` prints the same as an array.
 */
export function listRules(args: LintArgs, io: CliIO, color: boolean): number {
  const cwd = absolutePosix('.', process.cwd());
  const first = args.paths.find((p) => !p.startsWith('!')) ?? '.';
  const target = absolutePosix(first, cwd);
  const { cascade } = configAt(args, isDirectory(target) ? target : parentDir(target), cwd);
  const here = effectiveRules(cascade.root);
  const rows = RULES.map((rule) => ({
    id: rule.meta.id,
    defaultSeverity: rule.meta.defaultSeverity,
    severity: here[rule.meta.id]![0],
    options: here[rule.meta.id]![1],
    fixable: rule.meta.fixable || 'no',
    description: rule.meta.description,
    docsUrl: rule.meta.docsUrl,
  }));
  if (args.format === 'json') {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  const paint = palette(color);
  const header = { id: 'rule', defaultSeverity: 'default', severity: 'here', fixable: 'fix', description: 'finds' };
  const all = [header, ...rows];
  const width = (key: keyof typeof header) => Math.max(...all.map((r) => String(r[key]).length));
  const [w1, w2, w3, w4] = [width('id'), width('defaultSeverity'), width('severity'), width('fixable')];
  const line = (r: typeof header, style = (s: string) => s) =>
    `${style(r.id.padEnd(w1))}  ${r.defaultSeverity.padEnd(w2)}  ${r.severity.padEnd(w3)}  ${r.fixable.padEnd(w4)}  ${r.description}`.trimEnd();
  io.stdout(`${[line(header, paint.bold), ...rows.map((r) => line({ ...r, fixable: String(r.fixable) }, r.severity === 'off' ? paint.dim : (s) => s))].join('\n')}\n`);
  return EXIT.ok;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
