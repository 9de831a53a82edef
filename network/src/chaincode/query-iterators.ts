import { randomUUID } from 'node:crypto';
import { peer } from '@hyperledger/fabric-protos';
import { ChaincodeSupportError } from './errors';

/** Results per QueryResponse between peer and chaincode (Fabric's maxResultLimit). */
export const MAX_RESULT_LIMIT = 100;
/** Results one query may return in total (core.yaml ledger.state.totalQueryLimit). */
export const TOTAL_QUERY_LIMIT = 100000;

/** A source of encoded results (queryresult.KV or KeyModification bytes). */
export interface ResultSource {
  next(): Uint8Array | undefined;
  /** Pagination bookmark (next key, or ''); ends the source. */
  bookmarkAndClose(): string;
}

interface OpenQuery {
  source: ResultSource;
  paginated: boolean;
  limit: number;
  pending: Uint8Array[];
  returned: number;
}

/**
 * The open query iterators of one transaction, answering as Fabric's query response generator:
 * batches of 100 where has_more is set only when the next result is already in hand, the total
 * capped silently, and a paginated page sent whole with its metadata (count, bookmark).
 */
export class QueryIterators {
  private readonly open = new Map<string, OpenQuery>();

  /** Opens a query and returns its first QueryResponse. */
  start(source: ResultSource, paginated: boolean, limit: number): peer.QueryResponse {
    const id = randomUUID();
    this.open.set(id, { source, paginated, limit, pending: [], returned: 0 });
    return this.nextBatch(id);
  }

  /** Answers QUERY_STATE_NEXT. */
  next(id: string): peer.QueryResponse {
    if (!this.open.has(id)) throw new ChaincodeSupportError('ITERATOR_NOT_FOUND', 'query iterator not found');
    return this.nextBatch(id);
  }

  /** Answers QUERY_STATE_CLOSE; closing an unknown or already-closed id succeeds. */
  close(id: string): peer.QueryResponse {
    this.open.delete(id);
    const response = new peer.QueryResponse();
    response.setHasMore(false);
    response.setId(id);
    return response;
  }

  /** Releases every open iterator (the transaction ended). */
  closeAll(): void {
    this.open.clear();
  }

  private nextBatch(id: string): peer.QueryResponse {
    const query = this.open.get(id);
    if (!query) throw new ChaincodeSupportError('ITERATOR_NOT_FOUND', 'query iterator not found');
    for (;;) {
      if (query.returned >= query.limit) return this.finish(id, query);
      const result = query.source.next();
      if (result === undefined) return this.finish(id, query);
      if (!query.paginated && query.pending.length === MAX_RESULT_LIMIT) {
        const batch = query.pending;
        query.pending = [result];
        query.returned++;
        return response(id, batch, true);
      }
      query.pending.push(result);
      query.returned++;
    }
  }

  private finish(id: string, query: OpenQuery): peer.QueryResponse {
    this.open.delete(id);
    const result = response(id, query.pending, false);
    query.pending = [];
    if (query.paginated) {
      const metadata = new peer.QueryResponseMetadata();
      metadata.setFetchedRecordsCount(query.returned);
      metadata.setBookmark(query.source.bookmarkAndClose());
      result.setMetadata(metadata.serializeBinary());
    }
    return result;
  }
}

function response(id: string, batch: Uint8Array[], hasMore: boolean): peer.QueryResponse {
  const result = new peer.QueryResponse();
  result.setResultsList(
    batch.map((bytes) => {
      const item = new peer.QueryResultBytes();
      item.setResultbytes(bytes);
      return item;
    }),
  );
  result.setHasMore(hasMore);
  result.setId(id);
  return result;
}
