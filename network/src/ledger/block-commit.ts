import { common, peer } from '@hyperledger/fabric-protos';
import { parseEndorserTransaction, peekChannelHeader, txFilter, type NamespaceRwset } from '../block';
import { LedgerError } from './errors';
import type { BlockCommit, TxWrites, WriteSet } from './types';

/**
 * The public writes of a transaction's rwset as WriteSets: a KVWrite (empty value = delete, as
 * Fabric) merged with the KVMetadataWrite of the same key; a metadata write alone is
 * `metadataOnly`. Private-data hashes are not applied (no private data on this network).
 */
export function writeSetsFromRwset(rwset: NamespaceRwset[]): WriteSet[] {
  const writes: WriteSet[] = [];
  for (const ns of rwset) {
    const byKey = new Map<string, WriteSet>();
    for (const kv of ns.kv.getWritesList()) {
      // Copies, so committed state does not pin whole block buffers in memory.
      const value = kv.getValue_asU8().slice();
      const write: WriteSet = { ns: ns.namespace, key: kv.getKey() };
      if (!kv.getIsDelete() && value.length > 0) write.value = value;
      byKey.set(kv.getKey(), write);
    }
    for (const mw of ns.kv.getMetadataWritesList()) {
      const metadata: Record<string, Uint8Array> = {};
      for (const entry of mw.getEntriesList()) metadata[entry.getName()] = entry.getValue_asU8().slice();
      const write = byKey.get(mw.getKey());
      if (write) write.metadata = metadata;
      else byKey.set(mw.getKey(), { ns: ns.namespace, key: mw.getKey(), metadata, metadataOnly: true });
    }
    writes.push(...byKey.values());
  }
  return writes;
}

/**
 * Rebuilds what committing a block changed from the block alone: its TRANSACTIONS_FILTER and
 * the rwsets of its valid endorser transactions. Used for crash recovery and state rebuilds.
 */
export function commitFromBlock(block: common.Block): BlockCommit {
  const filter = txFilter(block);
  const envelopes = block.getData()?.getDataList_asU8() ?? [];
  const writes: TxWrites[] = [];
  const txIds: BlockCommit['txIds'] = [];
  envelopes.forEach((envelope, txNum) => {
    const code = filter[txNum] ?? peer.TxValidationCode.NOT_VALIDATED;
    const channelHeader = peekChannelHeader(envelope);
    if (!channelHeader) return;
    const txId = channelHeader.getTxId();
    txIds.push({ txNum, txId, code });
    if (code !== peer.TxValidationCode.VALID) return;
    if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) return;
    let tx;
    try {
      tx = parseEndorserTransaction(envelope);
    } catch (err) {
      throw new LedgerError(
        'CORRUPT_STORE',
        `valid tx ${txNum} of a stored block does not parse: ${String(err)}`,
      );
    }
    writes.push({ txNum, txId, timestamp: tx.timestamp, writes: writeSetsFromRwset(tx.rwset) });
  });
  return { block, writes, txIds };
}
