/**
 * Accredited scope (rules 15, 19, 20): a result is in scope when the lab's accreditation lists
 * its analyte × matrix × method (a scope item without a method version covers every version).
 */

/** One accredited scope item. */
export interface ScopeItem {
  analyte: string;
  matrix: string;
  methodId: string;
  methodVersion?: string;
}

/** What a result claims. */
export interface ScopeQuery {
  analyte: string;
  matrix: string;
  methodId: string;
  methodVersion: string;
}

/** True when some scope item covers the query. */
export function inScope(scope: readonly ScopeItem[], query: ScopeQuery): boolean {
  return scope.some(
    (item) =>
      item.analyte === query.analyte &&
      item.matrix === query.matrix &&
      item.methodId === query.methodId &&
      (item.methodVersion === undefined || item.methodVersion === query.methodVersion),
  );
}

/** The queries no scope item covers, as `analyte/matrix/method@version` labels. */
export function outOfScope(scope: readonly ScopeItem[], queries: readonly ScopeQuery[]): string[] {
  return queries
    .filter((q) => !inScope(scope, q))
    .map((q) => `${q.analyte}/${q.matrix}/${q.methodId}@${q.methodVersion}`);
}
