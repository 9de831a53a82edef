import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../events/atomic-file';

/** A block whose header hash the member trusts. */
export interface TrustAnchor {
  readonly number: bigint;
  /** Hex SHA-256 of the block header's DER. */
  readonly hash: string;
}

/** Where the library keeps the block hashes it trusts, per channel (trust on first use). */
export interface TrustStore {
  /** The anchors known for a channel, lowest block first. */
  anchors(channel: string): TrustAnchor[];
  /** Records verified block hashes (only the first hash seen for a number is kept). */
  add(channel: string, anchors: readonly TrustAnchor[]): Promise<void>;
}

interface StoredFile {
  version: 1;
  channels: Record<string, { number: string; hash: string }[]>;
}

/** At most this many anchors per channel; old middle ones are dropped, the first and newest kept. */
const MAX_ANCHORS = 256;

/**
 * A trust store kept in a JSON file, rewritten atomically (temp file, fsync, rename).
 * @param path - the file (created on first write)
 * @throws Error when the file exists but is not a trust store
 */
export function fileTrustStore(path: string): TrustStore {
  let state: StoredFile = { version: 1, channels: {} };
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<StoredFile> | null;
    if (parsed?.version !== 1 || typeof parsed.channels !== 'object') throw new Error('not a trust store');
    state = { version: 1, channels: parsed.channels };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`trust store ${path} is unreadable: ${(e as Error).message}`);
  }
  return {
    anchors: (channel) =>
      (state.channels[channel] ?? []).map((a) => ({ number: BigInt(a.number), hash: a.hash })),
    add: async (channel, anchors) => {
      const byNumber = new Map((state.channels[channel] ?? []).map((a) => [a.number, a.hash]));
      for (const a of anchors)
        if (!byNumber.has(a.number.toString())) byNumber.set(a.number.toString(), a.hash);
      let list = [...byNumber.entries()]
        .map(([number, hash]) => ({ number, hash }))
        .sort((x, y) => (BigInt(x.number) < BigInt(y.number) ? -1 : 1));
      if (list.length > MAX_ANCHORS)
        list = [...list.slice(0, 1), ...list.slice(list.length - MAX_ANCHORS + 1)];
      state = { version: 1, channels: { ...state.channels, [channel]: list } };
      mkdirSync(dirname(path), { recursive: true });
      await writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`);
    },
  };
}
