/**
 * Fabric orders keys by their UTF-8 bytes (Go string comparison). JavaScript compares UTF-16
 * code units, which puts U+E000..U+FFFF after surrogate pairs such as U+10FFFF, so every
 * ordering of keys goes through this comparison instead.
 */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Sorts a copy of `keys` in UTF-8 byte order. */
export function sortedKeys(keys: Iterable<string>): string[] {
  return [...keys].sort(compareKeys);
}
