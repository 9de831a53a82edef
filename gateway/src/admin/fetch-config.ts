import type { AllianceConnection } from '../connect/connection';
import { toAllianceError } from '../errors/map-error';
import { configFromBlockBytes, type BlockConfig } from './config-codec';

/**
 * Fetches the channel's latest config block through the peer's configuration system chaincode
 * (cscc GetConfigBlock, open to the channel's readers) and decodes its config.
 * @throws a FabricStageError when the peer refuses, {@link AdminError} `CONFIG_INVALID` when the block is not a config block
 */
export async function fetchChannelConfig(
  conn: AllianceConnection,
): Promise<BlockConfig & { blockBytes: Uint8Array }> {
  let blockBytes: Uint8Array;
  try {
    blockBytes = await conn.contract(undefined, 'cscc').evaluateTransaction('GetConfigBlock', conn.channel);
  } catch (e) {
    throw toAllianceError(e, { stage: 'query' });
  }
  return { ...configFromBlockBytes(blockBytes), blockBytes };
}
