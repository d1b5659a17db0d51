// Generates a kubernetes/enhancements-shaped workspace for the `--preset kep` benchmark, so CI needs
// no checkout of the real repository: `keps/<sig>/<number>-<slug>/kep.yaml` beside a `README.md`,
// plus `keps/prod-readiness/<sig>/<number>.yaml` approval files and a few images, in the proportions
// and sizes of the real repository (about 650 KEPs; READMEs from 80 to 3,000 lines, median ~500, 20 MB
// in all). The text is generated word salad; a few KEPs carry the defects the preset reports (bad enum
// values, implemented but not stable, impossible dates, TBD approvers, no Motivation) at the real
// repository's rates. Deterministic for a given count (seeded PRNG).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORDS = ('controller kubelet scheduler volume node pod cluster api server feature gate alpha beta '
  + 'stable rollout upgrade downgrade metric latency quota resource claim device driver storage network '
  + 'policy admission webhook validation field status condition object label selector workload job '
  + 'container runtime image plugin endpoint service proxy topology zone capacity allocation test').split(' ');
const SIGS = ['sig-api-machinery', 'sig-apps', 'sig-auth', 'sig-cli', 'sig-cloud-provider', 'sig-cluster-lifecycle',
  'sig-instrumentation', 'sig-network', 'sig-node', 'sig-release', 'sig-scheduling', 'sig-storage', 'sig-windows'];
const STATUSES = ['provisional', 'implementable', 'implemented', 'deferred', 'withdrawn', 'replaced', 'rejected'];
const STATUS_WEIGHTS = [0.22, 0.3, 0.38, 0.03, 0.04, 0.02, 0.01];

function prng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function generateKeps(dir, count = 650, seed = 7) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const weighted = (list, weights) => { let r = rand(); for (let i = 0; i < list.length; i++) { r -= weights[i]; if (r < 0) return list[i]; } return list[list.length - 1]; };
  const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const sentence = () => { const s = words(8 + Math.floor(rand() * 12)); return s[0].toUpperCase() + s.slice(1) + '.'; };
  // Wrapped at ~80 columns, as KEP authors write.
  const paragraph = () => Array.from({ length: 2 + Math.floor(rand() * 5) }, sentence).join(' ').replace(/(.{60,80}) /g, '$1\n');
  const handle = () => `"@${pick(WORDS)}${Math.floor(rand() * 90)}"`;
  const date = (year) => `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const write = (rel, text) => { const p = join(dir, rel); mkdirSync(join(p, '..'), { recursive: true }); writeFileSync(p, text); };
  rmSync(dir, { recursive: true, force: true });

  for (let k = 0; k < count; k++) {
    const number = 100 + k * 9;
    const sig = pick(SIGS);
    const slug = words(3).replace(/ /g, '-');
    const folder = `keps/${sig}/${number}-${slug}`;
    let status = weighted(STATUSES, STATUS_WEIGHTS);
    const minor = 20 + Math.floor(rand() * 16);
    let stage = status === 'implemented' ? 'stable' : status === 'implementable' ? pick(['alpha', 'beta', 'stable']) : undefined;
    let created = date(2019 + Math.floor(rand() * 7));
    let approvers = [handle()];
    let reviewers = [handle(), handle()];
    // Defects at about the real repository's rates (see docs/presets.md).
    const defect = rand();
    if (defect < 0.008) status = 'implemnted';
    else if (defect < 0.017) { status = 'implemented'; stage = 'beta'; }
    else if (defect < 0.02) created = `${2020 + Math.floor(rand() * 5)}-1${3 + Math.floor(rand() * 6)}-0${1 + Math.floor(rand() * 8)}`;
    else if (defect < 0.05) approvers = ['TBD'];
    else if (defect < 0.07) reviewers = ['TBD'];
    const yaml = [
      `title: ${sentence().slice(0, -1)}`,
      `kep-number: ${number}`,
      'authors:', `  - ${handle()}`,
      `owning-sig: ${sig}`,
      ...(rand() < 0.8 ? ['participating-sigs:', `  - ${pick(SIGS)}`] : []),
      `status: ${status}`,
      `creation-date: ${created}`,
      ...(rand() < 0.35 ? [`last-updated: ${date(2024)}`] : []),
      'reviewers:', ...reviewers.map((r) => `  - ${r}`),
      'approvers:', ...approvers.map((a) => `  - ${a}`),
      'see-also:', `  - "/keps/${pick(SIGS)}/${100 + Math.floor(rand() * count) * 9}-${words(2).replace(/ /g, '-')}"`,
      '',
      '# The target maturity stage in the current dev cycle for this KEP.',
      ...(stage ? [`stage: ${stage}`] : []),
      '',
      '# The most recent milestone for which work toward delivery of this KEP has been',
      '# done. This can be the current (upcoming) milestone, if it is being actively',
      '# worked on.',
      `latest-milestone: "v1.${minor}"`,
      '',
      '# The milestone at which this feature was, or is targeted to be, at each stage.',
      'milestone:', `  alpha: "v1.${minor - 2}"`, `  beta: "v1.${minor - 1}"`, `  stable: "v1.${minor}"`,
      '',
      'feature-gates:', `  - name: ${words(2).replace(/ (\w)/g, (_, c) => c.toUpperCase())}`, '    components:', '      - kube-apiserver',
      'disable-supported: true',
      '',
      'metrics:', `  - ${words(3).replace(/ /g, '_')}_total`,
      '',
    ].join('\n');
    write(`${folder}/kep.yaml`, yaml);
    write(`${folder}/README.md`, readme(number, sentence, paragraph, words, rand, rand() >= 0.045));
    if (status !== 'provisional' && rand() < 0.7) write(`keps/prod-readiness/${sig}/${number}.yaml`, `kep-number: ${number}\nalpha:\n  approver: ${handle()}\n`);
    if (rand() < 0.25) write(`${folder}/diagram.png`, 'PNG placeholder, not an image\n');
  }
}

function readme(number, sentence, paragraph, words, rand, withMotivation) {
  // Section lengths drawn so that README sizes spread like the real ones (long tail to ~3,000 lines).
  const scale = Math.exp(rand() * 2.6 - 0.75);
  const body = (n) => Array.from({ length: Math.max(1, Math.round(n * scale)) }, () => (rand() < 0.15 ? fence(words, rand) : rand() < 0.1 ? table(words, rand) : paragraph())).join('\n\n');
  const sections = [
    `# KEP-${number}: ${sentence().slice(0, -1)}`,
    '<!--\nThis is the title of your KEP. Keep it short, simple, and descriptive.\n-->',
    '<!-- toc -->\n' + ['Release Signoff Checklist', 'Summary', 'Motivation', 'Proposal', 'Design Details', 'Implementation History'].map((h) => `- [${h}](#${h.toLowerCase().replace(/ /g, '-')})`).join('\n') + '\n<!-- /toc -->',
    '## Release Signoff Checklist', '- [ ] Enhancement issue in release milestone\n- [ ] KEP approvers have approved the KEP status as `implementable`\n- [ ] Design details are appropriately documented',
    '## Summary', body(2),
  ];
  if (withMotivation) sections.push('## Motivation', body(2), '### Goals', `- ${sentence()}\n- ${sentence()}`, '### Non-Goals', `- ${sentence()}`);
  sections.push('## Proposal', body(4), '### User Stories', '#### Story 1', body(1), '### Risks and Mitigations', body(2),
    '## Design Details', body(8), '### Test Plan', body(2), '### Graduation Criteria', body(2),
    '## Production Readiness Review Questionnaire', body(5), '## Implementation History', `- ${sentence()}`, '## Drawbacks', body(1), '## Alternatives', body(2));
  return sections.join('\n\n') + '\n';
}

function fence(words, rand) {
  return '```go\n' + Array.from({ length: 4 + Math.floor(rand() * 12) }, () => `\t${words(1)}.${words(1)}(${words(1)}) // ${words(4)}`).join('\n') + '\n```';
}

function table(words, rand) {
  return `| ${words(1)} | ${words(1)} | ${words(1)} |\n|---|---|---|\n` + Array.from({ length: 2 + Math.floor(rand() * 5) }, () => `| ${words(2)} | ${words(3)} | ${words(1)} |`).join('\n');
}
