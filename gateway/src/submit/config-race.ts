import { common } from '@hyperledger/fabric-protos';
import type { AllianceConnection } from '../connect/connection';
import type { CommitFailedError } from '../errors/stage-error';
import { lastConfigIndex } from '../verify/transaction-parse';

/**
 * Whether the config in force for the failed transaction's block was created after (or within
 * `skewMs` before) the proposal: then the endorsements were judged against a config that changed
 * in between, and a fresh proposal may succeed. Any doubt (block not readable) answers false.
 */
export async function configChangedAfter(
  conn: AllianceConnection,
  failure: CommitFailedError,
  proposedAt: Date,
  skewMs: number,
): Promise<boolean> {
  if (failure.blockNumber === undefined) return false;
  try {
    const qscc = conn.contract(undefined, 'qscc');
    const read = async (n: bigint): Promise<common.Block> =>
      common.Block.deserializeBinary(
        await qscc.evaluateTransaction('GetBlockByNumber', conn.channel, n.toString()),
      );
    const configNumber = lastConfigIndex(await read(failure.blockNumber));
    const configAt = configTimestamp(await read(configNumber));
    return configAt !== undefined && configAt.getTime() >= proposedAt.getTime() - skewMs;
  } catch {
    return false;
  }
}

/** The channel-header timestamp of a config block's transaction. */
export function configTimestamp(block: common.Block): Date | undefined {
  const env = block.getData()?.getDataList_asU8()[0];
  if (!env) return undefined;
  const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(env).getPayload_asU8());
  const ts = common.ChannelHeader.deserializeBinary(
    payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array(),
  ).getTimestamp();
  return ts ? new Date(ts.getSeconds() * 1000 + Math.floor(ts.getNanos() / 1e6)) : undefined;
}
