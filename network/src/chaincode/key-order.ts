import { compareUtf8 } from '../ledger';

/**
 * Fabric orders keys by their UTF-8 bytes (Go string comparison), as the ledger does; every
 * ordering of keys in the rwset goes through this comparison.
 */
export const compareKeys = compareUtf8;

/** Sorts a copy of `keys` in UTF-8 byte order. */
export function sortedKeys(keys: Iterable<string>): string[] {
  return [...keys].sort(compareKeys);
}
