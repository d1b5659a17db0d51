import fc from 'fast-check';

/**
 * Random small workspaces for the property tests: YAML plans, Markdown with entity headings and
 * with front matter, made of the inputs that broke `--fix` and the parsers before (issue 10):
 * ids with invisible characters, keys written twice, misspelt and unknown keys (several looking
 * like the same field), YAML aliases, bare `@` owners, near-miss enum values, swapped dates,
 * placeholders, CRLF line endings, a BOM, and lists nested past what remark can take.
 */

/** How many cases a property runs: FUZZ_RUNS for `npm run fuzz`, else the given default (npm test). */
export function runs(fallback: number): number {
  const wanted = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(wanted) && wanted > 0 ? wanted : fallback;
}

/** A fixed seed unless FUZZ_SEED or FUZZ_RUNS says otherwise: npm test is reproducible, npm run fuzz explores. */
export function seed(): number | undefined {
  if (process.env.FUZZ_SEED) return Number(process.env.FUZZ_SEED);
  return process.env.FUZZ_RUNS ? undefined : 20261206;
}

type Kind = 'objective' | 'metric' | 'initiative' | 'owner';

const INVISIBLE = ['\u00a0', '\u3000', '\u200b', '\u200d', '\u2060', '\ufeff'];
/** Mostly nothing; sometimes an invisible character pasted along. */
const invisible = fc.oneof({ weight: 2, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom(...INVISIBLE) });

const IDS: Record<Kind, string[]> = { objective: ['O1', 'O2'], metric: ['K1', 'K2'], initiative: ['I1', 'I2', 'I3'], owner: ['a', 'b'] };
const idOf = (kind: Kind) => fc.tuple(fc.constantFrom(...IDS[kind]), invisible).map(([id, ch]) => id + ch);
/** A reference to an id of `kind`, sometimes misspelt by one letter or carrying an invisible character. */
const refOf = (kind: Kind) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...IDS[kind]) },
    { weight: 1, arbitrary: idOf(kind) },
    { weight: 1, arbitrary: fc.constantFrom(...IDS[kind]).map((id) => `${id}x`) },
    { weight: 1, arbitrary: fc.constantFrom(...IDS[kind]).map((id) => id.toLowerCase()) },
  );

/** The keys a field is written with: its name, misspellings, other cases, a near-duplicate, an unknown key. */
const KEYS: Record<string, string[]> = {
  id: ['id', 'id', 'Id', 'xa'],
  title: ['title', 'titl', 'title'],
  objective: ['objective', 'objectiv', 'objectve', 'Objective'],
  owner: ['owner', 'ownr', 'owners', 'Owner', 'xb'],
  metrics: ['metrics', 'metric', 'metrcs'],
  status: ['status', 'staus', 'Status'],
  start: ['start', 'strat'],
  due: ['due', 'deu'],
  type: ['type', 'tpye'],
  target: ['target', 'targt'],
  period: ['period', 'perod'],
  parent: ['parent'],
  capacity: ['capacity', 'capcity'],
};

type Value = { plain: string; yaml?: string };
const text = (s: string): Value => ({ plain: s });

const VALUES: Record<string, fc.Arbitrary<Value>> = {
  title: fc.constantFrom('Grow', 'Ship it', 'TBD', '').map(text),
  objective: fc.oneof(refOf('objective').map(text), fc.constantFrom('TBD', '', '[[O1]]').map(text)),
  owner: fc.oneof(
    fc.constantFrom('@a', '@b', 'a', '@ghost', 'TBD', '').map(text),
    idOf('owner').map((id) => ({ plain: `@${id}`, yaml: JSON.stringify(`@${id}`) })),
  ),
  metrics: fc.oneof(refOf('metric').map(text), fc.constant({ plain: 'K1, K2', yaml: '[K1, K2]' }), fc.constantFrom('TBD', '').map(text)),
  status: fc.constantFrom('planned', 'planed', 'In Progress', 'doing', 'done', 'TBD', '').map(text),
  start: fc.constantFrom('2027-03-01', '2027-1-5', 'TBD').map(text),
  due: fc.constantFrom('2027-02-01', '2027-12-31', 'soon').map(text),
  type: fc.constantFrom('leading', 'Lagging', 'lagin').map(text),
  target: fc.constantFrom('35', '35%', 'TBD').map(text),
  period: fc.constantFrom('2027-H1', 'FY27', '2027-h1', 'TBD').map(text),
  parent: refOf('objective').map(text),
  capacity: fc.constantFrom('1', '3', 'many').map(text),
};

const FIELDS: Record<Kind, string[]> = {
  objective: ['title', 'owner', 'period', 'parent', 'status'],
  metric: ['title', 'objective', 'type', 'target', 'owner'],
  initiative: ['title', 'objective', 'owner', 'metrics', 'status', 'start', 'due'],
  owner: ['capacity'],
};

interface Pair {
  key: string;
  value: Value;
}

interface EntitySpec {
  kind: Kind;
  pairs: Pair[];
}

const pairOf = (field: string): fc.Arbitrary<Pair> => fc.record({ key: fc.constantFrom(...KEYS[field]!), value: VALUES[field]! });

const entityOf = (kind: Kind): fc.Arbitrary<EntitySpec> =>
  fc
    .record({
      id: fc.record({ key: fc.constantFrom(...KEYS.id!), value: idOf(kind).map((id) => (kind === 'owner' ? { plain: `@${id}`, yaml: JSON.stringify(`@${id}`) } : text(id))) }),
      // Fields may repeat (a key written twice) and come in any order.
      rest: fc.array(fc.constantFrom(...FIELDS[kind]!).chain(pairOf), { maxLength: 5 }),
    })
    .map(({ id, rest }) => ({ kind, pairs: [id, ...rest] }));

const anyEntity = fc.oneof(entityOf('objective'), entityOf('metric'), entityOf('initiative'), entityOf('owner'));

const LIST_KEYS: Record<Kind, string[]> = {
  objective: ['objectives', 'objectives', 'objectivs'],
  metric: ['metrics', 'key-results', 'metrcs'],
  initiative: ['initiatives', 'initiatives', 'initiatves'],
  owner: ['owners'],
};

/** A YAML scalar as an author might write it: plain, or double-quoted (then invisible characters are escaped). */
function yamlValue(value: Value, quoted: boolean): string {
  if (value.yaml) return value.yaml;
  if (value.plain === '') return '';
  return quoted ? JSON.stringify(value.plain) : value.plain;
}

/** Renders a YAML plan; `alias` makes later entities reuse the first one's objective or metrics through `*a`. */
function yamlPlan(entities: EntitySpec[], listKeys: string[], quoted: boolean, alias: boolean): string {
  const lists = new Map<string, string[]>();
  let anchored: Set<string> = new Set();
  entities.forEach((entity, i) => {
    const lines = entity.pairs.map((pair, j) => {
      const field = Object.keys(KEYS).find((f) => KEYS[f]!.includes(pair.key)) ?? pair.key;
      let value = yamlValue(pair.value, quoted);
      if (alias && (field === 'objective' || field === 'metrics') && value !== '') {
        if (!anchored.has(field)) {
          anchored.add(field);
          value = `&${field} ${value}`;
        } else value = `*${field}`;
      }
      return `${j === 0 ? '  - ' : '    '}${pair.key}:${value === '' ? '' : ` ${value}`}`;
    });
    const listKey = listKeys[i % listKeys.length]!;
    const key = LIST_KEYS[entity.kind].includes(listKey) ? listKey : LIST_KEYS[entity.kind][0]!;
    lists.set(key, [...(lists.get(key) ?? []), ...lines]);
  });
  anchored = new Set();
  return [...lists].map(([key, lines]) => `${key}:\n${lines.join('\n')}\n`).join('') || 'objectives: []\n';
}

const HEADING_WORD: Record<Kind, string> = { objective: '## Objective', metric: '### KR', initiative: '### Initiative', owner: '### Initiative' };

/** Renders entities as Markdown headings with `- Key: value` lists (and, sometimes, `**Key:** value` lines). */
function headingDoc(entities: EntitySpec[], bold: boolean, deep: number): string {
  const sections = entities.map((entity, i) => {
    const lines = entity.pairs.map((pair, j) => (bold && j > 0 && j % 2 === 0 ? `**${pair.key}:** ${pair.value.plain}` : `- ${pair.key}: ${pair.value.plain}`));
    return `${HEADING_WORD[entity.kind]}: Entity ${i}\n${lines.join('\n')}\n`;
  });
  const nested = deep ? `\n${Array.from({ length: deep }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n` : '';
  return `# Plan\n\n${sections.join('\n')}${nested}`;
}

/** Renders one entity as front matter (`kind:` and its fields) over a document. */
function frontMatterDoc(entity: EntitySpec, quoted: boolean): string {
  const lines = entity.pairs.map((pair) => {
    const value = yamlValue(pair.value, quoted);
    return `${pair.key}:${value === '' ? '' : ` ${value}`}`;
  });
  return `---\nkind: ${entity.kind}\n${lines.join('\n')}\n---\n# A document\n\nSome prose.\n`;
}

export type FileForm = 'yaml' | 'heading' | 'front-matter';

const fileText: fc.Arbitrary<{ form: FileForm; text: string }> = fc.oneof(
  fc
    .record({
      entities: fc.array(anyEntity, { minLength: 1, maxLength: 4 }),
      listKeys: fc.array(fc.constantFrom('objectives', 'objectivs', 'initiatives', 'initiatves', 'metrics', 'metrcs', 'key-results', 'owners'), { minLength: 1, maxLength: 3 }),
      quoted: fc.boolean(),
      alias: fc.boolean(),
    })
    .map(({ entities, listKeys, quoted, alias }) => ({ form: 'yaml' as const, text: yamlPlan(entities, listKeys, quoted, alias) })),
  fc
    .record({
      entities: fc.array(fc.oneof(entityOf('objective'), entityOf('metric'), entityOf('initiative')), { minLength: 1, maxLength: 3 }),
      bold: fc.boolean(),
      deep: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(5, 60, 300) }),
    })
    .map(({ entities, bold, deep }) => ({ form: 'heading' as const, text: headingDoc(entities, bold, deep) })),
  fc.record({ entity: anyEntity, quoted: fc.boolean() }).map(({ entity, quoted }) => ({ form: 'front-matter' as const, text: frontMatterDoc(entity, quoted) })),
);

/** Line endings and a BOM, as files from other editors have them. */
const encoded = fc
  .record({ file: fileText, crlf: fc.boolean(), bom: fc.boolean() })
  .map(({ file, crlf, bom }) => ({ form: file.form, text: `${bom ? '\ufeff' : ''}${crlf ? file.text.replace(/\n/g, '\r\n') : file.text}` }));

function fileName(i: number, form: FileForm): string {
  return form === 'yaml' ? `plan${i}.strategy.yaml` : `doc${i}.md`;
}

/** A workspace of one to four files: `{ 'relative/path': text }`. */
export const workspaceFiles: fc.Arbitrary<Record<string, string>> = fc
  .array(encoded, { minLength: 1, maxLength: 4 })
  .map((files) => Object.fromEntries(files.map((f, i) => [fileName(i, f.form), f.text])));

/** One file's new content for an edit sequence: any file of the workspace's shapes, at one of four names. */
export const fileEdit: fc.Arbitrary<{ slot: number; file: { form: FileForm; text: string } | null }> = fc.record({
  slot: fc.nat({ max: 3 }),
  file: fc.option(encoded, { nil: null, freq: 5 }),
});

export { fileName };
