// Every kind of quick fix SPEC §6 lists, requested through vscode.executeCodeActionProvider at its
// diagnostic's range, applied in memory (then reverted), checked in the text and by the diagnostic
// going away.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyCodeAction, waitForQuickFixes } from './helpers/codeActions.js';
import { waitForDiagnostic, waitForNoDiagnostic } from './helpers/diagnostics.js';
import { workspaceLinted } from './helpers/extension.js';
import { openDocument, rangeOf, revertAll } from './helpers/workspace.js';

interface QuickFixCase {
  rule: string;
  file: string;
  /** Text on the line the diagnostic starts on. */
  at: string;
  /** The fix to apply: the first offered whose title matches (other findings may share the range). */
  title: RegExp;
  /** A safe fix (SPEC §6) is the preferred action, what "Auto Fix" applies. */
  preferred?: boolean;
  /** What the document must contain after the fix. */
  expect: RegExp[];
  /** What it must no longer contain. */
  gone?: RegExp[];
  /** Checks the titles of every fix offered. */
  offers?: (titles: string[]) => void;
}

const CASES: QuickFixCase[] = [
  {
    rule: 'initiative-objective',
    file: 'docs/growth-strategy.md',
    at: '## Initiative: Marketplace listings',
    title: /^Link to objective '/,
    // Inserted as a field of the heading's own list, like its siblings.
    expect: [/## Initiative: Marketplace listings\n(- .*\n)*- Objective: \S+/i],
    offers: (titles) => assert.ok(titles.filter((t) => /^Link to objective/.test(t)).length >= 2, `one fix per candidate objective: ${titles}`),
  },
  {
    rule: 'initiative-owner',
    file: 'strategy/company-2027.strategy.yaml',
    at: 'id: INIT-pix',
    title: /^Insert owner @/,
    expect: [/- id: INIT-pix\n(\s+\S.*\n)*?\s+owner: ["']?@(maria|sam|priya|lee)["']?\n/],
  },
  {
    rule: 'initiative-owner',
    file: 'docs/platform-strategy.md',
    at: '## Initiative: Checkout latency budget',
    title: /^Insert owner @/,
    expect: [/## Initiative: Checkout latency budget\n(- .*\n)*- Owner: @(maria|sam|priya|lee)\n/i],
  },
  {
    rule: 'initiative-metric',
    file: 'docs/growth-strategy.md',
    at: '### Initiative: Referral program',
    title: /^Link metric 'KR-self-serve-share'$/,
    // The metrics of its objective come first.
    expect: [/### Initiative: Referral program\n(- .*\n)*- Metrics: KR-self-serve-share\n/i],
  },
  {
    rule: 'unresolved-reference',
    file: 'strategy/company-2027.strategy.yaml',
    at: 'objective: OBJ-revnue',
    title: /^Replace 'OBJ-revnue' with 'OBJ-revenue'$/,
    preferred: true,
    expect: [/objective: OBJ-revenue\n/],
    gone: [/OBJ-revnue/],
    offers: (titles) => assert.ok(titles.some((t) => /stub|create|declare/i.test(t)), `a "create a stub" fix among ${titles}`),
  },
  {
    rule: 'kind-mismatch',
    file: 'strategy/company-2027.strategy.yaml',
    at: 'metrics: [OBJ-revenue]',
    title: /^Replace with metric '/,
    expect: [/metrics: \[KR-(nrr|churn)\]/],
  },
  {
    rule: 'syntax',
    file: 'strategy/partners.strategy.yaml',
    at: 'owner: @dana',
    title: /^Quote "@dana"$/,
    preferred: true,
    expect: [/owner: (["'])@dana\1\n/],
  },
  {
    rule: 'invalid-value',
    file: 'strategy/company-2027.strategy.yaml',
    at: 'status: planed',
    title: /^Replace 'planed' with 'planned'$/,
    preferred: true,
    expect: [/status: planned\n/],
    gone: [/planed/],
  },
  {
    rule: 'unknown-field',
    file: 'strategy/company-2027.strategy.yaml',
    at: 'ownr: "@priya"',
    title: /^Rename 'ownr' to 'owner'$/,
    preferred: true,
    expect: [/\n {4}owner: "@priya"\n/],
    gone: [/ownr/],
  },
  {
    rule: 'prd-link',
    file: 'prds/smart-invoicing.md',
    at: 'kind: prd',
    title: /^Link to (initiative|objective) '/,
    expect: [/^---\n(.*\n)*(initiative|objective): \S+\n(.*\n)*---\n# Smart invoicing/],
  },
  {
    rule: 'metric-target',
    file: 'strategy/company-2027.strategy.yaml',
    at: 'id: KR-churn',
    title: /^Insert target/,
    expect: [/- id: KR-churn\n(\s+\S.*\n)*?\s+target: /],
  },
  {
    rule: 'unknown-owner',
    file: 'strategy/company-2027.strategy.yaml',
    at: 'owner: "@ghost"',
    title: /^Replace '@ghost' with '@/,
    expect: [/title: Expand to Brazil\n\s+owner: ["']?@(maria|sam|priya|lee)["']?\n/],
    gone: [/@ghost/],
  },
  {
    rule: 'schedule',
    file: 'strategy/company-2027.strategy.yaml',
    at: 'due: 2027-04-01',
    title: /^Swap start and due/,
    preferred: true,
    expect: [/start: 2027-04-01\n\s+due: 2027-04-30/],
  },
];

describe('quick fixes', () => {
  before(workspaceLinted);
  afterEach(revertAll);

  for (const fix of CASES) {
    it(`${fix.rule} (${fix.file}): "${fix.title.source}" edits "${fix.at}" as expected and the problem goes`, async () => {
      const document = await openDocument(fix.file);
      const line = rangeOf(document, fix.at).start.line;
      const onThatLine = (d: vscode.Diagnostic) => d.range.start.line === line;
      const diagnostic = await waitForDiagnostic(document.uri, fix.rule, onThatLine);

      const actions = await waitForQuickFixes(document.uri, diagnostic);
      for (const action of actions) assert.ok(action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind));
      const titles = actions.map((a) => a.title);
      const action = actions.find((a) => fix.title.test(a.title));
      assert.ok(action, `a fix titled ${fix.title} among ${titles}`);
      fix.offers?.(titles);
      if (fix.preferred) assert.equal(action.isPreferred, true, `"${action.title}" is preferred`);

      await applyCodeAction(action);
      const text = document.getText().replace(/\r\n/g, '\n');
      for (const expected of fix.expect) assert.match(text, expected, `after "${action.title}"`);
      for (const gone of fix.gone ?? []) assert.doesNotMatch(text, gone, `after "${action.title}"`);
      await waitForNoDiagnostic(document.uri, fix.rule, (d) => d.range.start.line === line && d.message === diagnostic.message);
    });
  }
});
