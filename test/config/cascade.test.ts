import { strict as assert } from 'node:assert';
import { ConfigCascade, type ConfigLayer } from '../../server/src/config/cascade.js';
import type { ConfigSettings } from '../../server/src/config/parse.js';
import { LintEngine } from '../../server/src/engine/engine.js';

/** A cascade over in-memory config files: folder → settings. */
function cascade(configs: Record<string, ConfigSettings>, overrides = {}): ConfigCascade {
  const reader = (dir: string): ConfigLayer | undefined => (configs[dir] ? { path: `${dir}/.strategylint.yaml`, dir, settings: configs[dir]! } : undefined);
  return ConfigCascade.of('/ws', reader, overrides);
}

describe('ConfigCascade (§10.12)', () => {
  it('gives each file the settings of the configs from the top down to its folder, the deepest winning', () => {
    const configs = cascade({
      '/ws': { today: '2027-01-01', 'fiscal-year-start': 4, include: ['**/*.md'], ignore: ['archive/**'], rules: { 'focus-limit': ['warning', { max: 2 }], 'metric-balance': 'off' } },
      '/ws/team': { today: '2027-06-01', include: ['plans/*.md'], ignore: ['old/**'], rules: { 'focus-limit': 'error' } },
    });
    const top = configs.configFor('/ws/a.md');
    const team = configs.configFor('/ws/team/deep/b.md');
    assert.equal(top.today, '2027-01-01');
    assert.equal(team.today, '2027-06-01');
    assert.equal(team.fiscalYearStart, 4, 'inherited');
    assert.deepEqual(team.include, ['team/plans/*.md'], 'include: the deepest wins, relative to its folder');
    assert.deepEqual(team.ignore, ['archive/**', 'team/old/**'], 'ignore adds up');
    assert.deepEqual(team.rules['focus-limit'], { severity: 'error', options: { max: 2 } }, 'a bare severity keeps the options above');
    assert.equal(team.rules['metric-balance']?.severity, 'off');
    assert.equal(configs.configFor('/ws/team/x.md'), configs.configFor('/ws/team/deep/y.md'), 'folders without a config share their parent\'s object');
  });

  it('applies --today and --rule over every layer', () => {
    const configs = cascade({ '/ws/team': { today: '2027-06-01', rules: { 'focus-limit': ['warning', { max: 2 }] } } }, { today: '2027-02-01', rules: { 'focus-limit': 'off' } });
    const team = configs.configFor('/ws/team/a.md');
    assert.equal(team.today, '2027-02-01');
    assert.deepEqual(team.rules['focus-limit'], { severity: 'off', options: { max: 2 } });
  });

  it('the engine lints each file with its own rule severities and options', () => {
    const engine = new LintEngine(cascade({ '/ws/team': { rules: { 'initiative-owner': 'warning' } }, '/ws/quiet': { rules: { 'initiative-owner': 'off' } } }));
    const orphan = (id: string) => `initiatives:\n  - id: ${id}\n    title: X\n    objective: OBJ-x\n    metrics: [KR-x]\n`;
    engine.load('/ws/a.strategy.yaml', orphan('INIT-a'));
    engine.load('/ws/team/b.strategy.yaml', orphan('INIT-b'));
    engine.load('/ws/quiet/c.strategy.yaml', orphan('INIT-c'));
    const owner = (file: string) => engine.lint(file).filter((f) => f.ruleId === 'initiative-owner').map((f) => f.severity);
    assert.deepEqual(owner('/ws/a.strategy.yaml'), ['error']);
    assert.deepEqual(owner('/ws/team/b.strategy.yaml'), ['warning']);
    assert.deepEqual(owner('/ws/quiet/c.strategy.yaml'), []);
  });
});
