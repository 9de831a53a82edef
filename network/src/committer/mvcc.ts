import { ledger, peer } from '@hyperledger/fabric-protos';
import type { ParsedEndorserTransaction } from '../block';
import type { PendingState, Version } from '../ledger';
import { merkleSummary } from './merkle';

const Code = peer.TxValidationCode;
type KVRead = ledger.rwset.kvrwset.KVRead;
type RangeQueryInfo = ledger.rwset.kvrwset.RangeQueryInfo;

function sameVersion(
  read: ledger.rwset.kvrwset.Version | undefined,
  committed: Version | undefined,
): boolean {
  if (!read || !committed) return !read && !committed;
  return read.getBlockNum() === committed.blockNum && read.getTxNum() === committed.txNum;
}

/** Re-runs a recorded range scan; the end key is inclusive when the scan stopped early. */
function rerun(state: PendingState, ns: string, info: RangeQueryInfo): KVRead[] {
  const end = info.getEndKey();
  const results = state.range(ns, info.getStartKey(), end);
  const last = state.get(ns, end);
  if (!info.getItrExhausted() && end !== '' && last) results.push([end, last]);
  return results.map(([key, value]) => {
    const read = new ledger.rwset.kvrwset.KVRead();
    read.setKey(key);
    const version = new ledger.rwset.kvrwset.Version();
    version.setBlockNum(value.version.blockNum);
    version.setTxNum(value.version.txNum);
    read.setVersion(version);
    return read;
  });
}

function rangeUnchanged(state: PendingState, ns: string, info: RangeQueryInfo): boolean {
  const now = rerun(state, ns, info);
  const summary = info.getReadsMerkleHashes();
  if (summary) {
    const rebuilt = merkleSummary(now, summary.getMaxDegree());
    return rebuilt !== undefined && Buffer.from(rebuilt.serializeBinary()).equals(summary.serializeBinary());
  }
  const recorded = info.getRawReads()?.getKvReadsList() ?? [];
  if (recorded.length !== now.length) return false;
  return recorded.every((read, i) => {
    const current = now[i];
    const version = current?.getVersion();
    return (
      current?.getKey() === read.getKey() &&
      sameVersion(
        read.getVersion(),
        version && { blockNum: version.getBlockNum(), txNum: version.getTxNum() },
      )
    );
  });
}

/**
 * Checks a transaction's reads against committed state plus the writes of the earlier valid
 * transactions of the block (Fabric txmgmt/validation): a key an earlier transaction wrote, or
 * whose committed version differs, is an MVCC_READ_CONFLICT; a range scan whose re-run yields
 * other keys or versions is a PHANTOM_READ_CONFLICT. Namespaces are checked in order, reads
 * before ranges.
 */
export function checkReads(tx: ParsedEndorserTransaction, state: PendingState): number {
  for (const ns of tx.rwset) {
    for (const read of ns.kv.getReadsList()) {
      if (state.touched(ns.namespace, read.getKey())) return Code.MVCC_READ_CONFLICT;
      if (!sameVersion(read.getVersion(), state.get(ns.namespace, read.getKey())?.version)) {
        return Code.MVCC_READ_CONFLICT;
      }
    }
    for (const info of ns.kv.getRangeQueriesInfoList()) {
      if (!rangeUnchanged(state, ns.namespace, info)) return Code.PHANTOM_READ_CONFLICT;
    }
  }
  return Code.VALID;
}
