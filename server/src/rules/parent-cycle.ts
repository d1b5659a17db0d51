import type { Entity, EntityKind, Reference } from '../model/entity.js';
import type { RelatedLocation } from '../model/finding.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { docsUrl, type Rule } from './rule.js';

/** The links that must not loop: an objective's `parent`, an initiative's `depends-on`. */
const CYCLE_FIELDS: Partial<Record<EntityKind, string>> = { objective: 'parent', initiative: 'depends-on' };

/**
 * Cycles in objective `parent` or initiative `depends-on` links (§6), self-references included.
 * A parent cycle makes "what does this roll up to?" unanswerable; a dependency cycle means none of
 * its initiatives can start first. Reported at each link on the cycle (§10.2), with the cycle's
 * path as related information so it can be broken anywhere.
 */
export const rule: Rule = {
  meta: {
    id: 'parent-cycle',
    description: 'Cycle in objective `parent` or initiative `depends-on` links',
    defaultSeverity: 'error',
    fixable: false,
    docsUrl: docsUrl('parent-cycle'),
  },
  check({ file, index, report }) {
    const graph = cycleGraph(index);
    for (const entity of file.entities) {
      const component = graph.componentOf(entity);
      if (!component?.cyclic) continue;
      for (const edge of graph.edges(entity)) {
        if (graph.componentOf(edge.to) !== component) continue;
        const rest = pathBetween(graph, edge.to, entity, component);
        const path = rest ? [entity, ...rest] : [entity, edge.to];
        const ids = rest ? path.map((e) => e.id).join(' → ') : `${entity.id} → ${edge.to.id} → … → ${entity.id} (a loop through ${component.members.length} ${entity.kind}s)`;
        const field = edge.ref.field;
        const message =
          field === 'parent'
            ? edge.to === entity
              ? `Objective '${entity.id}' is its own parent. Remove the \`parent\` link or point it at the objective this one contributes to.`
              : `Cycle in \`parent\` links: ${ids}. An objective cannot roll up to itself; change one of these \`parent\` links.`
            : edge.to === entity
              ? `Initiative '${entity.id}' depends on itself. Remove it from its own \`depends-on\`.`
              : `Dependency cycle: ${ids}. None of these initiatives can start first; remove one of these \`depends-on\` links.`;
        report({ span: edge.ref.span, message, related: relatedPath(graph, path) });
      }
    }
  },
};

function cycleGraph(index: WorkspaceIndex): CycleGraph {
  return index.derive('parent-cycle:graph', () => new CycleGraph(index));
}

/** Whether two entities lie on one `parent` / `depends-on` cycle (this rule's finding; others leave such links alone). */
export function onOneCycle(index: WorkspaceIndex, a: Entity, b: Entity): boolean {
  const graph = cycleGraph(index);
  const component = graph.componentOf(a);
  return component !== undefined && component.cyclic && graph.componentOf(b) === component;
}

interface Edge {
  to: Entity;
  ref: Reference;
}

/** A strongly connected component of the `parent`/`depends-on` graph. */
interface Component {
  members: Entity[];
  /** More than one entity, or one that links to itself. */
  cyclic: boolean;
}

/** The component of an entity on no cycle (a lone entity that does not link to itself). */
const ACYCLIC: Component = Object.freeze({ members: [], cyclic: false });
const NO_EDGES: Edge[] = [];

/** A longer loop is summarised: listing it whole in every finding on it would cost time and say little. */
const MAX_PATH_SEARCH = 64;

/**
 * The `parent`/`depends-on` graph, explored only from the entities asked about: the components of
 * an entity are found by Tarjan's algorithm over what it reaches (parent chains are short), and
 * kept until the index next changes. So a keystroke explores the re-checked files' chains, and a
 * full run visits each entity once.
 */
class CycleGraph {
  private readonly outgoing = new Map<Entity, Edge[]>();
  private readonly components = new Map<Entity, Component>();

  constructor(private readonly index: WorkspaceIndex) {}

  /** Links of `entity` in its cycle field to entities of its own kind (one of another kind is `kind-mismatch`'s, not a cycle). */
  edges(entity: Entity): Edge[] {
    let out = this.outgoing.get(entity);
    if (out) return out;
    const field = CYCLE_FIELDS[entity.kind];
    for (const ref of entity.refs) {
      if (ref.field !== field) continue;
      for (const to of this.index.resolve(ref)) if (to.kind === entity.kind) (out ??= []).push({ to, ref });
    }
    // Most entities link nowhere: they share one empty list rather than holding one each.
    out ??= NO_EDGES;
    this.outgoing.set(entity, out);
    return out;
  }

  /** The strongly connected component of an entity with a cycle field; undefined for other kinds. */
  componentOf(entity: Entity): Component | undefined {
    if (!CYCLE_FIELDS[entity.kind]) return undefined;
    if (!this.components.has(entity)) this.explore(entity);
    return this.components.get(entity);
  }

  /**
   * Tarjan's algorithm from `root`, iterative (a long `depends-on` chain must not overflow the
   * stack). Entities whose component an earlier exploration found are finished: they reach nothing
   * that could lead back here, so they are skipped.
   */
  private explore(root: Entity): void {
    const order = new Map<Entity, number>();
    const low = new Map<Entity, number>();
    const onStack = new Set<Entity>();
    const stack: Entity[] = [];
    let counter = 0;
    const visit = (node: Entity) => {
      order.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
    };
    const work: { node: Entity; next: number }[] = [{ node: root, next: 0 }];
    visit(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const out = this.edges(frame.node);
      if (frame.next < out.length) {
        const to = out[frame.next++]!.to;
        if (this.components.has(to)) continue;
        if (!order.has(to)) {
          visit(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, order.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === order.get(frame.node)) {
        const members: Entity[] = [];
        let member: Entity;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          members.push(member);
        } while (member !== frame.node);
        const cyclic = members.length > 1 || this.edges(frame.node).some((e) => e.to === frame.node);
        // Almost every entity is alone in its component: those share one record (nothing compares them).
        const component: Component = cyclic ? { members, cyclic } : ACYCLIC;
        for (const m of members) this.components.set(m, component);
      }
    }
  }
}

/**
 * Shortest path from `from` to `to` inside one component (breadth-first), both included; undefined
 * when it is not found among the first MAX_PATH_SEARCH entities visited.
 */
function pathBetween(graph: CycleGraph, from: Entity, to: Entity, component: Component): Entity[] | undefined {
  if (from === to) return [to];
  const previous = new Map<Entity, Entity>([[from, from]]);
  const queue = [from];
  for (let head = 0; head < queue.length && head < MAX_PATH_SEARCH; head++) {
    const node = queue[head]!;
    for (const edge of graph.edges(node)) {
      if (previous.has(edge.to) || graph.componentOf(edge.to) !== component) continue;
      previous.set(edge.to, node);
      if (edge.to === to) {
        const path = [to];
        for (let at = node; at !== from; at = previous.get(at)!) path.unshift(at);
        path.unshift(from);
        return path;
      }
      queue.push(edge.to);
    }
  }
  return undefined;
}

/** Each link of the cycle after the first, where it is written, so the editor lists the whole loop. */
function relatedPath(graph: CycleGraph, path: Entity[]): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  for (let i = 1; i < path.length - 1; i++) {
    const from = path[i]!;
    const to = path[i + 1]!;
    const edge = graph.edges(from).find((e) => e.to === to);
    if (edge) related.push({ file: from.file, span: edge.ref.span, message: `${from.id} → ${to.id} (${edge.ref.field})` });
  }
  return related;
}
