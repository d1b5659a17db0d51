import { strict as assert } from 'node:assert';
import { lintWorkspace } from '../helpers/workspace.js';

const prd = { presets: ['prd'] };
const PLAN = 'owners:\n  - id: "@sam"\ninitiatives:\n  - id: INIT-setup\n    title: Guided setup\n    owner: "@sam"\nobjectives:\n  - id: OBJ-retention\n    title: Keep customers\n';
const BODY = '\n## Problem\n\nAccounts churn in week one.\n\n## Goals\n\n- Ready in one sitting.\n\n## Success metrics\n\n- Setup in week one: 40% → 65%.\n';
const lint = (doc: string) => lintWorkspace({ 'strategy/plan.strategy.yaml': PLAN, 'prds/setup.md': doc }, prd).filter((f) => f.file === 'prds/setup.md').map((f) => [f.ruleId, f.text, f.line]);

describe('preset prd', () => {
  it('reads the owner, status and initiative from bold lines, a key/value table or front matter', () => {
    assert.deepEqual(lint(`# Guided setup\n\n**Owner:** @sam\n**Status:** approved\n**Initiative:** INIT-setup\n${BODY}`), []);
    assert.deepEqual(lint(`# Guided setup\n\n| Field | Value |\n|---|---|\n| Owner | @sam |\n| Status | review |\n| Objective | [[OBJ-retention]] |\n${BODY}`), []);
    assert.deepEqual(lint(`---\nowner: "@sam"\nstatus: draft\ninitiative: INIT-setup\n---\n# Guided setup\n${BODY}`), []);
  });

  it('reports a PRD that links to no initiative or objective (prd-link), and a link to nothing', () => {
    assert.deepEqual(lint(`# Guided setup\n\n**Owner:** @sam\n**Status:** draft\n${BODY}`), [['prd-link', '# Guided setup', 1]]);
    assert.deepEqual(lint(`# Guided setup\n\n**Owner:** @sam\n**Status:** draft\n**Initiative:** INIT-setpu\n${BODY}`), [['unresolved-reference', 'INIT-setpu', 5]]);
  });

  it('reports a missing section, an unknown status and a placeholder owner', () => {
    const doc = `# Guided setup\n\n**Owner:** TBD\n**Status:** shiped\n**Initiative:** INIT-setup\n${BODY.replace(/## Success metrics[^]*$/, '')}`;
    assert.deepEqual(lint(doc).map((f) => [f[0], f[1]]), [
      ['required-section', '# Guided setup'],
      ['placeholder-value', 'TBD'],
      ['invalid-value', 'shiped'],
    ]);
  });

  it('leaves the team\'s blank template alone', () => {
    const found = lintWorkspace({ 'prds/_template.md': '# <Feature>\n\n**Owner:** @handle\n**Status:** draft | review\n' }, prd);
    assert.deepEqual(found, []);
  });
});
