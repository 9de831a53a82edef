import { stringify } from 'yaml';
import { defaultAcls } from '../channel';
import type { CryptoMaterial, OrgCrypto } from '../crypto';
import type { NetworkDefinition } from '../definition';
import type { FabricPorts } from './ports';

/** The configtxgen profile name of the channel. */
export const CHANNEL_PROFILE = 'AllianceChannel';

/** Fabric capability level of the channel, its orderer and its application, as the embedded network. */
const V2_0 = { V2_0: true };

const signature = (rule: string): { Type: string; Rule: string } => ({ Type: 'Signature', Rule: rule });
const implicitMeta = (rule: string): { Type: string; Rule: string } => ({ Type: 'ImplicitMeta', Rule: rule });

/**
 * configtx.yaml for the definition: the same channel the embedded network builds in its genesis
 * block (org policies by NodeOU role, MAJORITY Endorsement and LifecycleEndorsement, the default
 * ACLs, V2_0 capabilities, etcdraft with one consenter, the definition's batch settings), with
 * the loopback endpoints of this runtime. Anchor peers are in the genesis block, so no anchor
 * peer update is needed after the peers join.
 */
export function configtxYaml(def: NetworkDefinition, crypto: CryptoMaterial, ports: FabricPorts): string {
  const ordererEndpoint = `127.0.0.1:${ports.orderer.listen}`;
  const ordererOrg = {
    Name: crypto.orderer.mspId,
    ID: crypto.orderer.mspId,
    MSPDir: crypto.orderer.mspDir,
    Policies: rolePolicies(crypto.orderer.mspId, 'orderer'),
    OrdererEndpoints: [ordererEndpoint],
  };
  const memberOrgs = def.orgs.map((org) => {
    const material = orgCrypto(crypto, org.name);
    return {
      Name: org.mspId,
      ID: org.mspId,
      MSPDir: material.mspDir,
      Policies: rolePolicies(org.mspId, 'member'),
      AnchorPeers: [{ Host: '127.0.0.1', Port: ports.peers[org.name]?.listen ?? 0 }],
    };
  });
  const tls = crypto.orderer.node.tls;
  const profile = {
    Policies: {
      Readers: implicitMeta('ANY Readers'),
      Writers: implicitMeta('ANY Writers'),
      Admins: implicitMeta('MAJORITY Admins'),
    },
    Capabilities: V2_0,
    Orderer: {
      OrdererType: 'etcdraft',
      BatchTimeout: `${def.batch.timeoutMs}ms`,
      BatchSize: {
        MaxMessageCount: def.batch.maxMessageCount,
        AbsoluteMaxBytes: def.batch.absoluteMaxBytes,
        PreferredMaxBytes: def.batch.preferredMaxBytes,
      },
      EtcdRaft: {
        Consenters: [
          {
            Host: '127.0.0.1',
            Port: ports.orderer.listen,
            ClientTLSCert: tls.certFile,
            ServerTLSCert: tls.certFile,
          },
        ],
      },
      Organizations: [ordererOrg],
      Policies: {
        Readers: implicitMeta('ANY Readers'),
        Writers: implicitMeta('ANY Writers'),
        Admins: implicitMeta('MAJORITY Admins'),
        BlockValidation: implicitMeta('ANY Writers'),
      },
      Capabilities: V2_0,
    },
    Application: {
      ACLs: defaultAcls(),
      Organizations: memberOrgs,
      Policies: {
        LifecycleEndorsement: implicitMeta('MAJORITY Endorsement'),
        Endorsement: implicitMeta('MAJORITY Endorsement'),
        Readers: implicitMeta('ANY Readers'),
        Writers: implicitMeta('ANY Writers'),
        Admins: implicitMeta('MAJORITY Admins'),
      },
      Capabilities: V2_0,
    },
  };
  return stringify({ Profiles: { [CHANNEL_PROFILE]: profile } });
}

/** The org policies the embedded genesis uses: by NodeOU role for member orgs, by membership for the orderer org. */
function rolePolicies(
  mspId: string,
  kind: 'member' | 'orderer',
): Record<string, { Type: string; Rule: string }> {
  if (kind === 'orderer')
    return {
      Readers: signature(`OR('${mspId}.member')`),
      Writers: signature(`OR('${mspId}.member')`),
      Admins: signature(`OR('${mspId}.admin')`),
    };
  return {
    Readers: signature(`OR('${mspId}.admin', '${mspId}.peer', '${mspId}.client')`),
    Writers: signature(`OR('${mspId}.admin', '${mspId}.client')`),
    Admins: signature(`OR('${mspId}.admin')`),
    Endorsement: signature(`OR('${mspId}.peer')`),
  };
}

/** An org's crypto material by name; the definition and the material must agree. */
export function orgCrypto(crypto: CryptoMaterial, name: string): OrgCrypto {
  const material = crypto.orgs[name];
  if (!material) throw new Error(`no crypto material for org ${name}`);
  return material;
}
