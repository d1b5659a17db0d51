import fc from 'fast-check';

/**
 * Random small strategy workspaces for property tests: YAML, front matter and heading forms;
 * objectives with parents and periods, metrics, initiatives with owners and dependencies, owners
 * with capacity. The id pools are tiny so that files keep referring to each other.
 */

type Fields = [key: string, value: string | string[]][];
interface Spec {
  kind: 'objective' | 'metric' | 'initiative' | 'owner';
  id: string;
  fields: Fields;
}
export interface FileSpec {
  form: 'yaml' | 'front-matter' | 'heading';
  entities: Spec[];
}

const objectiveId = fc.constantFrom('O1', 'O2', 'O3', 'o4');
/** An objective reference in any form of §5: id, wiki link, link to a document or to an anchor. */
const objectiveRef = fc.oneof(objectiveId, fc.constantFrom('[[O2]]', '[o](p0.md)', '[o](p1.md#o1)', '[o](#O3)', '[o](p2.md#objective-o2-title)'));
const metricId = fc.constantFrom('K1', 'K2');
const initiativeId = fc.constantFrom('I1', 'I2', 'I3');
const ownerWritten = fc.constantFrom('@a', 'a', '[[b]]', '@b', 'c', '@c', '[B](p3.md)');

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const fieldsOf = (entries: [string, string | string[] | undefined][]): Fields => entries.filter((e): e is [string, string | string[]] => e[1] !== undefined);

const objective: fc.Arbitrary<Spec> = fc
  .record({ id: objectiveId, parent: optional(objectiveRef), period: optional(fc.constantFrom('2027', 'FY27', 'FY2027', '2027-H1')), status: optional(fc.constantFrom('active', 'achieved', 'dropped')) })
  .map((o) => ({ kind: 'objective', id: o.id, fields: fieldsOf([['parent', o.parent], ['period', o.period], ['status', o.status]]) }));

const metric: fc.Arbitrary<Spec> = fc
  .record({ id: metricId, objective: optional(objectiveRef), type: optional(fc.constantFrom('leading', 'lagging')) })
  .map((m) => ({ kind: 'metric', id: m.id, fields: fieldsOf([['objective', m.objective], ['type', m.type]]) }));

const initiative: fc.Arbitrary<Spec> = fc
  .record({
    id: initiativeId,
    objective: optional(objectiveRef),
    owner: optional(ownerWritten),
    due: optional(fc.constantFrom('2027-03-31', '2027-12-31', '2028-02-01')),
    metrics: optional(fc.subarray(['K1', 'K2'], { minLength: 1 })),
    status: optional(fc.constantFrom('planned', 'in-progress', 'done', 'dropped')),
    dependsOn: optional(fc.subarray(['I1', 'I2', 'I3'], { minLength: 1 })),
  })
  .map((i) => ({
    kind: 'initiative',
    id: i.id,
    fields: fieldsOf([['objective', i.objective], ['owner', i.owner], ['metrics', i.metrics], ['status', i.status], ['due', i.due], ['depends-on', i.dependsOn]]),
  }));

const owner: fc.Arbitrary<Spec> = fc
  .record({ id: fc.constantFrom('a', 'b'), capacity: optional(fc.constantFrom('1', '2')) })
  .map((o) => ({ kind: 'owner', id: o.id, fields: fieldsOf([['capacity', o.capacity]]) }));

export const fileSpec: fc.Arbitrary<FileSpec> = fc.oneof(
  fc.record({ form: fc.constant('yaml' as const), entities: fc.array(fc.oneof(objective, metric, initiative, owner), { maxLength: 4 }) }),
  fc.record({ form: fc.constant('front-matter' as const), entities: fc.tuple(fc.oneof(objective, metric, initiative, owner)).map((t) => [...t]) }),
  fc.record({ form: fc.constant('heading' as const), entities: fc.array(fc.oneof(objective, metric, initiative), { minLength: 1, maxLength: 4 }) }),
);

export const NAMES = ['p0', 'p1', 'p2', 'p3', 'p4'];

export function fileName(index: number, spec: FileSpec): string {
  return `${NAMES[index]}.${spec.form === 'yaml' ? 'strategy.yaml' : 'md'}`;
}

function yamlValue(value: string | string[]): string {
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  return /^[@[]/.test(value) ? JSON.stringify(value) : value;
}

export function render(spec: FileSpec): string {
  if (spec.form === 'front-matter') {
    const e = spec.entities[0]!;
    const lines = [`kind: ${e.kind}`, `id: ${e.kind === 'owner' ? JSON.stringify(`@${e.id}`) : e.id}`, ...e.fields.map(([k, v]) => `${k}: ${yamlValue(v)}`)];
    return `---\n${lines.join('\n')}\n---\n# ${e.id} title\n`;
  }
  if (spec.form === 'heading') {
    // Metrics and initiatives are `###`, so those after an objective heading nest under it (implicit link).
    return spec.entities
      .map((e) => {
        const word = { objective: '## Objective', metric: '### KR', initiative: '### Initiative', owner: '' }[e.kind];
        const fields = [['id', e.id], ...e.fields].map(([k, v]) => `- ${k}: ${Array.isArray(v) ? v.join(', ') : v}`);
        return `${word}: ${e.id} title\n${fields.join('\n')}\n`;
      })
      .join('\n');
  }
  const lists: Record<string, string[]> = {};
  for (const e of spec.entities) {
    const id = e.kind === 'owner' ? JSON.stringify(`@${e.id}`) : e.id;
    const item = [`  - id: ${id}`, ...e.fields.map(([k, v]) => `    ${k}: ${yamlValue(v)}`)].join('\n');
    (lists[`${e.kind}s`] ??= []).push(item);
  }
  return Object.entries(lists).map(([list, items]) => `${list}:\n${items.join('\n')}\n`).join('') || 'objectives: []\n';
}

export const editArb = fc.record({ target: fc.nat({ max: NAMES.length - 1 }), file: optional(fileSpec) });

