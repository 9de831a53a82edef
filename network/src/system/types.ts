import type { common, peer } from '@hyperledger/fabric-protos';
import type { HistoryEntry, StateReader, TxSimulator } from '../chaincode';
import type { ChannelMsps } from '../identity';
import type { PolicyEvaluator } from '../policy';

/** The channel facts the endorser and the system chaincodes use (a ChannelConfig provides them). */
export interface ChannelView {
  readonly channelId: string;
  readonly msps: ChannelMsps;
  readonly policies: PolicyEvaluator;
  /** ACL resource (e.g. 'peer/Propose') -> policy path. */
  readonly acls: Readonly<Record<string, string>>;
}

/** Where a transaction id sits in the ledger, with its validation code. */
export interface TxLocation {
  blockNum: number;
  txNum: number;
  /** peer.TxValidationCode */
  code: number;
}

/** The ledger reads the endorser and the system chaincodes need (a PeerLedger provides them). */
export interface LedgerView {
  readonly height: number;
  readonly state: StateReader;
  /** Header hash of the last block (empty before block 0). */
  currentHash(): Uint8Array;
  getBlock(num: number): common.Block | undefined;
  /** The stored block bytes, returned as they are rather than re-encoded. */
  getBlockBytes(num: number): Uint8Array | undefined;
  getTx(txId: string): TxLocation | undefined;
  history(ns: string, key: string): HistoryEntry[];
}

/** One call of a system chaincode through an ordinary proposal. */
export interface SystemInvocation {
  channelId: string;
  txId: string;
  signedProposal: peer.SignedProposal;
  /** The creator's msp.SerializedIdentity bytes. */
  creator: Uint8Array;
  /** ChaincodeInput args: function name first. */
  args: Uint8Array[];
  channel: ChannelView;
  ledger: LedgerView;
  /** Present for chaincodes that write state (`_lifecycle`); qscc and cscc run without one, as in Fabric. */
  simulator?: TxSimulator;
}

/** A chaincode built into the peer. */
export interface SystemChaincode {
  readonly name: string;
  /** Whether the endorser gives it a simulator (Fabric: all but qscc and cscc). */
  readonly usesSimulator: boolean;
  invoke(call: SystemInvocation): peer.Response;
}
