import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** The outcome of checking a file against the hashes a ledger record anchors. */
export interface DocumentVerification {
  readonly file: string;
  /** Hex SHA-256 of the file. */
  readonly sha256: string;
  /** Whether the record anchors exactly that hash. */
  readonly matches: boolean;
  /** Where in the record the hash was found (`rawData.1.sha256`), when it was. */
  readonly foundAt: string | undefined;
  /** Every hash-like value the record holds, with its path, for the report. */
  readonly anchored: readonly { path: string; value: string }[];
}

/** Streams a file through SHA-256 (large raw-data files never sit in memory). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Checks a document against a ledger record (a run or report): its SHA-256 must be one of the
 * 64-hex-digit values the record anchors (compared case-insensitively, `sha256:` prefixes allowed).
 */
export async function verifyDocument(file: string, record: unknown): Promise<DocumentVerification> {
  const sha256 = await sha256File(file);
  const anchored = hashValues(record, '');
  const hit = anchored.find((a) => normalise(a.value) === sha256);
  return { file, sha256, matches: hit !== undefined, foundAt: hit?.path, anchored };
}

function normalise(v: string): string {
  return v.toLowerCase().replace(/^sha-?256:/, '');
}

function hashValues(value: unknown, path: string): { path: string; value: string }[] {
  if (typeof value === 'string') return /^(sha-?256:)?[0-9a-f]{64}$/i.test(value) ? [{ path, value }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => hashValues(v, path ? `${path}.${i}` : String(i)));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => hashValues(v, path ? `${path}.${k}` : k));
  }
  return [];
}
