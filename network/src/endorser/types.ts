import type { peer } from '@hyperledger/fabric-protos';
import type { ChaincodeStream } from '../chaincode';
import type { Signer } from '../identity';
import type { ChaincodeDefinitionView } from '../lifecycle';
import type { ChannelView, LedgerView } from '../system';

/** What an endorser needs from the peer that hosts it. */
export interface EndorserDeps {
  /** The channel this endorser serves. */
  channelId: string;
  /** The current channel configuration (re-read per proposal: config blocks change it). */
  channel: () => ChannelView;
  ledger: LedgerView;
  /** The peer's signing identity; its serialized identity is the endorser. */
  signer: Signer;
  /** Committed chaincode definitions. */
  chaincodes: ChaincodeDefinitionView;
  /** The peer's stream to a chaincode, by chaincode name; undefined when it is not running. */
  stream(name: string): ChaincodeStream | undefined;
  /** Allowed distance between the proposal timestamp and the peer clock; 0 disables the check (Fabric 2.5). */
  timeWindowMs: number;
  /** Chaincode execute timeout; default 30 s (core.yaml chaincode.executetimeout). */
  executeTimeoutMs?: number;
  /** The peer clock, ms since the epoch; default Date.now. */
  now?: () => number;
}

/** A peer's endorser: ProcessProposal. */
export interface Endorser {
  /**
   * Answers a proposal as a Fabric peer does. Resolves with the ProposalResponse (endorsed, a
   * chaincode error, or a peer-side 500). Rejects with an EndorserError where the peer answers
   * with a gRPC error instead: a refused proposal (the error carries the 500 response the peer
   * built) or an authentication filter failure (no response).
   */
  processProposal(sp: peer.SignedProposal): Promise<peer.ProposalResponse>;
}
