// Generates a realistic planning workspace of N documents for the benchmarks:
// ~10% YAML plans, ~25% strategy docs with entity headings, ~25% PRDs with front matter,
// ~40% plain notes that declare nothing. Deterministic for a given N (seeded PRNG).
// Execution-health fields (priority, check-ins, current values, effort, dependencies, milestones)
// are derived from the entity's position, not drawn from the PRNG, so the rest of the workspace
// is the same as before they were added.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORDS = ('customer activation churn pricing onboarding revenue platform latency checkout partner market '
  + 'segment retention expansion billing invoice growth funnel signup trial conversion cohort quarter launch '
  + 'roadmap discovery research interview insight hypothesis experiment metric baseline target owner team '
  + 'payments fraud risk compliance security reliability incident migration api integration mobile web').split(' ');

const HEALTH = ['on-track', 'at-risk', 'off-track'];

export function prng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function generateWorkspace(dir, count, seed = 42) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const sentence = () => { const s = words(8 + Math.floor(rand() * 10)); return s[0].toUpperCase() + s.slice(1) + '.'; };
  const paragraph = () => Array.from({ length: 3 + Math.floor(rand() * 4) }, sentence).join(' ');
  const owners = Array.from({ length: 40 }, (_, i) => `owner${i}`);
  const objectives = [];
  const metrics = [];
  const initiatives = [];
  rmSync(dir, { recursive: true, force: true });
  const nYaml = Math.round(count * 0.1);
  const nStrategy = Math.round(count * 0.25);
  const nPrd = Math.round(count * 0.25);
  const nNotes = count - nYaml - nStrategy - nPrd;
  const write = (rel, text) => { const p = join(dir, rel); mkdirSync(join(p, '..'), { recursive: true }); writeFileSync(p, text); };

  write('owners.strategy.yaml', 'owners:\n' + owners.map((o) => `  - id: "@${o}"\n    name: ${words(2)}\n    capacity: ${3 + Math.floor(rand() * 60)}\n`).join(''));
  for (let f = 0; f < nYaml; f++) {
    let y = `# Plan ${f}: ${sentence()}\nobjectives:\n`;
    for (let o = 0; o < 3; o++) {
      const oid = `OBJ-y${f}-${o}`;
      objectives.push(oid);
      y += `  - id: ${oid}\n    title: ${words(5)}\n    owner: "@${pick(owners)}"\n    period: 2027-H${1 + (o % 2)}\n    perspective: ${pick(['customer', 'financial', 'internal', 'learning'])}\n`;
      y += `    priority: P${(f + o) % 4}\n    updated: 2027-01-${String(1 + ((f * 3 + o) % 28)).padStart(2, '0')}\n    health: ${HEALTH[(f + o) % 3]}\n    confidence: 0.${5 + ((f + o) % 5)}\n`;
      if (objectives.length > 10 && rand() < 0.3) y += `    parent: ${objectives[Math.floor(rand() * (objectives.length - 1))]}\n`;
      y += '    key-results:\n';
      for (let k = 0; k < 2; k++) {
        const kid = `KR-y${f}-${o}-${k}`;
        metrics.push(kid);
        y += `      - id: ${kid}\n        title: ${words(6)}\n        type: ${k ? 'leading' : 'lagging'}\n        baseline: ${Math.floor(rand() * 50)}\n        target: ${50 + Math.floor(rand() * 50)}\n`;
        y += `        current: ${20 + ((f * 7 + o * 3 + k) % 60)}\n        updated: 2027-01-${String(1 + ((f + k) % 28)).padStart(2, '0')}\n${f % 10 === 0 ? '        value-type: percent\n' : ''}`;
      }
      y += '    initiatives:\n';
      for (let i = 0; i < 2; i++) {
        const iid = `INIT-y${f}-${o}-${i}`;
        initiatives.push(iid);
        y += `      - id: ${iid}\n        title: ${words(4)}\n        owner: "@${pick(owners)}"\n        metrics: [KR-y${f}-${o}-0]  # primary metric\n        status: ${pick(['planned', 'in-progress', 'proposed', 'done'])}\n        start: 2027-01-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}\n        due: 2027-0${3 + Math.floor(rand() * 3)}-15\n`;
        y += `        effort: ${1 + ((f + o + i) % 8)}\n`;
        if (i === 1) y += `        depends-on: [INIT-y${f}-${o}-0]\n`;
        if ((f + o) % 3 === 0) y += `        milestones:\n          - { title: ${words(2)}, due: 2027-02-${String(1 + ((f + i) % 28)).padStart(2, '0')}, done: ${(f + i) % 2 === 0} }\n`;
      }
    }
    write(`plans/team-${f}.strategy.yaml`, y);
  }
  for (let f = 0; f < nStrategy; f++) {
    const oid = `OBJ-m${f}`;
    let md = `# Strategy ${f}\n\n${paragraph()}\n\n## Objective: ${words(5)}\n- id: ${oid}\n- Owner: @${pick(owners)}\n- Period: 2027-Q${1 + (f % 4)}\n`;
    md += `- Priority: P${f % 4}\n- Updated: 2027-01-${String(1 + (f % 28)).padStart(2, '0')}\n`;
    if (objectives.length && rand() < 0.5) md += `- Parent: ${pick(objectives)}\n`;
    md += `\n${paragraph()}\n\n`;
    objectives.push(oid);
    for (let k = 0; k < 2; k++) {
      const kid = `KR-m${f}-${k}`;
      metrics.push(kid);
      md += `### Key Result: ${words(6)}\n- id: ${kid}\n- Type: ${k ? 'leading' : 'lagging'}\n- Baseline: ${Math.floor(rand() * 40)}\n- Target: ${40 + Math.floor(rand() * 60)}\n`;
      md += `- Current: ${10 + ((f * 5 + k) % 70)}\n- Updated: 2027-01-${String(1 + ((f + k) % 28)).padStart(2, '0')}\n${k && f % 5 === 0 ? '- Health: on-track\n' : ''}\n`;
    }
    for (let i = 0; i < 3; i++) {
      const iid = `INIT-m${f}-${i}`;
      initiatives.push(iid);
      const broken = rand() < 0.05;
      md += `### Initiative: ${words(4)}\n- id: ${iid}\n${broken ? '' : `- Owner: @${pick(owners)}\n`}- Metrics: KR-m${f}-${i % 2}${rand() < 0.2 ? `, ${pick(metrics)}` : ''}\n- Status: ${pick(['planned', 'in-progress', 'blocked', 'done'])}\n- Effort: ${1 + ((f + i) % 6)}\n${i === 2 ? `- Depends on: INIT-m${f}-0\n` : ''}\n${paragraph()}\n\n`;
    }
    md += `## Risks\n\n- ${sentence()}\n- ${sentence()}\n\n\`\`\`yaml\nexample: not-an-entity\nowner: nobody\n\`\`\`\n`;
    write(`strategy/area-${f}.md`, md);
  }
  for (let f = 0; f < nPrd; f++) {
    const target = rand() < 0.03 ? `INIT-missing-${f}` : pick(initiatives);
    let md = `---\nkind: prd\nid: PRD-${f}\ninitiative: ${target}\nowner: "@${pick(owners)}"\nstatus: ${pick(['draft', 'review', 'approved'])}\n---\n# ${words(5)}\n\n`;
    for (const section of ['Problem', 'Goals', 'Proposal', 'Open questions']) {
      md += `## ${section}\n\n${paragraph()}\n\n- ${sentence()}\n- ${sentence()}\n\n| Option | Cost | Notes |\n| --- | --- | --- |\n| A | ${Math.floor(rand() * 9)} | ${words(4)} |\n| B | ${Math.floor(rand() * 9)} | ${words(4)} |\n\n`;
    }
    write(`prds/prd-${f}.md`, md);
  }
  for (let f = 0; f < nNotes; f++) {
    let md = `# Notes ${f}: ${words(4)}\n\n`;
    for (let s = 0; s < 4; s++) md += `## ${words(3)}\n\n${paragraph()}\n\n1. ${sentence()}\n2. ${sentence()}\n\n> ${sentence()}\n\n`;
    md += '```js\nconst objective = "not a heading";\n```\n';
    write(`notes/note-${f}.md`, md);
  }
  return { documents: nYaml + nStrategy + nPrd + nNotes + 1, objectives: objectives.length, initiatives: initiatives.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, count] = process.argv.slice(2);
  console.log(generateWorkspace(dir, Number(count)));
}
