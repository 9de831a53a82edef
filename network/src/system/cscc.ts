import { common, peer } from '@hyperledger/fabric-protos';
import { lastConfigIndex } from '../block';
import { aclFailure } from './acl';
import { argText, failure, success } from './responses';
import type { LedgerView, SystemChaincode, SystemInvocation } from './types';

/** The block holding the channel's current configuration (via the newest block's last-config index). */
function configBlockNumber(ledger: LedgerView): number | undefined {
  const newest = ledger.height > 0 ? ledger.getBlock(ledger.height - 1) : undefined;
  return newest && lastConfigIndex(newest);
}

/** common.Config from a config block's CONFIG envelope. */
function configOf(block: common.Block): common.Config | undefined {
  const envelope = common.Envelope.deserializeBinary(
    block.getData()?.getDataList_asU8()[0] ?? new Uint8Array(),
  );
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  return common.ConfigEnvelope.deserializeBinary(payload.getData_asU8()).getConfig();
}

type Query = (ledger: LedgerView, configNum: number) => peer.Response;

const queries: Readonly<Record<string, Query>> = {
  GetConfigBlock: (ledger, num) => success(ledger.getBlockBytes(num)),
  GetChannelConfig: (ledger, num) => {
    const block = ledger.getBlock(num);
    const config = block && configOf(block);
    return config ? success(config.serializeBinary()) : failure('could not find the channel config');
  },
};

/**
 * The configuration system chaincode, channel queries only: GetConfigBlock and
 * GetChannelConfig, args [function, channel id], each guarded by its `cscc/<function>` ACL.
 */
export const cscc: SystemChaincode = {
  name: 'cscc',
  usesSimulator: false,
  invoke(call: SystemInvocation): peer.Response {
    const { args } = call;
    if (args.length < 1) return failure(`Incorrect number of arguments, ${args.length}`);
    const fname = argText(args[0]);
    const query = queries[fname];
    if (!query) return failure(`Requested function ${fname} not found.`);
    if (args.length < 2 || args[1]?.length === 0) return failure('ChannelID must not be nil.');
    const channelId = argText(args[1]);
    const denied = aclFailure(`cscc/${fname}`, call.channel, call.signedProposal, call.creator);
    if (denied) return failure(`access denied for [${fname}][${channelId}]: ${denied}`);
    if (channelId !== call.channel.channelId) return failure(`Unknown channel ID, ${channelId}`);
    try {
      const num = configBlockNumber(call.ledger);
      return num === undefined ? failure(`Unknown channel ID, ${channelId}`) : query(call.ledger, num);
    } catch (err) {
      return failure(err instanceof Error ? err.message : String(err));
    }
  },
};
