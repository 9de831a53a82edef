import { common, msp, peer } from '@hyperledger/fabric-protos';
import { validationCodeName } from '../errors/stage-error';
import { blockHeaderHash } from '../verify/block-hash';
import { peerValidationCode } from '../verify/transaction-parse';
import { checkBlock, isConfigBlock } from './block-checks';
import { BlockOverlay } from './block-overlay';
import { LIFECYCLE_NAMESPACE } from './chaincode-definitions';
import { checkConfigUpdate } from './config-update';
import { hashedMetadataId } from './endorsement-policies';
import type { IdentityResolver } from './identities';
import { checkDefinitionCommit } from './lifecycle-approvals';
import type { PreparedBlock, PreparedTx, SignatureSlot } from './prepare-block';
import { adoptConfig, orgActivity, type ReplayState } from './replay-state';
import { noteRefusedWrites } from './refused-writes';
import { revalidate, type Revalidation, type ValidationScope } from './revalidate';
import type { SignatureVerdict } from './signature-pool';
import type { Anomaly } from './types';

const Code = peer.TxValidationCode;

/** Options of one block's replay. */
export interface BlockReplayOptions {
  readonly identities: IdentityResolver;
  readonly genesisHash: string | undefined;
}

/**
 * Replays one block whose signatures the pool has verified: checks the block, re-validates every
 * transaction against the config in force and the replayed state, compares each code with the one
 * the block records, applies the writes of the transactions the auditor found valid, and adopts a
 * valid new config, in force (as on a Fabric peer) from the next block on.
 */
export function replayBlock(b: PreparedBlock, state: ReplayState, opts: BlockReplayOptions): void {
  const verdict = (slot: SignatureSlot): SignatureVerdict =>
    slot.job === undefined ? 'identity carries no certificate' : b.verdicts[slot.job];
  const ctx = {
    expectedNumber: state.nextBlock,
    previousHash: state.previousHash,
    config: state.config,
    lastConfigBlock: state.lastConfigBlock,
    identities: opts.identities,
    verdict,
    genesisHash: opts.genesisHash,
  };
  state.anomalies.push(...checkBlock(b, ctx));
  state.signatures += b.jobs.length;
  if (b.number === 0 || !state.config) replayGenesis(b, state);
  else replayTransactions(b, state, opts.identities, verdict);
  // Later blocks point at this one whether or not its update held: a refused update is reported here, once.
  if (isConfigBlock(b)) state.lastConfigBlock = b.number;
  const header = b.block.getHeader();
  if (header) state.previousHash = blockHeaderHash(header);
  state.nextBlock = b.number + 1;
}

/** Block 0 is the channel's genesis: its config is adopted as it is (the trusted hash vouches for it). */
function replayGenesis(b: PreparedBlock, state: ReplayState): void {
  b.txs.forEach((tx, i) => {
    const config = tx.config?.envelope.getConfig();
    if (config && tx.parsed) adoptConfig(state, config, b.number, tx.parsed.channelId);
    record(b, state, tx, i, {
      code: tx.parsed ? Code.VALID : Code.BAD_PAYLOAD,
      reason: tx.parseError ?? 'genesis',
      creator: undefined,
      endorsers: [],
      warnings: [],
      passedEndorsement: false,
    });
  });
  if (!state.config)
    state.anomalies.push({
      block: b.number,
      check: 'genesis',
      detail: 'block 0 holds no channel configuration',
      severity: 'error',
    });
}

function replayTransactions(
  b: PreparedBlock,
  state: ReplayState,
  identities: IdentityResolver,
  verdict: (s: SignatureSlot) => SignatureVerdict,
): void {
  const config = state.config;
  if (!config) return;
  const overlay = new BlockOverlay(state.world);
  const validInBlock = new Set<string>();
  const metadataWrittenInBlock = new Set<string>();
  const scope: ValidationScope = {
    config,
    identities,
    verdict,
    committed: state.world,
    overlay,
    validInBlock,
    metadataWrittenInBlock,
    inLedger: (txId) => state.txIndex.has(txId),
    txCount: b.txs.length,
  };
  let nextConfig: { config: common.Config; channelId: string } | undefined;
  b.txs.forEach((tx, i) => {
    let rv = revalidate(tx, scope);
    if (rv.passedEndorsement) markMetadataWrites(tx, metadataWrittenInBlock);
    if (tx.parsed?.type === common.HeaderType.CONFIG) {
      // The update is checked even when the envelope already failed, so a report names all that is wrong.
      const problem = configProblem(b, tx, state, identities, verdict);
      if (problem && rv.code !== Code.VALID)
        state.anomalies.push({
          block: b.number,
          tx: i,
          txId: tx.parsed.txId,
          check: 'config-update',
          detail: problem,
          severity: 'error',
        });
      else if (problem) rv = { ...rv, code: Code.INVALID_CONFIG_TRANSACTION, reason: problem };
      else if (rv.code === Code.VALID && tx.config)
        nextConfig = {
          config: tx.config.envelope.getConfig() as common.Config,
          channelId: tx.parsed.channelId,
        };
    }
    if (rv.code === Code.VALID && tx.parsed) {
      validInBlock.add(tx.parsed.txId);
      if (tx.action) overlay.apply(tx.action.namespaces, { block: b.number, tx: i }, tx.parsed.txId);
      overlay.applyHashed(tx.hashed, { block: b.number, tx: i }, tx.parsed.txId);
      if (tx.action?.chaincodeName === LIFECYCLE_NAMESPACE) {
        const lifecycle = checkDefinitionCommit(
          tx,
          { block: b.number, tx: i, txId: tx.parsed.txId },
          rv.endorsers,
          overlay,
          config,
        );
        state.definitions.push(...lifecycle.commits);
        state.anomalies.push(...lifecycle.anomalies);
      }
    }
    record(b, state, tx, i, rv);
  });
  overlay.commit();
  if (nextConfig) adoptConfig(state, nextConfig.config, b.number, nextConfig.channelId);
}

/** Records the keys, public and hashed, whose metadata a transaction that passed its policies writes (the same-block rule). */
function markMetadataWrites(tx: PreparedTx, into: Set<string>): void {
  for (const ns of tx.action?.namespaces ?? [])
    for (const m of ns.metadataWrites) into.add(`${ns.namespace}\u0000${m.key}`);
  for (const [ns, collections] of tx.hashed)
    for (const c of collections)
      for (const m of c.metadataWrites) into.add(hashedMetadataId(ns, c.collection, m.keyHash));
}

/** Why a config transaction the peer would have to refuse is invalid, or undefined when it holds. */
function configProblem(
  b: PreparedBlock,
  tx: PreparedTx,
  state: ReplayState,
  identities: IdentityResolver,
  verdict: (s: SignatureSlot) => SignatureVerdict,
): string | undefined {
  const current = state.config;
  const next = tx.config?.envelope.getConfig();
  if (!current || !next || !tx.config) return 'config transaction holds no config';
  if (b.txs.length !== 1) return 'a config transaction must be alone in its block';
  if (next.getSequence() !== current.sequence + 1)
    return `config sequence ${next.getSequence()} does not follow ${current.sequence}`;
  const problems = checkConfigUpdate(tx.config, next, {
    current,
    identities,
    verdict,
    at: tx.parsed?.timestamp ?? new Date(),
  });
  return problems.length ? problems.join('; ') : undefined;
}

function record(b: PreparedBlock, state: ReplayState, tx: PreparedTx, i: number, rv: Revalidation): void {
  const p = tx.parsed;
  const recorded = peerValidationCode(b.block, i);
  const txId = p?.txId ?? '';
  const where: Pick<Anomaly, 'block' | 'tx' | 'txId'> = { block: b.number, tx: i, txId };
  if (
    recorded !== rv.code &&
    !(rv.code !== Code.VALID && tx.parseError !== undefined && recorded !== Code.VALID)
  ) {
    state.anomalies.push({
      ...where,
      check: 'validation-code',
      detail: `block records ${name(recorded)}, re-validation gives ${name(rv.code)}: ${rv.reason}`,
      severity: 'error',
    });
  }
  if (recorded === Code.VALID && rv.code !== Code.VALID && tx.action)
    noteRefusedWrites(state.refusedWrites, tx.action.namespaces, { block: b.number, tx: i, txId });
  for (const w of rv.warnings)
    state.anomalies.push({
      ...where,
      check: 'endorsement-signature',
      detail: w,
      severity: rv.code === Code.VALID ? 'warning' : 'error',
    });
  if (txId && !state.txIndex.has(txId)) state.txIndex.set(txId, { block: b.number, tx: i, code: rv.code });
  const creatorMspId = rv.creator?.mspId ?? mspIdOf(p?.creator);
  if (creatorMspId) {
    const a = orgActivity(state, creatorMspId);
    a.submitted++;
    if (rv.code === Code.VALID) a.valid++;
    else a.invalid++;
  }
  for (const e of rv.endorsers) orgActivity(state, e.mspId).endorsed++;
  state.txs.push({
    block: b.number,
    tx: i,
    txId,
    kind:
      p?.type === common.HeaderType.ENDORSER_TRANSACTION
        ? 'endorser'
        : p?.type === common.HeaderType.CONFIG
          ? 'config'
          : 'other',
    creatorMspId,
    recordedCode: recorded,
    auditedCode: rv.code,
    endorserMspIds: rv.endorsers.map((e) => e.mspId),
    timestamp: (p?.timestamp ?? new Date(0)).toISOString(),
    fn: p?.endorsed ? functionName(p.endorsed.chaincodeProposalPayload) : undefined,
  });
}

const name = (code: number | undefined): string =>
  code === undefined ? 'no code' : validationCodeName(code);

function mspIdOf(creator: Uint8Array | undefined): string | undefined {
  if (!creator || creator.length === 0) return undefined;
  try {
    return msp.SerializedIdentity.deserializeBinary(creator).getMspid() || undefined;
  } catch {
    return undefined;
  }
}

/** The invoked function (`lots:RegisterLot`): the first argument of the chaincode input. */
function functionName(chaincodeProposalPayload: Uint8Array): string | undefined {
  try {
    const input = peer.ChaincodeProposalPayload.deserializeBinary(chaincodeProposalPayload).getInput_asU8();
    const first = peer.ChaincodeInvocationSpec.deserializeBinary(input)
      .getChaincodeSpec()
      ?.getInput()
      ?.getArgsList_asU8()[0];
    return first ? Buffer.from(first).toString('utf8') : undefined;
  } catch {
    return undefined;
  }
}
