import { ledger, peer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb.js';
import { ChaincodeSupportError } from './errors';
import { QueryIterators, TOTAL_QUERY_LIMIT, type ResultSource } from './query-iterators';
import type { RangeScan } from './range-scan';
import type { TxSimulator } from './simulator';

const Type = peer.ChaincodeMessage.Type;

/** What a chaincode request is answered against: one transaction in execution. */
export interface RequestContext {
  readonly channelId: string;
  readonly txId: string;
  /** The namespace the chaincode reads and writes (its name). */
  readonly namespace: string;
  readonly simulator: TxSimulator;
  readonly iterators: QueryIterators;
  /** Runs a chaincode-to-chaincode call (ChaincodeSpec bytes) and returns the callee's final ChaincodeMessage bytes. */
  readonly invokeChaincode?: (spec: Uint8Array) => Promise<Uint8Array>;
}

type Handler = (payload: Uint8Array, ctx: RequestContext) => Uint8Array | Promise<Uint8Array>;

const EMPTY = new Uint8Array();

/** The peer's answers to the requests a chaincode sends during a transaction, by message type. */
export const requestHandlers: ReadonlyMap<number, Handler> = new Map<number, Handler>([
  [Type.GET_STATE, getState],
  [Type.PUT_STATE, putState],
  [Type.DEL_STATE, delState],
  [Type.GET_STATE_BY_RANGE, getStateByRange],
  [
    Type.QUERY_STATE_NEXT,
    (p, ctx) => ctx.iterators.next(peer.QueryStateNext.deserializeBinary(p).getId()).serializeBinary(),
  ],
  [
    Type.QUERY_STATE_CLOSE,
    (p, ctx) => ctx.iterators.close(peer.QueryStateClose.deserializeBinary(p).getId()).serializeBinary(),
  ],
  [Type.GET_QUERY_RESULT, getQueryResult],
  [Type.GET_HISTORY_FOR_KEY, getHistoryForKey],
  [Type.GET_STATE_METADATA, getStateMetadata],
  [Type.PUT_STATE_METADATA, putStateMetadata],
  [Type.INVOKE_CHAINCODE, invokeChaincode],
]);

function refusePrivate(collection: string): void {
  if (collection !== '') {
    throw new ChaincodeSupportError(
      'BAD_REQUEST',
      `private data collection '${collection}' is not defined on this network`,
    );
  }
}

function getState(payload: Uint8Array, ctx: RequestContext): Uint8Array {
  const req = peer.GetState.deserializeBinary(payload);
  refusePrivate(req.getCollection());
  return ctx.simulator.getState(ctx.namespace, req.getKey()) ?? EMPTY;
}

function putState(payload: Uint8Array, ctx: RequestContext): Uint8Array {
  const req = peer.PutState.deserializeBinary(payload);
  refusePrivate(req.getCollection());
  ctx.simulator.putState(ctx.namespace, req.getKey(), req.getValue_asU8());
  return EMPTY;
}

function delState(payload: Uint8Array, ctx: RequestContext): Uint8Array {
  const req = peer.DelState.deserializeBinary(payload);
  refusePrivate(req.getCollection());
  ctx.simulator.delState(ctx.namespace, req.getKey());
  return EMPTY;
}

/** Pagination applies when metadata carries a page size or a bookmark. */
function pagination(metadataBytes: Uint8Array): { pageSize: number; bookmark: string } | undefined {
  if (metadataBytes.length === 0) return undefined;
  const metadata = peer.QueryMetadata.deserializeBinary(metadataBytes);
  if (metadata.getPagesize() === 0 && metadata.getBookmark() === '') return undefined;
  return { pageSize: metadata.getPagesize(), bookmark: metadata.getBookmark() };
}

function getStateByRange(payload: Uint8Array, ctx: RequestContext): Uint8Array {
  const req = peer.GetStateByRange.deserializeBinary(payload);
  refusePrivate(req.getCollection());
  const page = pagination(req.getMetadata_asU8());
  if (!page) {
    const scan = ctx.simulator.rangeScan(ctx.namespace, req.getStartkey(), req.getEndkey());
    return ctx.iterators.start(kvSource(ctx.namespace, scan), false, TOTAL_QUERY_LIMIT).serializeBinary();
  }
  const start = page.bookmark !== '' ? page.bookmark : req.getStartkey();
  const scan = ctx.simulator.paginatedRangeScan(ctx.namespace, start, req.getEndkey());
  const limit = page.pageSize > 0 && page.pageSize < TOTAL_QUERY_LIMIT ? page.pageSize : TOTAL_QUERY_LIMIT;
  return ctx.iterators.start(kvSource(ctx.namespace, scan), true, limit).serializeBinary();
}

function kvSource(namespace: string, scan: RangeScan): ResultSource {
  return {
    next() {
      const result = scan.next();
      if (!result) return undefined;
      const kv = new ledger.queryresult.KV();
      kv.setNamespace(namespace);
      kv.setKey(result.key);
      kv.setValue(result.value);
      return kv.serializeBinary();
    },
    bookmarkAndClose: () => scan.bookmarkAndClose(),
  };
}

/** A LevelDB peer has no rich queries, and says so in these words. */
function getQueryResult(payload: Uint8Array): Uint8Array {
  const req = peer.GetQueryResult.deserializeBinary(payload);
  const operation = pagination(req.getMetadata_asU8()) ? 'ExecuteQueryWithMetadata' : 'ExecuteQuery';
  throw new ChaincodeSupportError('RICH_QUERY_UNSUPPORTED', `${operation} not supported for leveldb`);
}

function getHistoryForKey(payload: Uint8Array, ctx: RequestContext): Uint8Array {
  const req = peer.GetHistoryForKey.deserializeBinary(payload);
  const entries = ctx.simulator.history(ctx.namespace, req.getKey());
  let index = 0;
  const source: ResultSource = {
    next() {
      const entry = entries[index++];
      if (!entry) return undefined;
      const modification = new ledger.queryresult.KeyModification();
      modification.setTxId(entry.txId);
      modification.setValue(entry.value);
      // The shim decodes the timestamp unconditionally, so it is always set.
      const timestamp = new Timestamp();
      timestamp.setSeconds(entry.timestamp.seconds);
      timestamp.setNanos(entry.timestamp.nanos);
      modification.setTimestamp(timestamp);
      modification.setIsDelete(entry.isDelete);
      return modification.serializeBinary();
    },
    bookmarkAndClose: () => '',
  };
  return ctx.iterators.start(source, false, TOTAL_QUERY_LIMIT).serializeBinary();
}

function getStateMetadata(payload: Uint8Array, ctx: RequestContext): Uint8Array {
  const req = peer.GetStateMetadata.deserializeBinary(payload);
  refusePrivate(req.getCollection());
  const metadata = ctx.simulator.getStateMetadata(ctx.namespace, req.getKey());
  const result = new peer.StateMetadataResult();
  for (const name of Object.keys(metadata).sort()) {
    const entry = new peer.StateMetadata();
    entry.setMetakey(name);
    entry.setValue(metadata[name] ?? EMPTY);
    result.addEntries(entry);
  }
  return result.serializeBinary();
}

function putStateMetadata(payload: Uint8Array, ctx: RequestContext): Uint8Array {
  const req = peer.PutStateMetadata.deserializeBinary(payload);
  refusePrivate(req.getCollection());
  const entry = req.getMetadata();
  if (!entry) throw new ChaincodeSupportError('BAD_REQUEST', 'metadata entry is missing');
  // As in Fabric, a metadata write carries the one entry set, replacing the key's metadata.
  ctx.simulator.setStateMetadata(ctx.namespace, req.getKey(), {
    [entry.getMetakey()]: entry.getValue_asU8(),
  });
  return EMPTY;
}

async function invokeChaincode(payload: Uint8Array, ctx: RequestContext): Promise<Uint8Array> {
  if (!ctx.invokeChaincode) {
    throw new ChaincodeSupportError('BAD_REQUEST', 'chaincode-to-chaincode invocation is not available here');
  }
  return ctx.invokeChaincode(payload);
}
