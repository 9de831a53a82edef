/** One policy an endorsement set must satisfy, judged on the orgs that endorse. */
export interface EndorsementRequirement {
  /** What the policy is, for error messages (e.g. `chaincode basic` or `key asset1`). */
  readonly description: string;
  satisfiedBy(mspIds: readonly string[]): boolean;
}

/** The largest org count the planner searches exhaustively (2^n subsets). */
const MAX_PLANNED_ORGS = 16;

/**
 * Picks the smallest set of orgs, drawn from `candidates` in their order of preference and
 * always including `required`, whose endorsements satisfy every requirement. Undefined when
 * no such set exists.
 */
export function chooseEndorsingOrgs(
  requirements: readonly EndorsementRequirement[],
  candidates: readonly string[],
  required: readonly string[],
): string[] | undefined {
  const satisfies = (orgs: readonly string[]): boolean => requirements.every((r) => r.satisfiedBy(orgs));
  if (satisfies(required)) return [...required];
  const optional = candidates.filter((org) => !required.includes(org)).slice(0, MAX_PLANNED_ORGS);
  for (let extra = 1; extra <= optional.length; extra++) {
    for (const combination of combinations(optional, extra)) {
      const orgs = [...required, ...combination];
      if (satisfies(orgs)) return orgs;
    }
  }
  return undefined;
}

/** k-element combinations of `items`, earlier items first. */
function* combinations<T>(items: readonly T[], k: number, from = 0): Generator<T[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= items.length - k; i++) {
    const head = items[i] as T;
    for (const rest of combinations(items, k - 1, i + 1)) yield [head, ...rest];
  }
}
