import { ledger, peer } from '@hyperledger/fabric-protos';

/** Height of the write a read saw: block number and index of the transaction in its block. */
export interface ReadVersion {
  readonly block: number;
  readonly tx: number;
}

/** One key read, with the version the endorser saw (undefined: the key did not exist). */
export interface KeyRead {
  readonly key: string;
  readonly version: ReadVersion | undefined;
}

/** One key write (`isDelete`, or an empty value, removes the key). */
export interface KeyWrite {
  readonly key: string;
  readonly isDelete: boolean;
  readonly value: Uint8Array;
}

/** One metadata write: the key's complete new metadata (no entries: remove all). */
export interface KeyMetadataWrite {
  readonly key: string;
  readonly entries: ReadonlyMap<string, Uint8Array>;
}

/** The reads and writes of one namespace, with range scans kept as recorded. */
export interface NamespaceRwset {
  readonly namespace: string;
  readonly reads: readonly KeyRead[];
  readonly ranges: readonly ledger.rwset.kvrwset.RangeQueryInfo[];
  readonly writes: readonly KeyWrite[];
  readonly metadataWrites: readonly KeyMetadataWrite[];
  /** Private-data collections touched (the alliance uses none). */
  readonly collectionCount: number;
}

/** The chaincode action the endorsers signed. */
export interface ChaincodeActionView {
  readonly chaincodeName: string | undefined;
  readonly chaincodeVersion: string;
  /** The chaincode's response status (200 for success). */
  readonly responseStatus: number;
  readonly responsePayload: Uint8Array;
  /** The chaincode event, when one was set. */
  readonly event:
    { readonly chaincodeId: string; readonly name: string; readonly payload: Uint8Array } | undefined;
  readonly namespaces: readonly NamespaceRwset[];
}

/**
 * Decodes a `peer.ChaincodeAction` and its read-write set.
 * @throws Error when the action or its read-write set does not decode
 */
export function parseChaincodeAction(bytes: Uint8Array): ChaincodeActionView {
  const action = peer.ChaincodeAction.deserializeBinary(bytes);
  const response = action.getResponse();
  const eventBytes = action.getEvents_asU8();
  const event = eventBytes.length > 0 ? peer.ChaincodeEvent.deserializeBinary(eventBytes) : undefined;
  const rwset = ledger.rwset.TxReadWriteSet.deserializeBinary(action.getResults_asU8());
  return {
    chaincodeName: action.getChaincodeId()?.getName(),
    chaincodeVersion: action.getChaincodeId()?.getVersion() ?? '',
    responseStatus: response?.getStatus() ?? 0,
    responsePayload: response?.getPayload_asU8() ?? new Uint8Array(),
    event: event && {
      chaincodeId: event.getChaincodeId(),
      name: event.getEventName(),
      payload: event.getPayload_asU8(),
    },
    namespaces: rwset.getNsRwsetList().map(parseNamespace),
  };
}

function parseNamespace(ns: ledger.rwset.NsReadWriteSet): NamespaceRwset {
  const kv = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8());
  return {
    namespace: ns.getNamespace(),
    reads: kv.getReadsList().map((r) => ({ key: r.getKey(), version: versionOf(r.getVersion()) })),
    ranges: kv.getRangeQueriesInfoList(),
    writes: kv.getWritesList().map((w) => ({
      key: w.getKey(),
      isDelete: w.getIsDelete() || w.getValue_asU8().length === 0,
      value: w.getValue_asU8(),
    })),
    metadataWrites: kv.getMetadataWritesList().map((m) => ({
      key: m.getKey(),
      entries: new Map(m.getEntriesList().map((e) => [e.getName(), e.getValue_asU8()])),
    })),
    collectionCount: ns.getCollectionHashedRwsetList().length,
  };
}

/** A read's version as plain numbers; undefined when the read saw no value. */
export function versionOf(v: ledger.rwset.kvrwset.Version | undefined): ReadVersion | undefined {
  return v ? { block: v.getBlockNum(), tx: v.getTxNum() } : undefined;
}

/** True when the namespace writes values or metadata. */
export function writesSomething(ns: NamespaceRwset): boolean {
  return ns.writes.length > 0 || ns.metadataWrites.length > 0;
}
