import type { Finding, Severity } from '../model/finding.js';
import type { InitiativeGap, ObjectiveGap, Ratio, ReportModel, SourceLocation, ObjectiveReport } from './model.js';

/**
 * What a change (a pull request) does to the strategy as a whole: `strategy-lint report --compare
 * REF`. Built from two alignment reports and two sets of findings, the base revision's and the work
 * tree's; nothing here reads files or git.
 */
export interface CompareModel {
  compareVersion: 1;
  base: { ref: string; commit: string };
  coverage: Record<keyof ReportModel['coverage'], { before: Ratio; after: Ratio }>;
  orphans: { new: OrphanChange[]; resolved: OrphanChange[] };
  findings: { new: FindingChange[]; resolved: FindingChange[] };
  entities: {
    added: EntityChange[];
    removed: EntityChange[];
    /** An objective's `parent`, or an initiative's or metric's objectives, changed. */
    reparented: LinkChange[];
    /** An initiative's, objective's or metric's owner changed from one owner to another. */
    reowned: LinkChange[];
  };
}

export type EntityKindName = 'objective' | 'metric' | 'initiative' | 'owner';

export interface OrphanChange {
  kind: 'initiative' | 'objective';
  id: string;
  title?: string;
  missing: (InitiativeGap | ObjectiveGap)[];
  /** In the work tree for a new orphan; in the base for a resolved one. */
  location: SourceLocation;
}

export interface FindingChange {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Work tree for a new finding; base for a resolved one. */
  location: SourceLocation;
}

export interface EntityChange {
  kind: EntityKindName;
  id: string;
  title?: string;
  location?: SourceLocation;
}

export interface LinkChange extends EntityChange {
  before: string[];
  after: string[];
}

/** One side of the comparison: its report, and its findings with a line-independent place for each. */
export interface CompareSide {
  report: ReportModel;
  findings: { finding: Finding; file: string; key: string; location: SourceLocation }[];
}

export function compareStrategies(before: CompareSide, after: CompareSide, base: { ref: string; commit: string }): CompareModel {
  const coverage = Object.fromEntries(
    (Object.keys(after.report.coverage) as (keyof ReportModel['coverage'])[]).map((key) => [key, { before: before.report.coverage[key], after: after.report.coverage[key] }]),
  ) as CompareModel['coverage'];
  return {
    compareVersion: 1,
    base,
    coverage,
    orphans: { new: orphansOnlyIn(after.report, before.report), resolved: orphansOnlyIn(before.report, after.report) },
    findings: { new: findingsOnlyIn(after, before), resolved: findingsOnlyIn(before, after) },
    entities: entityChanges(before.report, after.report),
  };
}

function orphanList(report: ReportModel): OrphanChange[] {
  return [
    ...report.orphans.initiatives.map((o) => ({ kind: 'initiative' as const, ...o })),
    ...report.orphans.objectives.map((o) => ({ kind: 'objective' as const, ...o })),
  ];
}

/** Orphans of `report` that `other` does not have, or has with fewer gaps (a gap added is news too). */
function orphansOnlyIn(report: ReportModel, other: ReportModel): OrphanChange[] {
  const known = new Map(orphanList(other).map((o) => [`${o.kind} ${o.id}`, o]));
  return orphanList(report).filter((o) => {
    const was = known.get(`${o.kind} ${o.id}`);
    return !was || o.missing.some((gap) => !was.missing.includes(gap as never));
  });
}

/** Findings of `side` beyond those `other` has at the same rule, file and place (entity and field). */
function findingsOnlyIn(side: CompareSide, other: CompareSide): FindingChange[] {
  const available = new Map<string, number>();
  for (const f of other.findings) available.set(groupKey(f), (available.get(groupKey(f)) ?? 0) + 1);
  const result: FindingChange[] = [];
  for (const f of side.findings) {
    const left = available.get(groupKey(f)) ?? 0;
    if (left > 0) available.set(groupKey(f), left - 1);
    else result.push({ ruleId: f.finding.ruleId, severity: f.finding.severity, message: f.finding.message, location: f.location });
  }
  return result;
}

function groupKey(f: CompareSide['findings'][number]): string {
  return `${f.finding.ruleId}\0${f.file}\0${f.key}`;
}

interface EntityFacts extends EntityChange {
  parents: string[];
  owners: string[];
}

function entityFacts(report: ReportModel): Map<string, EntityFacts> {
  const facts = new Map<string, EntityFacts>();
  const add = (fact: EntityFacts) => {
    const key = `${fact.kind} ${fact.id}`;
    if (!facts.has(key)) facts.set(key, fact);
  };
  const visit = (o: ObjectiveReport, parent: string | undefined) => {
    add({ kind: 'objective', id: o.id, ...title(o.title), location: o.location, parents: parent ? [parent] : [], owners: o.owner ? [o.owner] : [] });
    for (const child of o.children) visit(child, o.id);
  };
  for (const root of report.objectives) visit(root, undefined);
  for (const m of report.metrics) add({ kind: 'metric', id: m.id, ...title(m.title), location: m.location, parents: m.objectives, owners: m.owner ? [m.owner] : [] });
  for (const i of report.initiatives) add({ kind: 'initiative', id: i.id, ...title(i.title), location: i.location, parents: i.objectives, owners: i.owner ? [i.owner] : [] });
  for (const o of report.owners) if (o.declared) add({ kind: 'owner', id: o.id, ...(o.location ? { location: o.location } : {}), parents: [], owners: [] });
  return facts;
}

function entityChanges(before: ReportModel, after: ReportModel): CompareModel['entities'] {
  const [was, now] = [entityFacts(before), entityFacts(after)];
  const plain = ({ kind, id, title: t, location }: EntityFacts): EntityChange => ({ kind, id, ...title(t), ...(location ? { location } : {}) });
  const changes: CompareModel['entities'] = { added: [], removed: [], reparented: [], reowned: [] };
  for (const [key, fact] of now) {
    const old = was.get(key);
    if (!old) {
      changes.added.push(plain(fact));
      continue;
    }
    if (!sameSet(old.parents, fact.parents)) changes.reparented.push({ ...plain(fact), before: old.parents, after: fact.parents });
    // Losing the owner altogether makes an orphan (reported as one); re-owned is one owner for another.
    if (old.owners.length && fact.owners.length && !sameSet(old.owners, fact.owners)) changes.reowned.push({ ...plain(fact), before: old.owners, after: fact.owners });
  }
  for (const [key, fact] of was) if (!now.has(key)) changes.removed.push(plain(fact));
  return changes;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function title(value: string | undefined): { title?: string } {
  return value === undefined ? {} : { title: value };
}

/** Whether the change touches the strategy at all. */
export function hasChanges(model: CompareModel): boolean {
  const { orphans, findings, entities, coverage } = model;
  const lists = [orphans.new, orphans.resolved, findings.new, findings.resolved, entities.added, entities.removed, entities.reparented, entities.reowned];
  return lists.some((l) => l.length > 0) || Object.values(coverage).some((c) => c.before.count !== c.after.count || c.before.total !== c.after.total);
}
