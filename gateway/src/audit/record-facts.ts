/** Fields whose values an auditor reads first: states, outcomes, classes and the reasons given. */
const FACT_FIELD =
  /^(status|state|outcome|aggregate|verdict|trusted|releasable|traceabilityClass|traceability|class|qualificationStatus|stage|kind|basis|decision|result|reason|message|code|meaning)$/;
/** Fields that name other records. */
const ID_FIELD =
  /(Id|Ids|Ref|Refs)$|^(inputs|outputs|reports|runs|instruments|calibrations|verifications|holds|crms|lots)$/;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * The facts a record states, as short lines: its status-like fields, its reasons (`code: message`)
 * and its electronic signatures with their meaning (`APPROVAL by Ann (approver) at ...`).
 */
export function recordFacts(value: unknown): string[] {
  const out: string[] = [];
  walk(value as Json, '', 0, out);
  return [...new Set(out)].slice(0, 24);
}

function walk(v: Json, path: string, depth: number, out: string[]): void {
  if (v === null || depth > 4) return;
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      walk(x, `${path}[${i}]`, depth + 1, out);
    });
    return;
  }
  if (typeof v !== 'object') return;
  if (typeof v.meaning === 'string' && typeof v.printedName === 'string') {
    out.push(
      `signature: ${v.meaning} by ${v.printedName}${typeof v.role === 'string' ? ` (${v.role})` : ''}${typeof v.mspId === 'string' ? ` of ${v.mspId}` : ''}${typeof v.signedAt === 'string' ? ` at ${v.signedAt}` : ''}`,
    );
    return;
  }
  if (typeof v.code === 'string' && typeof v.message === 'string') {
    out.push(`${path ? `${path}: ` : ''}${v.code}: ${v.message}`);
    return;
  }
  for (const [k, x] of Object.entries(v)) {
    const here = path ? `${path}.${k}` : k;
    if (FACT_FIELD.test(k) && (typeof x === 'string' || typeof x === 'boolean' || typeof x === 'number'))
      out.push(`${here}: ${String(x)}`);
    else if (typeof x === 'object') walk(x, here, depth + 1, out);
  }
}

/** Every id the record names in fields such as `runId`, `instrumentIds`, `inputs` or `refId`. */
export function referencedIds(value: unknown): string[] {
  const out: string[] = [];
  const visit = (v: Json, depth: number): void => {
    if (v === null || typeof v !== 'object' || depth > 5) return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      // Fields naming orgs (`mspId`, `labMspId`) name parties, not records.
      if (ID_FIELD.test(k) && !/mspId$/i.test(k)) {
        if (typeof x === 'string') out.push(x);
        else if (Array.isArray(x)) for (const y of x) if (typeof y === 'string') out.push(y);
      }
      visit(x, depth + 1);
    }
  };
  visit(value as Json, 0);
  return [...new Set(out)];
}
