// The heavy mix of `npm run bench`: a planning workspace shaped like a large organisation's, where the
// light mix (generate.mjs) is a tidy one. At 10k documents it comes to about 55 MiB, 6,921 documents
// taking part and 37,500 findings, near the independent generator issue 13 measured (54 MiB, ~7,000, ~40k):
//   10%  YAML plans (teams/…/plan-N.strategy.yaml): three objectives, each with key results and initiatives;
//   28%  long strategy docs (strategy/): prose, tables and code between many entity headings;
//   31%  documents with front matter (prds/): PRDs, and initiative one-pagers with milestones;
//   ~0.2% portfolio files (portfolios/): a few owners carrying hundreds of initiatives each;
//   ~31% plain notes (notes/): headings, lists, quotes, a docs site's front matter; nothing declared.
// Defects come at fixed rates (missing owners, unknown owners, dangling references, TBDs, misspelt
// fields, impossible dates, duplicate ids), and the portfolios overload their owners, so findings
// carry related locations by the hundred. `today` is pinned in .strategylint.yaml so time-based
// rules give the same findings on every day. Deterministic for a given count and seed.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prng } from './generate.mjs';

const WORDS = ('customer activation churn pricing onboarding revenue platform latency checkout partner market '
  + 'segment retention expansion billing invoice growth funnel signup trial conversion cohort quarter launch '
  + 'roadmap discovery research interview insight hypothesis experiment metric baseline target owner team '
  + 'payments fraud risk compliance security reliability incident migration api integration mobile web '
  + 'warehouse logistics supplier contract renewal region enterprise self-serve analytics dashboard support '
  + 'ticket escalation sla uptime capacity hiring enablement training documentation localisation tax').split(' ');
const PERSPECTIVES = ['customer', 'financial', 'internal', 'learning'];
const INIT_STATUS = ['planned', 'in-progress', 'in-progress', 'blocked', 'proposed', 'done'];
const HEALTH = ['on-track', 'at-risk', 'off-track'];
const TEAMS = 60;
const PEOPLE = 400;

export function generateHeavyWorkspace(dir, count, seed = 1013) {
  const rand = prng(seed);
  const chance = (p) => rand() < p;
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const title = (n) => { const s = words(n); return s[0].toUpperCase() + s.slice(1); };
  const sentence = () => title(8 + int(0, 12)) + '.';
  // Wrapped at ~90 columns, as people write in editors.
  const paragraph = () => Array.from({ length: int(3, 7) }, sentence).join(' ').replace(/(.{70,90}) /g, '$1\n');
  const date = (month, day) => `2027-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const write = (rel, text) => { const p = join(dir, rel); mkdirSync(join(p, '..'), { recursive: true }); writeFileSync(p, text); };
  rmSync(dir, { recursive: true, force: true });

  const people = Array.from({ length: PEOPLE }, (_, i) => `@p${i}`);
  const teams = Array.from({ length: TEAMS }, (_, i) => `@team-${i}`);
  const portfolioOwners = [];
  const objectives = [];
  const metrics = [];
  const initiatives = [];
  const counts = { yaml: 0, strategy: 0, frontMatter: 0, portfolios: 0, notes: 0 };

  // Owners a defect names: ids nobody declares (unknown-owner), or placeholders.
  const owner = () => (chance(0.05) ? `@ghost${int(0, 99)}` : chance(0.02) ? 'TBD' : pick(chance(0.7) ? people : teams));
  const reference = (list, prefix) => (chance(0.05) || list.length === 0 ? `${prefix}-missing-${int(0, 999)}` : pick(list));
  const status = () => (chance(0.01) ? 'in progres' : pick(INIT_STATUS));
  // Dates: due before start now and then (schedule), past-due work at `today` (2027-03-15).
  const window = () => { const start = int(2, 8); const due = chance(0.05) ? start - 1 : Math.min(12, start + int(1, 3)); return [date(start, int(1, 28)), date(due, int(1, 28))]; };
  // Periods: mostly the year or its second half; now and then a quarter that ends before the work does.
  const period = () => (chance(0.5) ? '2027' : chance(0.8) ? '2027-H2' : pick(['2027-Q1', '2027-Q4']));
  // Check-ins: mostly in the fortnight before `today`, now and then stale (stale-update).
  const updated = () => (chance(0.3) ? date(1, int(1, 28)) : date(3, int(2, 14)));
  // Milestones inside their initiative's window, now and then overdue and not done.
  const milestone = (start, due) => `{ title: ${words(2)}, due: ${chance(0.1) ? date(2, int(1, 28)) : due}, done: ${start < '2027-03-15' && chance(0.5)} }`;

  write('.strategylint.yaml', '# Pinned so time-based rules give the same findings on every day.\ntoday: 2027-03-15\n');
  write('owners.strategy.yaml', '# Everyone who can own work.\nowners:\n'
    + people.map((p) => `  - id: "${p}"\n    name: ${title(2)}\n    team: "${pick(teams)}"\n    capacity: ${int(2, 6)}\n`).join('')
    + teams.map((t) => `  - id: "${t}"\n    name: ${title(2)} team\n    capacity: ${int(8, 30)}\n`).join(''));

  const nYaml = Math.round(count * 0.10);
  const nStrategy = Math.round(count * 0.28);
  const nFrontMatter = Math.round(count * 0.31);
  const nPortfolios = Math.max(1, Math.round(count * 0.002));
  const nNotes = Math.max(0, count - 1 - nYaml - nStrategy - nFrontMatter - nPortfolios);

  for (let f = 0; f < nYaml; f++) {
    let y = `# Plan of team ${f % TEAMS}, ${sentence()}\n# ${sentence()}\nobjectives:\n`;
    for (let o = 0; o < 3; o++) {
      const oid = chance(0.004) && objectives.length ? pick(objectives) : `OBJ-y${f}-${o}`; // duplicate-id now and then
      objectives.push(oid);
      y += `  - id: ${oid}\n    title: ${title(6)}\n    owner: "${owner()}"\n    period: ${period()}\n    perspective: ${pick(PERSPECTIVES)}\n`;
      y += `    priority: P${int(0, 3)}\n    updated: ${updated()}\n    health: ${pick(HEALTH)}\n    description: >-\n      ${sentence()}\n      ${sentence()}\n`;
      if (objectives.length > 20 && chance(0.4)) y += `    parent: ${reference(objectives.slice(0, -1), 'OBJ')}\n`;
      y += '    key-results:\n';
      for (let k = 0; k < 2; k++) {
        const kid = `KR-y${f}-${o}-${k}`;
        metrics.push(kid);
        y += `      - id: ${kid}\n        title: ${title(7)}\n        type: ${k ? 'leading' : 'lagging'}\n`;
        if (!chance(0.05)) y += `        baseline: ${int(0, 40)}\n`;
        y += `        target: ${int(50, 100)}\n        current: ${int(20, 90)}\n        updated: ${updated()}\n`;
      }
      y += '    initiatives:\n';
      for (let i = 0; i < 3; i++) {
        const iid = `INIT-y${f}-${o}-${i}`;
        initiatives.push(iid);
        const [start, due] = window();
        y += `      - id: ${iid}\n        title: ${title(5)}\n        owner: "${owner()}"\n        metrics: [KR-y${f}-${o}-${i % 2}]  # primary metric\n`;
        y += `        status: ${status()}\n        start: ${start}\n        due: ${due}\n        effort: ${int(1, 8)}\n`;
        if (i > 0 && chance(0.3)) y += `        depends-on: [INIT-y${f}-${o}-${i - 1}]\n`;
        if (chance(0.02)) y += `        ownr: "${pick(people)}"\n`; // misspelt field
        if (chance(0.3)) y += `        milestones:\n          - ${milestone(start, due)}\n          - ${milestone(start, due)}\n`;
      }
    }
    write(`teams/team-${f % TEAMS}/plan-${f}.strategy.yaml`, y);
    counts.yaml++;
  }

  for (let f = 0; f < nStrategy; f++) {
    let md = `# Strategy ${f}: ${title(5)}\n\n${paragraph()}\n\n## Context\n\n${paragraph()}\n\n`;
    md += `| Segment | Share | Trend |\n| --- | ---: | --- |\n${Array.from({ length: int(3, 8) }, () => `| ${words(2)} | ${int(1, 60)}% | ${pick(['up', 'flat', 'down'])} |`).join('\n')}\n\n`;
    for (let o = 0, n = int(1, 3); o < n; o++) {
      const oid = `OBJ-m${f}-${o}`;
      md += `## Objective: ${title(6)}\n\n- id: ${oid}\n- Owner: ${owner()}\n- Period: ${period()}\n- Perspective: ${pick(PERSPECTIVES)}\n- Priority: P${int(0, 3)}\n- Updated: ${updated()}\n`;
      if (objectives.length && chance(0.5)) md += `- Parent: ${reference(objectives, 'OBJ')}\n`;
      md += `\n${paragraph()}\n\n`;
      objectives.push(oid);
      for (let k = 0, n = int(2, 3); k < n; k++) {
        const kid = `KR-m${f}-${o}-${k}`;
        metrics.push(kid);
        md += `### Key Result: ${title(7)}\n\n- id: ${kid}\n- Type: ${k ? 'leading' : 'lagging'}\n${chance(0.06) ? '' : `- Baseline: ${int(0, 40)}\n`}- Target: ${int(40, 100)}\n- Current: ${int(20, 80)}\n- Updated: ${updated()}\n\n${chance(0.5) ? `${paragraph()}\n\n` : ''}`;
      }
      for (let i = 0, n = int(2, 4); i < n; i++) {
        const iid = `INIT-m${f}-${o}-${i}`;
        initiatives.push(iid);
        const [start, due] = window();
        const ownerLine = chance(0.06) ? '' : `- Owner: ${owner()}\n`; // initiative-owner
        md += `### Initiative: ${title(5)}\n\n- id: ${iid}\n${ownerLine}- Metrics: KR-m${f}-${o}-0${chance(0.2) ? `, ${reference(metrics, 'KR')}` : ''}\n`;
        md += `- Status: ${status()}\n- Start: ${start}\n- Due: ${due}\n- Effort: ${int(1, 8)}\n${i > 0 && chance(0.3) ? `- Depends on: ${reference(initiatives.slice(-4, -1), 'INIT')}\n` : ''}${chance(0.02) ? `- Onwer: ${pick(people)}\n` : ''}\n`;
        if (chance(0.7)) md += `${paragraph()}\n\n`;
        if (chance(0.2)) md += `#### Notes on ${words(3)}\n\n- ${sentence()}\n- ${sentence()}\n- ${sentence()}\n\n`;
        if (chance(0.15)) md += '```sql\nselect objective, count(*) from initiatives\nwhere status = \'planned\' -- Initiative: not a heading\ngroup by objective;\n```\n\n';
      }
    }
    md += `## Risks\n\n${Array.from({ length: int(2, 5), }, () => `- ${sentence()}`).join('\n')}\n\n## Appendix\n\n> ${sentence()}\n`;
    write(`strategy/area-${f}.md`, md);
    counts.strategy++;
  }

  for (let f = 0; f < nFrontMatter; f++) {
    let md;
    if (chance(0.7)) {
      const target = chance(0.03) ? 'TBD' : reference(initiatives, 'INIT');
      md = `---\nkind: prd\nid: PRD-${f}\ninitiative: ${target}\nowner: "${owner()}"\nstatus: ${chance(0.01) ? 'aproved' : pick(['draft', 'review', 'approved'])}\n---\n# ${title(5)}\n\n`;
    } else {
      const iid = `INIT-fm${f}`;
      initiatives.push(iid);
      const [start, due] = window();
      md = `---\nkind: initiative\nid: ${iid}\ntitle: ${title(5)}\nobjective: ${reference(objectives, 'OBJ')}\nowner: "${owner()}"\nmetrics: [${reference(metrics, 'KR')}]\n`
        + `status: ${status()}\nstart: ${start}\ndue: ${due}\nmilestones:\n  - ${milestone(start, due)}\n  - ${milestone(start, due)}\n---\n# ${title(5)}\n\n`;
    }
    for (const section of ['Problem', 'Goals', 'Proposal', 'Rollout', 'Open questions'].slice(0, int(3, 5))) {
      md += `## ${section}\n\n${paragraph()}\n\n- ${sentence()}\n- ${sentence()}\n\n`;
      if (chance(0.3)) md += `| Option | Cost | Notes |\n| --- | --- | --- |\n| A | ${int(1, 9)} | ${words(4)} |\n| B | ${int(1, 9)} | ${words(4)} |\n\n`;
    }
    write(`prds/${Math.floor(f / 500)}/doc-${f}.md`, md);
    counts.frontMatter++;
  }

  // Portfolios: one team's whole backlog in one file, hundreds of initiatives on a handful of owners.
  for (let f = 0; f < nPortfolios; f++) {
    const owners = Array.from({ length: 6 }, (_, i) => `@portfolio-${f}-${i}`);
    portfolioOwners.push(...owners);
    let y = `# Backlog of portfolio ${f}: ${sentence()}\nowners:\n${owners.map((o) => `  - id: "${o}"\n    name: ${title(2)}\n    capacity: ${int(5, 20)}\n`).join('')}initiatives:\n`;
    for (let i = 0; i < 300; i++) {
      const iid = `INIT-pf${f}-${i}`;
      initiatives.push(iid);
      const [start, due] = window();
      y += `  - id: ${iid}\n    title: ${title(5)}\n    objective: ${reference(objectives, 'OBJ')}\n    owner: "${pick(owners)}"\n    metrics: [${reference(metrics, 'KR')}]\n    status: ${status()}\n    start: ${start}\n    due: ${due}\n    effort: ${int(1, 5)}\n`;
    }
    write(`portfolios/portfolio-${f}.strategy.yaml`, y);
    counts.portfolios++;
  }

  for (let f = 0; f < nNotes; f++) {
    let md = chance(0.3) ? `---\ntitle: ${title(4)}\nkind: tutorial\ntags: [${words(2).replace(' ', ', ')}]\n---\n` : '';
    md += `# Notes ${f}: ${title(4)}\n\n`;
    for (let s = 0, n = int(2, 4); s < n; s++) md += `## ${title(3)}\n\n${paragraph()}\n\n1. ${sentence()}\n2. ${sentence()}\n\n> ${sentence()}\n\n`;
    md += '## Objectives for next time\n\n- Objective of the meeting was to agree on the plan.\n\n```js\nconst objective = "not a heading";\n```\n';
    write(`notes/${Math.floor(f / 500)}/note-${f}.md`, md);
    counts.notes++;
  }
  return { documents: 1 + nYaml + nStrategy + nFrontMatter + nPortfolios + nNotes, ...counts, objectives: objectives.length, metrics: metrics.length, initiatives: initiatives.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, count, seed] = process.argv.slice(2);
  console.log(generateHeavyWorkspace(dir, Number(count), seed === undefined ? undefined : Number(seed)));
}
