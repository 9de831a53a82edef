/**
 * Field-level difference of two JSON values, as an audit-trail entry reports it: every leaf
 * (or whole subtree) that was added, removed or modified, with its dotted path and its old and
 * new value. Objects are compared key by key (in sorted order, as canonical JSON writes them);
 * arrays element by element at the same index, so an appended timeline entry is one ADDED
 * change, while an element inserted in the middle reports every element after it as modified.
 * A value whose type changes (object to array, number to string) is one MODIFIED change.
 */
import type { FieldChange } from '../model/audit';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own field of `value` (a JSON object may well have a field called `__proto__`). */
function fieldOf(value: { [key: string]: Json }, key: string): Json | undefined {
  return Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

function join(path: string, part: string | number): string {
  return path === '' ? String(part) : `${path}.${part}`;
}

function diffAt(path: string, before: Json | undefined, after: Json | undefined, out: FieldChange[]): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    out.push({ field: path, kind: 'ADDED', new: after });
    return;
  }
  if (after === undefined) {
    out.push({ field: path, kind: 'REMOVED', old: before });
    return;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) diffAt(join(path, key), fieldOf(before, key), fieldOf(after, key), out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i += 1)
      diffAt(join(path, i), before[i], after[i], out);
    return;
  }
  // Leaves, or a value whose type changed: primitives compare by value, anything else differs.
  if (before !== after) out.push({ field: path, kind: 'MODIFIED', old: before, new: after });
}

/**
 * The changes that turn `before` into `after` (both parsed JSON), in path order; empty when
 * they are equal. The root itself is path '' (only when it is not an object or array on both
 * sides).
 */
export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  diffAt('', before as Json, after as Json, out);
  return out;
}
