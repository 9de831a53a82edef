import type { NamespaceRwset } from '../verify/rwset-parse';

/**
 * A public key written by a transaction whose block records it VALID but which the replay found
 * invalid: the peers applied that write, the rebuilt state did not. Kept so that a comparison with
 * a peer also asks about the keys the peer has and the replay lacks.
 */
export interface RefusedWrite {
  readonly ns: string;
  readonly key: string;
  readonly block: number;
  readonly tx: number;
  readonly txId: string;
}

/** Refused writes by {@link refusedWriteId}, the latest one per key. */
export type RefusedWrites = Map<string, RefusedWrite>;

/** The id of a key among the refused writes. */
export const refusedWriteId = (ns: string, key: string): string => `${ns}\u0000${key}`;

/** Notes every key (value or metadata write) of a transaction the peers applied and the replay refused. */
export function noteRefusedWrites(
  into: RefusedWrites,
  namespaces: readonly NamespaceRwset[],
  at: { readonly block: number; readonly tx: number; readonly txId: string },
): void {
  for (const ns of namespaces)
    for (const key of [...ns.writes.map((w) => w.key), ...ns.metadataWrites.map((m) => m.key)])
      into.set(refusedWriteId(ns.namespace, key), { ns: ns.namespace, key, ...at });
}
