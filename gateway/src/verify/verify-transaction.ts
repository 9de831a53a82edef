import { common, peer } from '@hyperledger/fabric-protos';
import { validationCodeName } from '../errors/stage-error';
import { readConfigBlock } from './channel-config';
import { linkToAnchor } from './chain-link';
import type { LedgerSource } from './ledger-source';
import { blockHeaderHash } from './block-hash';
import { checkDataHash, checkTransaction, type Finding } from './transaction-checks';
import { findTransaction, lastConfigIndex, peerValidationCode } from './transaction-parse';
import type { TrustStore } from './trust-store';

/** What the library found about a transaction, beside what the peer says. */
export interface TransactionVerification {
  readonly txId: string;
  readonly blockNumber: bigint;
  readonly txIndex: number;
  /** The peer's validation code (TRANSACTIONS_FILTER: not covered by any hash, so only a claim). */
  readonly peerValidationCode: number | undefined;
  readonly peerValidationName: string;
  /** Every check the library made itself. */
  readonly findings: readonly Finding[];
  /** True when every one of the library's own checks passed. */
  readonly verified: boolean;
  /** True when the peer marks the transaction VALID but the library's own checks fail (e.g. a flipped flag). */
  readonly contradictsPeer: boolean;
  /** Limits of what was checked. */
  readonly notes: readonly string[];
}

/** Options of {@link verifyTransaction}. */
export interface VerifyTransactionOptions {
  /** The chaincode whose definition gives the endorsement policy (default: the one the transaction invoked). */
  readonly chaincodeName?: string;
  /** Block hashes the member trusts; first use trusts block 0 as served (trust on first use). */
  readonly trustStore: TrustStore;
  /** Progress of the header-chain walk. */
  readonly onProgress?: (done: number, total: number) => void;
}

const KEY_LEVEL_NOTE =
  'key-level (state-based) endorsement policies depend on the state at that block; checking them needs the auditor’s replay from block 0';
const MVCC_NOTE =
  'read conflicts (MVCC, phantom reads) depend on the state at that block; only a replay can confirm them';

/**
 * Verifies a transaction without trusting the peer: fetches its block and the config block in force,
 * recomputes signatures, bindings, the endorsement policy and the data hash, and links the block to
 * a trusted block hash.
 * @throws {@link FabricStageError} when the peer cannot serve the blocks
 */
export async function verifyTransaction(
  source: LedgerSource,
  txId: string,
  options: VerifyTransactionOptions,
): Promise<TransactionVerification> {
  const block = common.Block.deserializeBinary(await source.blockByTxId(txId));
  const blockNumber = BigInt(block.getHeader()?.getNumber() ?? 0);
  const tx = findTransaction(block, txId);
  const findings: Finding[] = [];
  const notes: string[] = [KEY_LEVEL_NOTE, MVCC_NOTE];
  if (!tx) {
    findings.push({
      check: 'located',
      ok: false,
      detail: `block ${blockNumber} served for ${txId} does not contain it`,
    });
    return result(txId, blockNumber, -1, undefined, findings, notes);
  }
  findings.push(checkDataHash(block));
  const configNumber = lastConfigIndex(block);
  const configBlock =
    configNumber === blockNumber
      ? block
      : common.Block.deserializeBinary(await source.blockByNumber(configNumber));
  findings.push({ ...checkDataHash(configBlock), check: 'config-data-hash' });
  const config = readConfigBlock(configBlock);
  const ccName = options.chaincodeName ?? tx.endorsed?.chaincodeName ?? '';
  const definition = ccName ? await source.chaincodeDefinition(ccName) : undefined;
  notes.push(
    definition
      ? `endorsement policy from the current definition of ${ccName} (sequence ${definition.sequence}); a later redefinition would not show here`
      : `no chaincode definition readable; used the channel default /Channel/Application/Endorsement`,
  );
  findings.push(
    ...checkTransaction(
      tx,
      config,
      definition ? peer.ApplicationPolicy.deserializeBinary(definition.policy) : undefined,
    ),
  );
  const anchors = await trustedAnchors(source, options.trustStore, notes);
  const fetch = cachedFetch(source, [block, configBlock]);
  const link = await linkToAnchor(block, anchors, fetch, options.onProgress);
  findings.push(link.finding);
  if (configNumber !== blockNumber) {
    const cfgLink = await linkToAnchor(configBlock, anchors, fetch);
    findings.push({ ...cfgLink.finding, check: 'config-chain' });
    if (cfgLink.finding.ok) link.proven.push(...cfgLink.proven);
  }
  if (link.finding.ok) await options.trustStore.add(source.channel, link.proven);
  return result(txId, blockNumber, tx.index, peerValidationCode(block, tx.index), findings, notes);
}

async function trustedAnchors(
  source: LedgerSource,
  store: TrustStore,
  notes: string[],
): Promise<ReturnType<TrustStore['anchors']>> {
  const known = store.anchors(source.channel);
  if (known.length > 0) return known;
  const genesis = common.Block.deserializeBinary(await source.blockByNumber(0n));
  const header = genesis.getHeader();
  if (!header) return [];
  const first = { number: 0n, hash: Buffer.from(blockHeaderHash(header)).toString('hex') };
  await store.add(source.channel, [first]);
  notes.push(`first use: trusted block 0 (hash ${first.hash.slice(0, 16)}…) as served by this peer`);
  return [first];
}

function cachedFetch(source: LedgerSource, known: common.Block[]): (n: bigint) => Promise<common.Block> {
  const cache = new Map<bigint, common.Block>(known.map((b) => [BigInt(b.getHeader()?.getNumber() ?? 0), b]));
  return async (n) => {
    const hit = cache.get(n);
    if (hit) return hit;
    const b = common.Block.deserializeBinary(await source.blockByNumber(n));
    cache.set(n, b);
    return b;
  };
}

function result(
  txId: string,
  blockNumber: bigint,
  txIndex: number,
  code: number | undefined,
  findings: Finding[],
  notes: string[],
): TransactionVerification {
  const verified = findings.every((f) => f.ok);
  return {
    txId,
    blockNumber,
    txIndex,
    peerValidationCode: code,
    peerValidationName: code === undefined ? 'UNKNOWN' : validationCodeName(code),
    findings,
    verified,
    contradictsPeer: code === 0 && !verified,
    notes,
  };
}
