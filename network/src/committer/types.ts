import type { common } from '@hyperledger/fabric-protos';
import type { ChannelMsps } from '../identity';
import type { PeerLedger } from '../ledger';
import type { PolicyEvaluator } from '../policy';

/** A chaincode's committed definition, as far as validation needs it. */
export interface ChaincodeDefinition {
  version: string;
  sequence: number;
  /** peer.ApplicationPolicy bytes. */
  endorsementPolicy: Uint8Array;
}

/** The committed chaincode definitions of the channel (read from `_lifecycle` state). */
export interface ChaincodeDefinitionView {
  get(name: string): ChaincodeDefinition | undefined;
}

/** What validation needs of the current channel configuration (a `ChannelConfig` provides it). */
export interface CommitChannel {
  readonly channelId: string;
  readonly sequence: number;
  readonly msps: ChannelMsps;
  readonly policies: PolicyEvaluator;
  /**
   * The current config itself; when given, a config transaction is re-validated against it
   * (its last_update re-applied with every signature check), as Fabric peers do.
   */
  readonly config?: common.Config;
}

/** A config transaction that was committed: its config is the channel's from the next block on. */
export interface CommittedConfig {
  channelId: string;
  config: common.Config;
  blockNum: number;
}

/** What the committer works with. */
export interface CommitContext {
  /** The channel configuration in force (read once per block). */
  channel: () => CommitChannel;
  ledger: PeerLedger;
  chaincodes: ChaincodeDefinitionView;
  /** Called after a block with a valid config transaction is committed, so the peer swaps its config. */
  onConfig?: (committed: CommittedConfig) => void;
  /**
   * Check the orderer's block signatures against `/Channel/Orderer/BlockValidation` (default
   * true; skipped when the channel has no such policy).
   */
  verifyOrdererSignatures?: boolean;
}

/** Validates and commits blocks one at a time. */
export interface Committer {
  /** Validates every transaction, commits the block and returns its TRANSACTIONS_FILTER codes. */
  commitBlock(block: common.Block): Promise<Uint8Array>;
}
