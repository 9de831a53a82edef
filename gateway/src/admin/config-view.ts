import type { common } from '@hyperledger/fabric-protos';
import { configView as verificationView, type ChannelConfigView } from '../verify/channel-config';
import { AdminError } from './errors';

/**
 * The verification view of a config (its MSPs and policy tree), so that signatures on an update
 * can be checked offline with the same policy evaluation the transaction verifier and the
 * auditor use.
 * @param config - the channel config
 * @param channelId - the channel it belongs to
 * @param blockNumber - the config block it came from, when known
 * @throws {@link AdminError} `CONFIG_INVALID` when the config has no channel group or a bad MSP
 */
export function configView(config: common.Config, channelId: string, blockNumber = 0n): ChannelConfigView {
  try {
    return verificationView(config, blockNumber, channelId);
  } catch (cause) {
    throw new AdminError('CONFIG_INVALID', `the channel config cannot be read: ${(cause as Error).message}`, {
      cause,
    });
  }
}
