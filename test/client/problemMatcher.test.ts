// The extension's `$strategy-lint` problem matcher (client/package.json) must turn the CLI's
// stylish output into the same problems the CLI reports. VS Code matching is simulated here:
// ANSI codes stripped, the file pattern on one line, then the looping location pattern.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { stylish } from '../../server/src/cli/formatters/stylish.js';
import { sampleResults } from '../formatters/sample.js';
import { fileResult, formatContext } from '../helpers/results.js';
import type { FileResult } from '../../server/src/cli/results.js';

interface PatternJson {
  regexp: string;
  file?: number;
  line?: number;
  column?: number;
  severity?: number;
  message?: number;
  code?: number;
  loop?: boolean;
}

interface MatcherJson {
  name: string;
  owner: string;
  source: string;
  pattern: PatternJson[];
}

interface Problem {
  file: string;
  line: number;
  column: number;
  severity: string;
  message: string;
  code: string;
}

const manifest = JSON.parse(readFileSync(new URL('../../../client/package.json', import.meta.url), 'utf8'));
const matcher: MatcherJson = manifest.contributes.problemMatchers.find((m: MatcherJson) => m.name === 'strategy-lint');

const ANSI = /\u001b\[[0-9;]*m/g;

/** VS Code's multi-line matching: pattern 0 on a line, pattern 1 on the next ones while it matches (loop). */
function match(output: string): Problem[] {
  const [filePattern, locationPattern] = matcher.pattern.map((p) => ({ ...p, re: new RegExp(p.regexp) }));
  const lines = output.replace(ANSI, '').split('\n');
  const problems: Problem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = filePattern!.re.exec(lines[i]!);
    if (!head) continue;
    for (let j = i + 1; j < lines.length; j++) {
      const m = locationPattern!.re.exec(lines[j]!);
      if (!m) break;
      const group = (n?: number) => (n === undefined ? '' : (m[n] ?? ''));
      problems.push({
        file: head[filePattern!.file!]!,
        line: Number(group(locationPattern!.line)),
        column: Number(group(locationPattern!.column)),
        severity: group(locationPattern!.severity),
        message: group(locationPattern!.message),
        code: group(locationPattern!.code),
      });
      i = j;
    }
  }
  return problems;
}

/** What the CLI reports, in the matcher's terms (stylish drops a message's final full stop). */
function expected(results: FileResult[]): Problem[] {
  return results.flatMap((r) =>
    r.findings.map((f) => {
      const at = r.lineMap.positionAt(f.span.start);
      return { file: r.displayPath, line: at.line + 1, column: at.character + 1, severity: f.severity, message: f.message.replace(/\.$/, ''), code: f.ruleId };
    }),
  );
}

const byPlace = (a: Problem, b: Problem) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;

describe('problem matcher $strategy-lint', () => {
  it('is contributed for the stylish format, owned by strategy-lint, with the looping two-line pattern', () => {
    assert.equal(matcher.owner, 'strategy-lint');
    assert.equal(matcher.source, 'strategy-lint');
    assert.equal(matcher.pattern.length, 2);
    assert.equal(matcher.pattern[1]!.loop, true);
  });

  for (const color of [false, true]) {
    it(`reads every finding of the stylish output ${color ? 'with' : 'without'} colour, and nothing of the summary`, () => {
      const results = sampleResults();
      const problems = match(stylish(results, formatContext({ color })));
      assert.deepEqual(problems.sort(byPlace), expected(results).sort(byPlace));
    });
  }

  it('keeps messages with colons, quotes and wide columns intact', () => {
    const text = 'a\n'.repeat(120) + "    owner: '@x'  \n";
    const results = [
      fileResult('strategy/deep/plan.strategy.yaml', text, [
        { ruleId: 'unknown-owner', severity: 'warning', message: "Owner '@x' is not declared: did you mean '@maria'?  Declare it in owners.", at: "'@x'" },
        { ruleId: 'syntax', severity: 'error', message: 'YAML: bad indentation.', at: 'a' },
      ]),
    ];
    assert.deepEqual(match(stylish(results, formatContext())).sort(byPlace), expected(results).sort(byPlace));
  });
});
