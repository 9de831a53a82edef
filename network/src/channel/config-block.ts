import { common } from '@hyperledger/fabric-protos';
import { ChannelError } from './errors';

function decode<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new ChannelError('NOT_A_CONFIG_BLOCK', `cannot decode the ${what}: ${(error as Error).message}`);
  }
}

/** The channel id and config of a block holding a CONFIG transaction (a genesis or config block). */
export function configFromBlock(block: common.Block): { channelId: string; config: common.Config } {
  const data = block.getData()?.getDataList_asU8() ?? [];
  const [first] = data;
  if (data.length !== 1 || !first)
    throw new ChannelError(
      'NOT_A_CONFIG_BLOCK',
      `a config block holds exactly one transaction; this one holds ${data.length}`,
    );
  const envelope = decode('envelope', () => common.Envelope.deserializeBinary(first));
  const payload = decode('payload', () => common.Payload.deserializeBinary(envelope.getPayload_asU8()));
  const channelHeaderBytes = payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array(0);
  const channelHeader = decode('channel header', () =>
    common.ChannelHeader.deserializeBinary(channelHeaderBytes),
  );
  if (channelHeader.getType() !== common.HeaderType.CONFIG) {
    throw new ChannelError(
      'NOT_A_CONFIG_BLOCK',
      `block ${block.getHeader()?.getNumber() ?? '?'} holds a transaction of type ${channelHeader.getType()}, not CONFIG`,
    );
  }
  const config = decode('config envelope', () =>
    common.ConfigEnvelope.deserializeBinary(payload.getData_asU8()),
  ).getConfig();
  if (!config) throw new ChannelError('NOT_A_CONFIG_BLOCK', 'the config envelope holds no config');
  return { channelId: channelHeader.getChannelId(), config };
}
