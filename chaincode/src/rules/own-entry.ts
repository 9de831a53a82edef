/**
 * Lookup in a constant table by a caller-supplied name. A plain `table[name]` also finds what
 * every object inherits (`constructor`, `toString`), so a submitted unit or analyte called
 * `constructor` would read as known; only the table's own entries count.
 */

/** The table's own entry for `key`, undefined when the table does not define it. */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
