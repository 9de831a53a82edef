import type { peer } from '@hyperledger/fabric-protos';
import type { TxSimulator } from '../chaincode';
import type { PeerLedger } from '../ledger';
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

/**
 * The ledger reads the endorser and the system chaincodes need: the read side of a peer's ledger,
 * so the committer's writes stay out of their reach.
 */
export type LedgerView = Pick<
  PeerLedger,
  'height' | 'state' | 'currentHash' | 'getBlock' | 'getBlockBytes' | 'getTx' | 'history'
>;

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
