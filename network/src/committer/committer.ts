import { common, peer } from '@hyperledger/fabric-protos';
import { blockSignedData, dataHashMatches, peekChannelHeader, requireHeader, setTxFilter } from '../block';
import { PendingState, writeSetsFromRwset, type BlockCommit, type PeerLedger } from '../ledger';
import { checkEndorsements, metadataWrites } from './endorsement';
import { CommitError } from './errors';
import { checkReads } from './mvcc';
import { prepareBlock, type PreparedTx } from './prepare';
import { checkTransaction, type TxCheck } from './tx-check';
import type { CommitChannel, CommitContext, CommittedConfig, Committer } from './types';

const Code = peer.TxValidationCode;
const BLOCK_VALIDATION_POLICY = '/Channel/Orderer/BlockValidation';

/** The tx id of an envelope for the tx index, whatever its validity ('' when unreadable). */
function txIdOf(envelope: Uint8Array, check: TxCheck): string {
  if (check.kind === 'endorser') return check.tx.txId;
  if (check.kind === 'config') return check.env.txId;
  return peekChannelHeader(envelope)?.getTxId() ?? '';
}

class BlockCommitter implements Committer {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly ctx: Readonly<CommitContext>) {}

  commitBlock(block: common.Block): Promise<Uint8Array> {
    const run = this.queue.then(() => this.commitNow(block));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async commitNow(block: common.Block): Promise<Uint8Array> {
    const { ledger } = this.ctx;
    const header = requireHeader(block);
    const number = header.getNumber();
    if (number !== ledger.height) {
      throw new CommitError('BLOCK_OUT_OF_ORDER', `expected block ${ledger.height}, got ${number}`);
    }
    if (!dataHashMatches(block)) throw new CommitError('BAD_DATA_HASH', `block ${number} data hash`);
    const envelopes = block.getData()?.getDataList_asU8() ?? [];
    if (number === 0) return this.commitGenesis(block, envelopes, ledger);
    if (!Buffer.from(header.getPreviousHash_asU8()).equals(ledger.currentHash())) {
      throw new CommitError('BROKEN_HASH_CHAIN', `block ${number} does not link to block ${number - 1}`);
    }
    const channel = this.ctx.channel();
    const prepared = await prepareBlock(block, envelopes, channel, this.checksOrdererSignatures(channel));
    this.checkOrdererSignature(block, channel);
    const { codes, commit, config } = this.validate(block, number, envelopes, channel, prepared);
    setTxFilter(block, codes);
    await ledger.commit(commit);
    if (config) this.ctx.onConfig?.(config);
    return codes;
  }

  /** Block 0 is the channel's genesis: taken as it is, every transaction valid (a peer joining). */
  private async commitGenesis(
    block: common.Block,
    envelopes: Uint8Array[],
    ledger: PeerLedger,
  ): Promise<Uint8Array> {
    const codes = new Uint8Array(envelopes.length).fill(Code.VALID);
    setTxFilter(block, codes);
    const txIds = envelopes.map((e, txNum) => ({
      txNum,
      txId: peekChannelHeader(e)?.getTxId() ?? '',
      code: Code.VALID,
    }));
    await ledger.commit({ block, writes: [], txIds });
    return codes;
  }

  private checksOrdererSignatures(channel: CommitChannel): boolean {
    return this.ctx.verifyOrdererSignatures !== false && channel.policies.has(BLOCK_VALIDATION_POLICY);
  }

  private checkOrdererSignature(block: common.Block, channel: CommitChannel): void {
    const { policies } = channel;
    if (!this.checksOrdererSignatures(channel)) return;
    let signed;
    try {
      signed = blockSignedData(block);
    } catch (err) {
      throw new CommitError('MALFORMED_BLOCK', `block signatures do not decode: ${String(err)}`);
    }
    if (!policies.evaluate(BLOCK_VALIDATION_POLICY, signed)) {
      throw new CommitError('BAD_BLOCK_SIGNATURE', policies.explain(BLOCK_VALIDATION_POLICY, signed));
    }
  }

  /** Validates every transaction in block order; computes nothing twice and writes nothing. */
  private validate(
    block: common.Block,
    blockNum: number,
    envelopes: Uint8Array[],
    channel: CommitChannel,
    prepared: readonly PreparedTx[],
  ): { codes: Uint8Array; commit: BlockCommit; config?: CommittedConfig } {
    const { ledger, chaincodes } = this.ctx;
    const codes = new Uint8Array(envelopes.length);
    const commit: BlockCommit = { block, writes: [], txIds: [] };
    const pending = new PendingState(ledger.state);
    const metadataWrittenInBlock = new Set<string>();
    const validTxIds = new Set<string>();
    let config: CommittedConfig | undefined;
    envelopes.forEach((envelope, txNum) => {
      const check = checkTransaction(
        envelope,
        channel,
        (txId) => ledger.getTx(txId) !== undefined,
        prepared[txNum],
      );
      let code = check.kind === 'invalid' ? check.code : Code.VALID;
      if (check.kind === 'endorser') {
        const scope = { channel, chaincodes, committed: ledger.state, metadataWrittenInBlock };
        code = checkEndorsements(check.tx, scope);
        if (code === Code.VALID) for (const key of metadataWrites(check.tx)) metadataWrittenInBlock.add(key);
        if (code === Code.VALID && validTxIds.has(check.tx.txId)) code = Code.DUPLICATE_TXID;
        if (code === Code.VALID) code = checkReads(check.tx, pending);
        if (code === Code.VALID) {
          const writes = writeSetsFromRwset(check.tx.rwset);
          for (const write of writes) pending.apply(write, blockNum, txNum);
          commit.writes.push({ txNum, txId: check.tx.txId, timestamp: check.tx.timestamp, writes });
        }
      } else if (check.kind === 'config') {
        if (envelopes.length !== 1)
          code = Code.INVALID_CONFIG_TRANSACTION; // a config tx is always alone
        else config = { channelId: check.env.channelId, config: check.config, blockNum };
      }
      const txId = txIdOf(envelope, check);
      if (code === Code.VALID && txId !== '') validTxIds.add(txId);
      codes[txNum] = code;
      commit.txIds.push({ txNum, txId, code });
    });
    return config && codes[0] === Code.VALID ? { codes, commit, config } : { codes, commit };
  }
}

/**
 * Creates the committer of one peer: validates every transaction of a block as a Fabric 2.5
 * peer (signatures, duplicate tx ids in the ledger and earlier in the block, proposal hash
 * binding, chaincode checks, chaincode and key-level endorsement policies, MVCC and phantom
 * reads), writes TRANSACTIONS_FILTER, commits, and hands committed config changes to `onConfig`.
 */
export function createCommitter(ctx: Readonly<CommitContext>): Committer {
  return new BlockCommitter(ctx);
}
