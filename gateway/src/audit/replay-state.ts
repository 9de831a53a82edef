import { common } from '@hyperledger/fabric-protos';
import { configView, type ChannelConfigView } from '../verify/channel-config';
import type { DefinitionCommit } from './lifecycle-approvals';
import type { RefusedWrites } from './refused-writes';
import type { Anomaly, OrgActivity, TxSummary } from './types';
import { WorldState } from './world-state';

/** Where a transaction id was first seen and the code the auditor gave it. */
export interface TxLocation {
  readonly block: number;
  readonly tx: number;
  readonly code: number;
}

/** Everything a replay carries from one block to the next (and what a checkpoint saves). */
export interface ReplayState {
  /** The next block to replay. */
  nextBlock: number;
  /** Hash of the last replayed header (undefined before block 0). */
  previousHash: Uint8Array | undefined;
  /** The config in force: the last one whose update held (its view names the block it came from). */
  config: ChannelConfigView | undefined;
  /** The `common.Config` the view was built from (kept to save it). */
  configProto: common.Config | undefined;
  /** The last config block of the chain, the one later blocks' metadata must name (its update may have been refused). */
  lastConfigBlock: number;
  readonly world: WorldState;
  readonly txIndex: Map<string, TxLocation>;
  readonly txs: TxSummary[];
  readonly anomalies: Anomaly[];
  readonly orgs: Map<string, OrgActivity>;
  /** Chaincode definitions committed, oldest first, with the approvals counted from hashes. */
  readonly definitions: DefinitionCommit[];
  /** Public keys the peers wrote (their blocks say VALID) and the replay did not (it found the transaction invalid). */
  readonly refusedWrites: RefusedWrites;
  /** Signatures verified so far. */
  signatures: number;
}

/** The state before block 0. */
export function emptyReplayState(): ReplayState {
  return {
    nextBlock: 0,
    previousHash: undefined,
    config: undefined,
    configProto: undefined,
    lastConfigBlock: 0,
    world: new WorldState(),
    txIndex: new Map(),
    txs: [],
    anomalies: [],
    orgs: new Map(),
    definitions: [],
    refusedWrites: new Map(),
    signatures: 0,
  };
}

/** Adopts the configuration of config block `n`, in force for the blocks after it. */
export function adoptConfig(state: ReplayState, config: common.Config, n: number, channelId: string): void {
  state.config = configView(config, BigInt(n), channelId);
  state.configProto = config;
}

/** The activity record of an org, created on first use. */
export function orgActivity(state: ReplayState, mspId: string): OrgActivity {
  let a = state.orgs.get(mspId);
  if (!a) state.orgs.set(mspId, (a = { mspId, submitted: 0, valid: 0, invalid: 0, endorsed: 0 }));
  return a;
}
