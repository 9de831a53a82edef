import type { common } from '@hyperledger/fabric-protos';
import type { ChannelMsps } from '../identity/types';
import type { PolicyEvaluator } from '../policy/types';

/** An org of the channel: its config group name and MSP ID. */
export interface ChannelOrg {
  name: string;
  mspId: string;
}

/** The parsed view of a channel config the nodes work with. */
export interface ChannelConfig {
  readonly channelId: string;
  readonly sequence: number;
  readonly config: common.Config;
  readonly msps: ChannelMsps;
  readonly policies: PolicyEvaluator;
  readonly applicationOrgs: ChannelOrg[];
  readonly ordererOrgs: ChannelOrg[];
  readonly batch: {
    timeoutMs: number;
    maxMessageCount: number;
    absoluteMaxBytes: number;
    preferredMaxBytes: number;
  };
  /** resource -> policy path */
  readonly acls: Record<string, string>;
  readonly ordererAddresses: string[];
  readonly capabilities: { channel: string[]; application: string[]; orderer: string[] };
}
