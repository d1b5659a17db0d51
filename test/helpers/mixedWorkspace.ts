import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * A workspace large enough for several batches of the parsing workers (32 files each), so that the
 * workers and the main thread each parse some: generated documents in every form, some with
 * syntax errors, one that is not UTF-8 (`docs/latin1.md`); copySamples adds every sample
 * (templates and presets in a cascade of configs).
 */
export function mixedWorkspaceFiles(): Record<string, string | Buffer> {
  const files: Record<string, string | Buffer> = { '.strategylint.yaml': 'today: 2027-02-01\nrules:\n  focus-limit: [warning, { max: 2 }]\n' };
  for (let i = 0; i < 60; i++) {
    files[`plans/p${i}.strategy.yaml`] =
      i % 13 === 5
        ? `objectives:\n  - id: OBJ-${i}\n    title: [unclosed\n`
        : `objectives:\n  - id: OBJ-${i}\n    title: Objective ${i}\n    parent: OBJ-${i % 7}\ninitiatives:\n  - id: INIT-${i}\n    title: Initiative ${i}\n    objective: OBJ-${(i * 3) % 61}\n    owner: "@team-${i % 4}"\n    status: ${i % 3 ? 'active' : 'done'}\n`;
    files[`docs/d${i}.md`] =
      i % 11 === 3
        ? `---\nid: INIT-D${i}\ntype: initiative\nobjective: [OBJ-1\n---\n# Broken front matter\n`
        : `# Notes ${i}\n\n## Initiative INIT-H${i}: Heading form ${i}\n\n- objective: OBJ-${i % 9}\n- owner: @team-${i % 5}\n- metric: KR-${i}\n\nSee [the plan](../plans/p${i}.strategy.yaml) and [[OBJ-${i + 100}]].\n`;
  }
  files['docs/latin1.md'] = Buffer.from([0x23, 0x20, 0xe9, 0x74, 0xe9, 0x0a]);
  return files;
}

/** Copies the repository's samples/ into `root`/samples. */
export function copySamples(repoRoot: string, root: string): void {
  for (const sample of readdirSync(path.join(repoRoot, 'samples'))) cpSync(path.join(repoRoot, 'samples', sample), path.join(root, 'samples', sample), { recursive: true });
}
