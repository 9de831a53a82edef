import { common, peer } from '@hyperledger/fabric-protos';
import { headerHash } from '../block';
import { aclFailure } from './acl';
import { argText, failure, success } from './responses';
import type { LedgerView, SystemChaincode, SystemInvocation } from './types';

type Query = (ledger: LedgerView, arg: string, raw: Uint8Array | undefined) => peer.Response;

const queries: Readonly<Record<string, Query>> = {
  GetChainInfo: (ledger) => success(chainInfo(ledger).serializeBinary()),
  GetBlockByNumber: (ledger, arg) => {
    if (!/^\d+$/.test(arg)) {
      return failure(
        `Failed to parse block number with error strconv.ParseUint: parsing "${arg}": invalid syntax`,
      );
    }
    const num = Number(arg);
    const bytes = ledger.getBlockBytes(num);
    return bytes
      ? success(bytes)
      : failure(`Failed to get block number ${num}, error no such block number [${num}] in index`);
  },
  GetBlockByHash: (ledger, _arg, raw) => {
    const hash = Buffer.from(raw ?? []);
    for (let num = ledger.height - 1; num >= 0; num--) {
      const header = ledger.getBlock(num)?.getHeader();
      if (header && hash.equals(headerHash(header))) return success(ledger.getBlockBytes(num));
    }
    return failure(
      `Failed to get block hash ${hash.toString('latin1')}, error no such block hash [${hash.toString('hex')}] in index`,
    );
  },
  GetBlockByTxID: (ledger, txId) => {
    const location = ledger.getTx(txId);
    const bytes = location && ledger.getBlockBytes(location.blockNum);
    return bytes
      ? success(bytes)
      : failure(`Failed to get block for txID ${txId}, error no such transaction ID [${txId}] in index`);
  },
  GetTransactionByID: (ledger, txId) => {
    const processed = processedTransaction(ledger, txId);
    return processed
      ? success(processed.serializeBinary())
      : failure(`Failed to get transaction with id ${txId}, error no such transaction ID [${txId}] in index`);
  },
};

/** common.BlockchainInfo: height, current block hash and the previous one. */
function chainInfo(ledger: LedgerView): common.BlockchainInfo {
  const info = new common.BlockchainInfo();
  info.setHeight(ledger.height);
  if (ledger.height > 0) {
    info.setCurrentblockhash(ledger.currentHash());
    info.setPreviousblockhash(
      ledger
        .getBlock(ledger.height - 1)
        ?.getHeader()
        ?.getPreviousHash_asU8() ?? new Uint8Array(),
    );
  }
  return info;
}

/** peer.ProcessedTransaction: the envelope as stored in its block, and its validation code. */
function processedTransaction(ledger: LedgerView, txId: string): peer.ProcessedTransaction | undefined {
  const location = ledger.getTx(txId);
  const envelopeBytes =
    location && ledger.getBlock(location.blockNum)?.getData()?.getDataList_asU8()[location.txNum];
  if (!location || !envelopeBytes) return undefined;
  const processed = new peer.ProcessedTransaction();
  processed.setTransactionenvelope(common.Envelope.deserializeBinary(envelopeBytes));
  processed.setValidationcode(location.code);
  return processed;
}

/**
 * The ledger query system chaincode: args are [function, channel id, argument], and each
 * function is guarded by its `qscc/<function>` ACL, as in Fabric.
 */
export const qscc: SystemChaincode = {
  name: 'qscc',
  usesSimulator: false,
  invoke(call: SystemInvocation): peer.Response {
    const { args } = call;
    if (args.length < 2) return failure(`Incorrect number of arguments, ${args.length}`);
    const fname = argText(args[0]);
    const channelId = argText(args[1]);
    if (fname !== 'GetChainInfo' && args.length < 3) return failure(`missing 3rd argument for ${fname}`);
    if (channelId !== call.channel.channelId) return failure(`Invalid chain ID, ${channelId}`);
    const denied = aclFailure(`qscc/${fname}`, call.channel, call.signedProposal, call.creator);
    if (denied) return failure(`access denied for [${fname}][${channelId}]: [${denied}]`);
    const query = queries[fname];
    return query
      ? query(call.ledger, argText(args[2]), args[2])
      : failure(`Requested function ${fname} not found.`);
  },
};
