import { common } from '@hyperledger/fabric-protos';
import { blockDataHash, blockHeaderHash } from '../verify/block-hash';
import { evaluatePolicyPath, type ChannelConfigView } from '../verify/channel-config';
import type { ValidIdentity } from '../verify/msp';
import { subjectCn } from '../verify/msp';
import { lastConfigIndex } from '../verify/transaction-parse';
import type { IdentityResolver } from './identities';
import type { PreparedBlock, SignatureSlot } from './prepare-block';
import type { SignatureVerdict } from './signature-pool';
import type { Anomaly } from './types';

/** The policy a block's orderer signatures must satisfy. */
export const BLOCK_VALIDATION_POLICY = '/Channel/Orderer/BlockValidation';

/** What block checks compare against: the previous header's hash and the config in force. */
export interface BlockContext {
  readonly expectedNumber: number;
  /** Hash of the previous block's header (undefined for block 0). */
  readonly previousHash: Uint8Array | undefined;
  readonly config: ChannelConfigView | undefined;
  /** Number of the last config block before this one. */
  readonly lastConfigBlock: number;
  readonly identities: IdentityResolver;
  readonly verdict: (slot: SignatureSlot) => SignatureVerdict;
  /** The header hash the auditor trusts for block 0, when given. */
  readonly genesisHash: string | undefined;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const short = (b: Uint8Array): string => `${hex(b).slice(0, 16)}…`;

/**
 * Checks what holds a block together: its number, the link to the previous header (SHA-256 of its
 * ASN.1 DER), the data hash, the orderer signatures against `/Channel/Orderer/BlockValidation`,
 * the last-config pointer and the size of the validation flags; block 0 against the trusted hash.
 */
export function checkBlock(b: PreparedBlock, ctx: BlockContext): Anomaly[] {
  const out: Anomaly[] = [];
  const at = (check: string, detail: string): void => {
    out.push({ block: b.number, check, detail, severity: 'error' });
  };
  const header = b.block.getHeader();
  if (!header)
    return [{ block: ctx.expectedNumber, check: 'header', detail: 'block has no header', severity: 'error' }];
  if (b.number !== ctx.expectedNumber)
    at('block-number', `block ${b.number} stands where block ${ctx.expectedNumber} belongs`);
  if (ctx.previousHash && !Buffer.from(header.getPreviousHash_asU8()).equals(Buffer.from(ctx.previousHash))) {
    at(
      'previous-hash',
      `previous hash ${short(header.getPreviousHash_asU8())} is not the hash of block ${b.number - 1}'s header ${short(ctx.previousHash)}`,
    );
  }
  const data = blockDataHash(b.block.getData());
  if (!Buffer.from(data).equals(Buffer.from(header.getDataHash_asU8())))
    at(
      'data-hash',
      `data hash ${short(header.getDataHash_asU8())} differs from the transactions' hash ${short(data)}`,
    );
  if (b.number === 0) {
    const own = hex(blockHeaderHash(header));
    if (ctx.genesisHash !== undefined && own !== ctx.genesisHash.toLowerCase())
      at(
        'genesis',
        `block 0 hash ${own.slice(0, 16)}… is not the trusted genesis hash ${ctx.genesisHash.slice(0, 16)}…`,
      );
    return out;
  }
  if (ctx.config) out.push(...checkOrdererSignatures(b, ctx, ctx.config));
  const claimed = Number(lastConfigIndex(b.block));
  // A config block is its own last config: its config is in force from the next block on.
  const expected = isConfigBlock(b) ? b.number : ctx.lastConfigBlock;
  if (claimed !== expected)
    at(
      'last-config',
      `metadata names block ${claimed} as the last config, the chain's last config block is ${expected}`,
    );
  const filter =
    b.block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ??
    new Uint8Array();
  if (filter.length !== b.txs.length)
    at('validation-flags', `${filter.length} validation flags for ${b.txs.length} transactions`);
  return out;
}

/** Whether the orderer made this a config block: its first envelope's channel header says CONFIG. */
export function isConfigBlock(b: PreparedBlock): boolean {
  return b.txs[0]?.parsed?.type === common.HeaderType.CONFIG;
}

function checkOrdererSignatures(b: PreparedBlock, ctx: BlockContext, config: ChannelConfigView): Anomaly[] {
  if (b.ordererSignatures.length === 0)
    return [
      {
        block: b.number,
        check: 'orderer-signature',
        detail: 'block carries no orderer signature',
        severity: 'error',
      },
    ];
  const at = new Date(timestampOf(b));
  const signers: ValidIdentity[] = [];
  const problems: string[] = [];
  for (const slot of b.ordererSignatures) {
    const id = ctx.identities.resolve(config, slot.identity, at);
    if (!id.ok) {
      problems.push(id.reason);
      continue;
    }
    const problem = ctx.verdict(slot);
    if (problem) problems.push(`${id.identity.mspId} ${subjectCn(id.identity.certificate)}: ${problem}`);
    else signers.push(id.identity);
  }
  const outcome = evaluatePolicyPath(config, BLOCK_VALIDATION_POLICY, signers);
  if (outcome.satisfied) return [];
  return [
    {
      block: b.number,
      check: 'orderer-signature',
      detail: `${outcome.explanation}${problems.length ? `; ${problems.join('; ')}` : ''}`,
      severity: 'error',
    },
  ];
}

/** The time to check orderer certificates at: the block's first transaction's time, else now. */
function timestampOf(b: PreparedBlock): number {
  return b.txs[0]?.parsed?.timestamp.getTime() ?? Date.now();
}
