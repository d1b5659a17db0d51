import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'bin/strategy-lint.cjs');

/** Each line is a defect written into samples/<preset> on purpose; every other document there is clean. */
const EXPECTED: Record<string, string[]> = {
  kep: [
    'keps/sig-apps/2404-job-suspend-reasons/kep.yaml:7:16 invalid-value', // creation-date 2024-13-07
    'keps/sig-apps/2404-job-suspend-reasons/kep.yaml:8:15 invalid-value', // last-updated v1.31
    'keps/sig-auth/2606-token-audience-hints/README.md:1:1 required-section', // no Motivation
    'keps/sig-cli/2505-kubectl-plugin-index/kep.yaml:10:5 placeholder-value', // reviewer "?"
    'keps/sig-cli/2505-kubectl-plugin-index/kep.yaml:12:5 placeholder-value', // approver TBD
    'keps/sig-instrumentation/2808-trace-context-for-probes/kep.yaml:1:8 template-schema', // no owning-sig
    'keps/sig-instrumentation/2808-trace-context-for-probes/kep.yaml:11:8 invalid-value', // stage gamma
    'keps/sig-network/2202-dual-proxy-modes/kep.yaml:6:9 invalid-value', // status implementd
    'keps/sig-node/2303-pod-restart-budget/kep.yaml:12:8 invalid-value', // implemented at beta
  ],
  'rust-rfc': [
    'text/0103-const-slice-patterns.md:2:15 invalid-value', // 2023-02-30
    'text/0104-cargo-lockfile-comments.md:2:15 invalid-value', // 12/05/2023
    'text/0105-default-field-values.md:1:1 template-schema', // no RFC PR line (at the header)
    'text/0106-unsized-locals-removal.md:2:15 invalid-value', // start date never filled in
  ],
  'ember-rfc': [
    'text/0202-resource-helpers.md:2:8 invalid-value', // stage acepted
    'text/0203-typed-templates.md:3:13 invalid-value', // month 13
    'text/0203-typed-templates.md:7:5 invalid-value', // team typescrpt
    'text/0204-deprecate-implicit-injections.md:9:3 placeholder-value', // prs.accepted empty
  ],
  madr: [
    'docs/decisions/0003-feature-flags-service.md:2:9 invalid-value', // status acepted
    'docs/decisions/0004-api-versioning.md:7:1 required-section', // no Decision Outcome
    'docs/decisions/0005-retire-the-batch-exporter.md:3:7 invalid-value', // 2025-06-31
    'docs/decisions/0005-retire-the-batch-exporter.md:4:19 placeholder-value', // decision makers TBD
  ],
  prd: [
    'prds/bulk-refunds.md:5:17 unresolved-reference', // INIT-save-ofers
    'prds/partner-portal.md:1:1 required-section', // no Success metrics
    'prds/partner-portal.md:3:12 placeholder-value', // Owner: TBD
    'prds/usage-alerts.md:1:1 prd-link', // no initiative
  ],
};

describe('the preset sample workspaces', () => {
  for (const [preset, expected] of Object.entries(EXPECTED)) {
    it(`samples/${preset} reports exactly its planted defects and exits 1`, () => {
      const dir = join(ROOT, 'samples', preset);
      const run = spawnSync(process.execPath, [CLI, dir, '--format', 'json'], { encoding: 'utf8' });
      assert.equal(run.status, 1, run.stderr);
      const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[];
      const located = results.flatMap((r) => r.messages.map((m) => `${relative(dir, r.filePath)}:${m.line}:${m.column} ${m.ruleId}`));
      assert.deepEqual(located, expected);
    });
  }
});
