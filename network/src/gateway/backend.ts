import type { common, peer } from '@hyperledger/fabric-protos';
import type { HeightWatch } from '../deliver/height';
import type { TxValidationCode } from '../grpc/proto-types';
import type { PolicySources } from './requirements';

/** A peer the gateway can ask to endorse: its own (in-process) or another org's (over gRPC). */
export interface EndorsingPeer {
  readonly mspId: string;
  /** host:port, reported in ErrorDetail. */
  readonly address: string;
  /**
   * Runs ProcessProposal. Rejects when the peer answered with an error instead of a response
   * (transport failure or a refused proposal).
   */
  processProposal(signed: peer.SignedProposal): Promise<peer.ProposalResponse>;
}

/** Signed data an ACL is checked over. */
export interface AclSignedData {
  readonly data: Uint8Array;
  readonly identity: Uint8Array;
  readonly signature: Uint8Array;
}

/** Where a committed transaction is, with its validation code. */
export interface CommittedTx {
  readonly blockNumber: number;
  readonly code: TxValidationCode;
}

/** What the Gateway service needs from the peer that hosts it. */
export interface GatewayBackend {
  readonly channelId: string;
  /** The hosting peer's own endorser. */
  readonly local: EndorsingPeer;
  /** One peer per other org of the channel, in the definition's order. */
  readonly remotes: readonly EndorsingPeer[];
  /** Policies that govern the writes of a transaction, from committed state and config. */
  policySources(): PolicySources;
  /** True when the signed data satisfies the channel ACL of `resource` (e.g. gateway/CommitStatus). */
  authorize(resource: string, signed: AclSignedData): boolean;
  /**
   * Checks the signature of `signed` in the thread pool, so a later {@link authorize} of the
   * same bytes finds it verified; resolves whatever the outcome (authorize decides).
   */
  verifyAhead(signed: AclSignedData): Promise<void>;
  /** True while other transactions await their commit status: checks ahead then pay off. */
  busy(): boolean;
  /** Sends an envelope to the orderer's Broadcast; the orderer's reply status and info. */
  broadcast(envelope: common.Envelope): Promise<{ status: number; info: string }>;
  /** The first committed occurrence of a transaction id. */
  findTx(txId: string): CommittedTx | undefined;
  /** Resolves when `txId` commits; the returned cancel drops the waiter. */
  waitForTx(txId: string): { committed: Promise<CommittedTx>; cancel(): void };
  /** Committed blocks (with their TRANSACTIONS_FILTER) and the height watch. */
  block(num: number): common.Block | undefined;
  readonly heights: HeightWatch;
}
