/** A small strategy with every situation the report shows: a tree, orphans, an overloaded and an undeclared owner. */
export const PLAN_YAML = `owners:
  - id: "@maria"
    name: Maria Lopez
    team: Growth
    capacity: 1
  - id: "@sam"
objectives:
  - id: OBJ-root
    title: Grow the business
    owner: "@maria"
    period: 2027-H1
    perspective: financial
  - id: OBJ-child
    title: Activate new accounts
    parent: OBJ-root
    key-results:
      - id: KR-a
        title: Activation rate
        type: lagging
        baseline: 20
        current: 25
        target: 30
        unit: "%"
    initiatives:
      - id: INIT-a
        title: Onboarding
        owner: "@maria"
        metrics: [KR-a]
        due: 2027-01-15
      - id: INIT-b
        title: Checklist
        owner: "@maria"
        metrics: [KR-a]
        status: in-progress
  - id: OBJ-lonely
    title: Nobody works on this
  - id: OBJ-old
    title: Old goal
    status: dropped
initiatives:
  - id: INIT-orphan
    title: Orphan work
    owner: TBD
`;

export const PLAN_MD = `# Platform

## Initiative: Checkout | <fast> & "safe"
- id: INIT-md
- Owner: @ghost
- Objective: OBJ-root
- Metrics: KR-a
`;

export const FILES = { 'strategy/plan.strategy.yaml': PLAN_YAML, 'docs/plan.md': PLAN_MD };

/** 1-based line of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  if (index === -1) throw new Error(`'${needle}' not found`);
  return index + 1;
}
