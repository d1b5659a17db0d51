import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyFix, lintWorkspace, workspace, ROOT } from '../helpers/workspace.js';
import type { TemplateSpec } from '../../server/src/templates/spec.js';
import { runs, seed } from './workspaces.js';

/**
 * Every quick fix offered on an entity inside a templated file (an editor suggestion, not only what
 * --fix applies) keeps the page's entities as they were — no bullet, row or heading gained or lost —
 * adds no syntax problem, and removes the finding it was offered for.
 */
const TEMPLATE: TemplateSpec = {
  name: 'okr-page',
  files: 'okrs/*.md',
  entities: [
    { kind: 'objective', heading: { level: 3, under: '^20\\d\\d Q[1-4]$' }, 'id-prefix': 'O-', fields: { owner: { header: 'Owner' } } },
    { kind: 'metric', 'list-items': { in: 'objective' }, 'id-prefix': 'KR-', fields: { baseline: { header: 'Baseline' }, target: { header: 'Target' } } },
    { kind: 'initiative', heading: { level: 4, matches: '^Bet' }, fields: { owner: { header: 'Owner' } }, links: ['owner', 'metrics'] },
    { kind: 'initiative', 'list-items': { 'under-heading': 'Chores' }, links: ['owner', 'metrics'] },
    { kind: 'initiative', 'table-rows': { 'under-heading': 'Projects', columns: { title: 'Name', owner: 'Owner', metrics: 'Metrics' } }, links: ['owner', 'metrics'] },
  ],
};

const word = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'omega');
const eol = fc.constantFrom('\n', '\r\n');

const keyResult = fc.tuple(word, fc.boolean(), fc.constantFrom('', '  - Baseline: 3', '  - Target: 9', '  - Baseline: 1\n  - Target: 2', '  continued text')).map(
  ([w, owned, sub]) => `- Grow ${w}${owned ? ' (@ana)' : ''}${sub ? `\n${sub}` : ''}`,
);
const bet = fc.tuple(word, fc.constantFrom('', '- Owner: @ana', 'Some words.', '- Metrics: KR-grow-alpha', '- Owner:')).map(([w, body]) => `#### Bet ${w}${body ? `\n${body}` : ''}`);
const chore = fc.tuple(word, fc.boolean(), fc.boolean()).map(([w, owned, linked]) => `- Fix ${w}${owned ? ' (owner: @ana)' : ''}${linked ? '\n  - Metrics: KR-grow-beta' : ''}`);
const row = fc.tuple(word, fc.constantFrom('', '@ana', 'TBD'), fc.constantFrom('', 'KR-grow-gamma'), fc.boolean()).map(([w, owner, metric, short]) =>
  short ? `| Ship ${w} |` : `| Ship ${w} | ${owner} | ${metric} |`,
);

const page = fc
  .tuple(
    fc.array(keyResult, { minLength: 1, maxLength: 3 }),
    fc.array(bet, { maxLength: 2 }),
    fc.array(chore, { maxLength: 3 }),
    fc.array(row, { maxLength: 3 }),
    fc.boolean(),
    eol,
  )
  .map(([krs, bets, chores, rows, ownerLine, nl]) =>
    [
      '# Team OKRs',
      '',
      '## 2027 Q1',
      '',
      '### Delight customers',
      ...(ownerLine ? ['- Owner: @ana'] : []),
      ...krs,
      '',
      ...bets.flatMap((b) => [b, '']),
      '#### Chores',
      '',
      ...chores,
      '',
      '#### Projects',
      '',
      '| Name | Owner | Metrics |',
      '|---|---|---|',
      ...rows,
      '',
    ]
      .join('\n')
      .replace(/\n/g, nl),
  );

const OWNERS = 'owners:\n  - id: "@ana"\n  - id: "@lee"\n';
const options = { templates: [TEMPLATE] };

function shape(files: Record<string, string>): string[] {
  const parsed = workspace(files, options).getFile(`${ROOT}/okrs/team.md`)!;
  return [...parsed.entities.map((e) => `${e.kind}:${e.title}`), ...parsed.notes.filter((n) => n.ruleId === 'syntax').map((n) => n.message)];
}

describe('quick fixes on entities inside a templated file (property)', function () {
  this.timeout(0);

  it('keep every entity, add no syntax problem, and remove the finding they fix', () => {
    fc.assert(
      fc.property(page, (text) => {
        const files = { 'okrs/team.md': text, 'team.strategy.yaml': OWNERS };
        const before = shape(files);
        const findings = lintWorkspace(files, options);
        const count = (list: typeof findings, ruleId: string, message: string) => list.filter((f) => f.ruleId === ruleId && f.message === message).length;
        for (const found of findings) {
          if (found.file !== 'okrs/team.md') continue;
          for (const [i, fix] of (found.finding.fixes ?? []).entries()) {
            if (fix.title.startsWith('Disable')) continue;
            const after = applyFix(files, found.finding, i);
            assert.deepEqual(shape(after), before, `${found.ruleId} '${fix.title}' changed the entities:\n${after['okrs/team.md']}`);
            // Two items with one title give one message twice: the fix removes one of them.
            const left = count(lintWorkspace(after, options), found.ruleId, found.message);
            assert.ok(left < count(findings, found.ruleId, found.message), `${found.ruleId} '${fix.title}' did not fix:\n${after['okrs/team.md']}`);
          }
        }
      }),
      { numRuns: runs(60), ...(seed() !== undefined ? { seed: seed() } : {}) },
    );
  });
});
