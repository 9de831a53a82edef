import type { common } from '@hyperledger/fabric-protos';
import type { ChannelConfigView } from '../verify/channel-config';
import { mspFromConfig, type ChannelMsp } from '../verify/msp';
import { AdminError } from './errors';

/**
 * The verification view of a config (its MSPs and policy tree), so that signatures on an update
 * can be checked offline with the same policy evaluation the transaction verifier uses.
 * @throws {@link AdminError} `CONFIG_INVALID` when the config has no channel group or a bad MSP
 */
export function configView(config: common.Config, blockNumber = 0n): ChannelConfigView {
  const root = config.getChannelGroup();
  if (!root) throw new AdminError('CONFIG_INVALID', 'the config has no channel group');
  const msps = new Map<string, ChannelMsp>();
  for (const section of ['Application', 'Orderer']) {
    root.getGroupsMap().get(section)?.getGroupsMap().forEach((org: common.ConfigGroup, name: string) => {
      const value = org.getValuesMap().get('MSP');
      if (!value) return;
      try {
        const m = mspFromConfig(value.getValue_asU8());
        msps.set(m.mspId, m);
      } catch (cause) {
        throw new AdminError('CONFIG_INVALID', `the MSP of ${section} org ${name} cannot be read`, { cause });
      }
    });
  }
  return { blockNumber, sequence: config.getSequence(), root, msps };
}
