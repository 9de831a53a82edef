import { common, msp, peer } from '@hyperledger/fabric-protos';

/** An application org's anchor peer as the channel config announces it. */
export interface AnchorPeer {
  /** The org's group name. */
  readonly org: string;
  readonly mspId: string;
  readonly host: string;
  readonly port: number;
  /** PEM of the org's first TLS root CA, to dial the peer with. */
  readonly tlsRootCertPem: string;
}

function decoded<T>(group: common.ConfigGroup, key: string, decode: (bytes: Uint8Array) => T): T | undefined {
  const value = group.getValuesMap().get(key);
  if (!value) return undefined;
  try {
    return decode(value.getValue_asU8());
  } catch {
    return undefined; // parseChannelConfig already refused configs whose MSP values do not decode
  }
}

/**
 * The anchor peers of every application org of a config (the `AnchorPeers` value of each org
 * group), with the TLS root CA of the org's MSP: how peers find the orgs a config update added.
 */
export function anchorPeersOf(config: common.Config): AnchorPeer[] {
  const application = config.getChannelGroup()?.getGroupsMap().get('Application');
  const result: AnchorPeer[] = [];
  for (const [org, group] of application?.getGroupsMap().entries() ?? []) {
    const mspConfig = decoded(group, 'MSP', (b) =>
      msp.FabricMSPConfig.deserializeBinary(msp.MSPConfig.deserializeBinary(b).getConfig_asU8()),
    );
    const anchors = decoded(group, 'AnchorPeers', (b) => peer.AnchorPeers.deserializeBinary(b));
    const tlsRoot = mspConfig?.getTlsRootCertsList_asU8()[0];
    if (!mspConfig || !anchors || !tlsRoot) continue;
    for (const anchor of anchors.getAnchorPeersList()) {
      result.push({
        org,
        mspId: mspConfig.getName(),
        host: anchor.getHost(),
        port: anchor.getPort(),
        tlsRootCertPem: Buffer.from(tlsRoot).toString('utf8'),
      });
    }
  }
  return result;
}
