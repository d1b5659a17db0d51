import { LineMap } from '../text/lineMap.js';

/** One thing wrong with a config file, at the value (or key) that is wrong. */
export interface ConfigProblem {
  message: string;
  /** Offsets into the config text. */
  start: number;
  end: number;
  /** 1-based, as printed (`file:line:column`). */
  line: number;
  column: number;
}

export function problemAt(lineMap: LineMap, start: number, end: number, message: string): ConfigProblem {
  const pos = lineMap.positionAt(start);
  return { message, start, end: Math.max(start, end), line: pos.line + 1, column: pos.character + 1 };
}

/** An invalid or unreadable config file: the CLI prints every problem as `file:line:column: message` and exits 2. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }

  /** The message with the file shown as `displayFile` (e.g. relative to the current directory). */
  describe(displayFile: string): string {
    return this.problems.map((p) => `${displayFile}:${p.line}:${p.column}: ${p.message}`).join('\n');
  }
}
