import { common } from '@hyperledger/fabric-protos';
import { AdminError } from './errors';

/** A channel config read from a config block, with where it came from. */
export interface BlockConfig {
  readonly channelId: string;
  /** Number of the config block. */
  readonly blockNumber: bigint;
  readonly config: common.Config;
}

function decode<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (cause) {
    throw new AdminError(
      'CONFIG_INVALID',
      `cannot decode the ${what}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

/**
 * Decodes `common.Config` bytes (what `config fetch -o` writes and configtxlator reads).
 * @throws {@link AdminError} `CONFIG_INVALID` when they are not a config with a channel group
 */
export function decodeConfig(bytes: Uint8Array): common.Config {
  const config = decode('channel config', () => common.Config.deserializeBinary(bytes));
  if (!config.getChannelGroup())
    throw new AdminError('CONFIG_INVALID', 'the bytes hold no channel config (no channel group)');
  return config;
}

/**
 * Reads the config carried by a config block (`common.Block` bytes, as cscc GetConfigBlock returns).
 * @throws {@link AdminError} `CONFIG_INVALID` when the block does not hold exactly one CONFIG transaction
 */
export function configFromBlockBytes(blockBytes: Uint8Array): BlockConfig {
  const block = decode('config block', () => common.Block.deserializeBinary(blockBytes));
  const number = BigInt(block.getHeader()?.getNumber() ?? 0);
  const data = block.getData()?.getDataList_asU8() ?? [];
  const [first] = data;
  if (data.length !== 1 || !first)
    throw new AdminError(
      'CONFIG_INVALID',
      `block ${number} holds ${data.length} transactions; a config block holds one`,
    );
  const payload = decode('config transaction', () =>
    common.Payload.deserializeBinary(common.Envelope.deserializeBinary(first).getPayload_asU8()),
  );
  const header = decode('channel header', () =>
    common.ChannelHeader.deserializeBinary(payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array()),
  );
  if (header.getType() !== common.HeaderType.CONFIG)
    throw new AdminError(
      'CONFIG_INVALID',
      `block ${number} holds a transaction of type ${header.getType()}, not CONFIG`,
    );
  const config = decode('config envelope', () =>
    common.ConfigEnvelope.deserializeBinary(payload.getData_asU8()),
  ).getConfig();
  if (!config?.getChannelGroup())
    throw new AdminError('CONFIG_INVALID', `block ${number} holds no channel config`);
  return { channelId: header.getChannelId(), blockNumber: number, config };
}
