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
      const component = graph.component.get(entity);
      if (component === undefined || !graph.cyclic.has(component)) continue;
      for (const edge of graph.edges.get(entity) ?? []) {
        if (graph.component.get(edge.to) !== component) continue;
        const rest = pathBetween(graph, edge.to, entity, component);
        const path = rest ? [entity, ...rest] : [entity, edge.to];
        const ids = rest ? path.map((e) => e.id).join(' → ') : `${entity.id} → ${edge.to.id} → … → ${entity.id} (a loop through ${graph.sizes.get(component)} ${entity.kind}s)`;
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

interface Edge {
  to: Entity;
  ref: Reference;
}

interface CycleGraph {
  edges: Map<Entity, Edge[]>;
  /** Strongly connected component of each entity with a cycle field. */
  component: Map<Entity, number>;
  /** Components that contain a cycle: more than one entity, or one that links to itself. */
  cyclic: Set<number>;
  sizes: Map<number, number>;
}

/** A longer loop is summarised: listing it whole in every finding on it would cost time and say little. */
const MAX_PATH_SEARCH = 64;

/** The `parent`/`depends-on` graph and its strongly connected components, computed once per index version. */
function cycleGraph(index: WorkspaceIndex): CycleGraph {
  return index.derive('parent-cycle:graph', () => {
    const edges = new Map<Entity, Edge[]>();
    for (const [kind, field] of Object.entries(CYCLE_FIELDS) as [EntityKind, string][]) {
      for (const entity of index.entitiesOfKind(kind)) {
        const out: Edge[] = [];
        for (const ref of entity.refs) {
          if (ref.field !== field) continue;
          // A link to an entity of another kind is `kind-mismatch`'s, not a cycle.
          for (const to of index.resolve(ref)) if (to.kind === kind) out.push({ to, ref });
        }
        edges.set(entity, out);
      }
    }
    const component = stronglyConnected(edges);
    const sizes = new Map<number, number>();
    for (const c of component.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    const cyclic = new Set<number>();
    for (const [entity, out] of edges) {
      const c = component.get(entity)!;
      if (sizes.get(c)! > 1 || out.some((e) => e.to === entity)) cyclic.add(c);
    }
    return { edges, component, cyclic, sizes };
  });
}

/** Tarjan's algorithm, iterative (a long `depends-on` chain must not overflow the stack). */
function stronglyConnected(edges: Map<Entity, Edge[]>): Map<Entity, number> {
  const order = new Map<Entity, number>();
  const low = new Map<Entity, number>();
  const onStack = new Set<Entity>();
  const stack: Entity[] = [];
  const component = new Map<Entity, number>();
  let counter = 0;
  let components = 0;
  for (const root of edges.keys()) {
    if (order.has(root)) continue;
    const work: { node: Entity; next: number }[] = [{ node: root, next: 0 }];
    order.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const out = edges.get(frame.node) ?? [];
      if (frame.next < out.length) {
        const to = out[frame.next++]!.to;
        if (!order.has(to)) {
          order.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
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
        let member: Entity;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.set(member, components);
        } while (member !== frame.node);
        components++;
      }
    }
  }
  return component;
}

/**
 * Shortest path from `from` to `to` inside one component (breadth-first), both included; undefined
 * when it is not found among the first MAX_PATH_SEARCH entities visited.
 */
function pathBetween(graph: CycleGraph, from: Entity, to: Entity, component: number): Entity[] | undefined {
  if (from === to) return [to];
  const previous = new Map<Entity, Entity>([[from, from]]);
  const queue = [from];
  for (let head = 0; head < queue.length && head < MAX_PATH_SEARCH; head++) {
    const node = queue[head]!;
    for (const edge of graph.edges.get(node) ?? []) {
      if (previous.has(edge.to) || graph.component.get(edge.to) !== component) continue;
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
    const edge = (graph.edges.get(from) ?? []).find((e) => e.to === to);
    if (edge) related.push({ file: from.file, span: edge.ref.span, message: `${from.id} → ${to.id} (${edge.ref.field})` });
  }
  return related;
}
