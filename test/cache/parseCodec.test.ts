import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { decodeParse, encodeParse, restoreParse } from '../../server/src/cache/parseCodec.js';
import { PARSE_WORDS, wordCode } from '../../server/src/cache/parseWords.js';
import type { RestoredEntity } from '../../server/src/cache/restoredEntity.js';
import { fieldScalar } from '../../server/src/model/semantics.js';
import { loadWorkspace } from '../../server/src/cli/workspace.js';
import { LintEngine } from '../../server/src/engine/engine.js';
import type { ParsedFile } from '../../server/src/model/file.js';
import { REPO_ROOT } from '../cli/cli.js';
import { configFor } from '../helpers/workspace.js';
import type { TemplateSpec } from '../../server/src/templates/spec.js';

/** A parse result as the cache gives it back: what was encoded, decoded with the engine's templates. */
function roundTrip(engine: LintEngine, parsed: ParsedFile): ParsedFile | undefined {
  const text = encodeParse(parsed);
  assert.ok(text !== undefined, `${parsed.path}: the codec cannot write its parse result`);
  return decodeParse(text, parsed, (identity) => engine.templatesFor(parsed.path).byIdentity(identity));
}

/** Entities link to each other (enclosing, implicit targets): they must come back linked, not copied. */
function assertLinksKept(original: ParsedFile, copy: ParsedFile): void {
  original.entities.forEach((entity, i) => {
    const again = copy.entities[i]!;
    assert.equal(again.enclosing, entity.enclosing && copy.entities[original.entities.indexOf(entity.enclosing)]);
    entity.refs.forEach((ref, j) => assert.equal(again.refs[j]!.implicitTarget, ref.implicitTarget && copy.entities[original.entities.indexOf(ref.implicitTarget)]));
    // A template comes back as the configuration's own object (rules compare and call it).
    assert.equal(again.template, entity.template);
  });
  assert.equal(copy.templated?.template, original.templated?.template);
}

describe('lint cache: parse records', () => {
  const samples = readdirSync(path.join(REPO_ROOT, 'samples'));
  for (const sample of samples) {
    it(`gives back every parse result of samples/${sample} as the parser made it`, () => {
      const workspace = loadWorkspace({ paths: [path.join(REPO_ROOT, 'samples', sample)] });
      let count = 0;
      for (const parsed of workspace.engine.index.allFiles()) {
        const copy = roundTrip(workspace.engine, parsed);
        assert.deepEqual(copy, parsed, parsed.path);
        assertLinksKept(parsed, copy!);
        count++;
      }
      assert.ok(count > 0);
    });
  }

  for (const sample of samples) {
    it(`restores samples/${sample} with each entity's fields decoded when read, the same as the parser made them`, () => {
      const workspace = loadWorkspace({ paths: [path.join(REPO_ROOT, 'samples', sample)] });
      const engine = workspace.engine;
      let atHand = 0;
      for (const parsed of engine.index.allFiles()) {
        const restored = restoreParse(Buffer.from(encodeParse(parsed)!), parsed, (identity) => engine.templatesFor(parsed.path).byIdentity(identity))!;
        assert.ok(restored, parsed.path);
        parsed.entities.forEach((entity, i) => {
          const again = restored.entities[i] as RestoredEntity;
          // The fields workspace-wide facts read of every entity answer before the others are decoded.
          for (const field of ['status', 'period', 'priority', 'effort', 'owner', 'parent']) {
            assert.deepEqual(fieldScalar(again, field), fieldScalar(entity, field), `${parsed.path} ${entity.id} ${field}`);
            atHand++;
          }
          assert.ok(again.fieldsAtHand('status'), 'nothing else was decoded yet');
          assert.equal(again.fieldsAtHand('title'), undefined, 'other fields are read from `fields`');
          assert.deepEqual(again.fields, entity.fields, `${parsed.path} ${entity.id}`);
          assert.equal(again.fieldsAtHand('status'), undefined, 'once decoded, `fields` answers');
        });
        // Every restored entity holds the same properties in one order (ranges as numbers, none added later): one shape for the rules to read.
        for (const entity of restored.entities) assert.deepEqual(Object.keys(entity), Object.keys(restored.entities[0]!), `${parsed.path} ${entity.id}`);
        assert.ok(restored.entities.every((e) => !Object.keys(e).includes('anchor')), 'ranges kept as numbers');
        // Entity for entity the parser's (of a class of their own: compared by what the codec writes of them, which is all).
        assert.equal(encodeParse(restored), encodeParse(parsed), parsed.path);
        assert.deepEqual({ ...restored, entities: [] }, { ...parsed, entities: [] });
        assertLinksKept(parsed, restored);
      }
      assert.ok(atHand > 0);
    });
  }

  it('keeps values JSON has no word for (NaN, infinities, minus zero), null and booleans, a BOM and CRLF', () => {
    const engine = new LintEngine(configFor());
    const text = '\ufeffobjectives:\r\n  - id: OBJ-a\r\n    title: A\r\n    confidence: .nan\r\n    weight: -.inf\r\n    baseline: -0\r\n    target: .inf\r\n    done: true\r\n    note: null\r\n    # strategy-lint-disable-next-line invalid-value\r\n    status: flying\r\n';
    const parsed = engine.load('/w/plan.strategy.yaml', text);
    const copy = roundTrip(engine, parsed)!;
    assert.deepEqual(copy, parsed);
    const values = copy.entities[0]!.fields.map((f) => (f.value.type === 'scalar' ? f.value.value : undefined));
    assert.ok(values.some((v) => Number.isNaN(v)) && values.includes(-Infinity) && values.includes(Infinity) && values.some((v) => Object.is(v, -0)));
    assert.ok(values.includes(true) && values.includes(null));
    assert.equal(copy.hasBom, true);
    assert.equal(copy.eol, '\r\n');
    assert.equal(copy.suppressions.length, 1);
  });

  it('keeps where an entity inside a templated file sits, and a value read from a heading', () => {
    const okrs: TemplateSpec = {
      name: 'okr-page',
      files: 'okrs/*.md',
      entities: [
        { kind: 'objective', heading: { level: 3 }, fields: { owner: { header: 'Owner' }, period: { heading: '^(\\d{4}) Q([1-4])$', value: '$1-Q$2' } } },
        { kind: 'metric', 'list-items': { in: 'objective' } },
        { kind: 'initiative', 'table-rows': { 'under-heading': 'Projects', columns: { owner: 'Owner' } } },
      ],
    };
    const engine = new LintEngine(configFor({ templates: [okrs] }));
    const text = '## 2027 Q1\n\n### Grow\n**Owner:** @ana\n- Raise activation (@sam)\n\n#### Projects\n\n| Name | Owner |\n|---|---|\n| Setup |  |\n';
    const parsed = engine.load('/ws/okrs/a.md', text);
    assert.deepEqual(parsed.entities.map((e) => e.insertion.inner?.form), ['heading', 'list-item', 'table-row']);
    const copy = roundTrip(engine, parsed)!;
    assert.deepEqual(copy, parsed);
    assert.equal(copy.entities[0]!.fields.find((f) => f.key === 'period')?.value.type === 'scalar' && (copy.entities[0]!.fields.find((f) => f.key === 'period')!.value as { derived?: boolean }).derived, true);
  });

  it('leaves out the link from an indexed reference to the entity that wrote it (the index\'s, not the parse\'s)', () => {
    const engine = new LintEngine(configFor());
    const parsed = engine.load('/w/plan.strategy.yaml', 'objectives:\n  - id: OBJ-a\n    title: A\n    parent: OBJ-b\n  - id: OBJ-b\n    title: B\n');
    const ref = parsed.entities[0]!.refs.find((r) => r.field === 'parent')!;
    // The index took the reference in: it is its own entry among the references to OBJ-b.
    const entry = engine.index.referencesToId('OBJ-b').find((e) => e.ref === ref)!;
    assert.equal(entry.from, parsed.entities[0]);
    assert.ok(!Object.keys(ref).includes('from') && !('from' in JSON.parse(JSON.stringify(ref))), 'no own property a spread or JSON would copy');
    const restored = restoreParse(Buffer.from(encodeParse(parsed)!), parsed, () => undefined)!;
    assert.equal(encodeParse(restored), encodeParse(parsed));
    assert.deepEqual(restored.entities[0]!.refs, parsed.entities[0]!.refs);
    assert.equal(restored.entities[0]!.refs.find((r) => r.field === 'parent')!.form, ref.form);
  });

  it('does not write a parse result holding something it does not know (the cache parses such a file again)', () => {
    const engine = new LintEngine(configFor());
    const parsed = engine.load('/w/plan.strategy.yaml', 'objectives:\n  - id: OBJ-a\n    title: A\n');
    (parsed.entities[0] as unknown as Record<string, unknown>).confidenceBand = [1, 2];
    assert.equal(encodeParse(parsed), undefined);
  });

  it('refuses a record it did not write, or one naming a template the configuration lacks', () => {
    const engine = new LintEngine(configFor());
    const parsed = engine.load('/w/plan.strategy.yaml', 'objectives:\n  - id: OBJ-a\n    title: A\n');
    assert.equal(decodeParse('{"some":"thing"}', parsed, () => undefined), undefined);
    assert.equal(decodeParse('[1,0,0,1,[["objective","yaml","OBJ-a",0,"A",[1,2],[0,5],null,[],0,[5,"yaml-block","    ","\\n",null],"gone",[],-1]],0,0,0]\n[[]]', parsed, () => undefined), undefined);
    assert.equal(decodeParse('[1,0,0,1,[]]', parsed, () => undefined), undefined, 'one text where there are two');
  });

  it('writes kinds, forms, field keys and enum values as word numbers, and refuses a number that names no word', () => {
    const engine = new LintEngine(configFor());
    const parsed = engine.load('/w/plan.strategy.yaml', 'initiatives:\n  - id: INIT-a\n    title: A\n    owner: "@p"\n    status: in-progress\n    objective: OBJ-x\n');
    const record = encodeParse(parsed)!;
    const first = record.slice(0, record.indexOf('\n'));
    // The file's own strings stay; the words it shares with every other file do not.
    for (const own of ['INIT-a', '@p', 'OBJ-x']) assert.ok(first.includes(`"${own}"`), own);
    for (const word of ['initiative', 'yaml', 'owner', 'status', 'in-progress', 'yaml-block', 'objective']) assert.ok(!first.includes(`"${word}"`), word);
    const templates = (identity: string) => engine.templatesFor(parsed.path).byIdentity(identity);
    const copy = decodeParse(record, parsed, templates)!;
    assert.equal(copy.entities[0]!.kind, 'initiative');
    assert.equal(fieldScalar(copy.entities[0]!, 'status')?.value, 'in-progress');
    // The status's value as a number past the end of the word list: a record this build did not write.
    const foreign = record.replace(`,${String(wordCode('in-progress'))}]`, `,${PARSE_WORDS.length + 1}]`);
    assert.notEqual(foreign, record);
    assert.equal(decodeParse(foreign, parsed, templates), undefined);
    assert.equal(restoreParse(Buffer.from(foreign), parsed, templates), undefined);
  });

  it('gives back nothing, and throws nothing, for a damaged record (decodeParse and restoreParse alike)', () => {
    const engine = new LintEngine(configFor());
    const parsed = engine.load('/w/plan.strategy.yaml', 'objectives:\n  - id: OBJ-a\n    title: A\n    owner: "@p"\n    due: 2026-12-31\n');
    const record = encodeParse(parsed)!;
    const templates = (identity: string) => engine.templatesFor(parsed.path).byIdentity(identity);
    const lineEnd = record.indexOf('\n');
    const damaged = [
      '',
      'not json\n[]',
      'null\n[]',
      '"text"\n[]',
      '[1,0,0,1,5,0,0,0]\n[]',
      '[1,0,0,1,[[]],0,0,0]\n[[]]',
      '[1,0,0,1,[null],0,0,0]\n[[]]',
      // The file's own text cut anywhere (the fields' text is read by restoreParse only when a rule asks for them).
      ...Array.from({ length: lineEnd }, (_, cut) => `${record.slice(0, cut)}${record.slice(lineEnd)}`),
    ];
    for (const text of damaged) {
      assert.equal(decodeParse(text, parsed, templates), undefined, JSON.stringify(text));
      assert.equal(restoreParse(Buffer.from(text), parsed, templates), undefined, JSON.stringify(text));
    }
    // The fields' text cut anywhere: decodeParse reads it at once.
    for (let cut = lineEnd + 1; cut < record.length; cut++) assert.equal(decodeParse(record.slice(0, cut), parsed, templates), undefined, record.slice(0, cut));
    // The record itself decodes: what fails above is the damage.
    assert.equal(decodeParse(record, parsed, templates)?.entities[0]?.id, 'OBJ-a');
    assert.equal(restoreParse(Buffer.from(record), parsed, templates)?.entities[0]?.id, 'OBJ-a');
  });
});
