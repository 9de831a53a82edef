import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEndorserTransaction, buildRwset, type NamespaceSpec, type TxSigner } from '../support';

/** A signer for ledger tests: the ledger stores signatures but never checks them. */
export const unsignedCreator: TxSigner = {
  serialized: Buffer.from('ledger-test-creator'),
  sign: () => Buffer.from('not-checked-by-the-ledger'),
};

/** A temporary directory removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-'));
  return {
    dir,
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An endorser transaction envelope with the given rwset on channel 'alliance'. */
export function tx(
  spec: Record<string, NamespaceSpec>,
  timestamp = new Date('2026-01-02T03:04:05.678Z'),
): {
  envelope: Uint8Array;
  txId: string;
} {
  const built = buildEndorserTransaction({
    channelId: 'alliance',
    chaincode: 'provenance',
    creator: unsignedCreator,
    endorsers: [unsignedCreator],
    rwset: buildRwset(spec),
    timestamp,
  });
  return { envelope: built.envelope, txId: built.txId };
}
