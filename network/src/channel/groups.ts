import { common, orderer } from '@hyperledger/fabric-protos';
import type { OrgCrypto } from '../crypto/types';
import type { NetworkDefinition } from '../definition/types';
import { defaultAcls } from './acls';
import {
  aclsValue,
  anchorPeersValue,
  batchValues,
  capabilities,
  configGroup,
  configValue,
  implicitMetaPolicy,
  mspValue,
  ordererAddressesValue,
  signaturePolicy,
} from './elements';
import { fabricMspConfig } from './msp-config';

/** The capability every level of the channel requires. */
export const CAPABILITY = 'V2_0';

// Raft timing for a single local consenter (the values of Fabric's sample config).
const RAFT_OPTIONS = {
  tickInterval: '500ms',
  electionTick: 10,
  heartbeatTick: 1,
  maxInflightBlocks: 5,
  snapshotIntervalSize: 16 * 1024 * 1024,
};

/** The ImplicitMeta Readers/Writers/Admins every non-org group has. */
function standardPolicies(): Record<string, common.ConfigPolicy> {
  return {
    Readers: implicitMetaPolicy('ANY Readers'),
    Writers: implicitMetaPolicy('ANY Writers'),
    Admins: implicitMetaPolicy('MAJORITY Admins'),
  };
}

/**
 * A member org's group: MSP, anchor peer, and the test-network signature policies by NodeOU role.
 * This is the group a config update adds to `/Channel/Application` to bring the org in.
 */
export function applicationOrgGroup(org: OrgCrypto, peerPort: number): common.ConfigGroup {
  const id = org.mspId;
  return configGroup({
    values: { MSP: mspValue(fabricMspConfig(org)), AnchorPeers: anchorPeersValue(org.node.host, peerPort) },
    policies: {
      Readers: signaturePolicy(`OR('${id}.admin', '${id}.peer', '${id}.client')`),
      Writers: signaturePolicy(`OR('${id}.admin', '${id}.client')`),
      Admins: signaturePolicy(`OR('${id}.admin')`),
      Endorsement: signaturePolicy(`OR('${id}.peer')`),
    },
  });
}

function ordererAddress(def: NetworkDefinition): string {
  return `${def.orderer.host}:${def.orderer.port}`;
}

/** The ordering org's group: MSP, endpoints, and member/admin signature policies. */
function ordererOrgGroup(def: NetworkDefinition, org: OrgCrypto): common.ConfigGroup {
  const id = org.mspId;
  return configGroup({
    values: { MSP: mspValue(fabricMspConfig(org)), Endpoints: ordererAddressesValue([ordererAddress(def)]) },
    policies: {
      Readers: signaturePolicy(`OR('${id}.member')`),
      Writers: signaturePolicy(`OR('${id}.member')`),
      Admins: signaturePolicy(`OR('${id}.admin')`),
    },
  });
}

function consensusValue(def: NetworkDefinition, org: OrgCrypto): common.ConfigValue {
  const consenter = new orderer.etcdraft.Consenter();
  consenter.setHost(def.orderer.host);
  consenter.setPort(def.orderer.port);
  consenter.setClientTlsCert(Buffer.from(org.node.tls.certPem, 'utf8'));
  consenter.setServerTlsCert(Buffer.from(org.node.tls.certPem, 'utf8'));
  const options = new orderer.etcdraft.Options();
  options.setTickInterval(RAFT_OPTIONS.tickInterval);
  options.setElectionTick(RAFT_OPTIONS.electionTick);
  options.setHeartbeatTick(RAFT_OPTIONS.heartbeatTick);
  options.setMaxInflightBlocks(RAFT_OPTIONS.maxInflightBlocks);
  options.setSnapshotIntervalSize(RAFT_OPTIONS.snapshotIntervalSize);
  const metadata = new orderer.etcdraft.ConfigMetadata();
  metadata.setConsentersList([consenter]);
  metadata.setOptions(options);
  const consensus = new orderer.ConsensusType();
  consensus.setType('etcdraft');
  consensus.setMetadata(metadata.serializeBinary());
  consensus.setState(orderer.ConsensusType.State.STATE_NORMAL);
  return configValue(consensus);
}

/** The Orderer group: consensus, batching, capabilities, BlockValidation and the ordering org. */
export function ordererGroup(def: NetworkDefinition, org: OrgCrypto): common.ConfigGroup {
  return configGroup({
    groups: { [org.name]: ordererOrgGroup(def, org) },
    values: {
      ConsensusType: consensusValue(def, org),
      ...batchValues(def.batch),
      // max_count 0 = no limit; configtxgen always writes this value.
      ChannelRestrictions: configValue(new orderer.ChannelRestrictions()),
      Capabilities: capabilities([CAPABILITY]),
    },
    policies: { ...standardPolicies(), BlockValidation: implicitMetaPolicy('ANY Writers') },
  });
}

/** The Application group: one group per member org, the ACLs and the lifecycle/endorsement policies. */
export function applicationGroup(
  def: NetworkDefinition,
  orgs: Record<string, OrgCrypto>,
): common.ConfigGroup {
  const groups: Record<string, common.ConfigGroup> = {};
  for (const org of def.orgs) {
    const crypto = orgs[org.name];
    if (!crypto) throw new Error(`no crypto material for org ${org.name}`);
    groups[org.name] = applicationOrgGroup(crypto, org.peer.port);
  }
  return configGroup({
    groups,
    values: { ACLs: aclsValue(defaultAcls()), Capabilities: capabilities([CAPABILITY]) },
    policies: {
      ...standardPolicies(),
      LifecycleEndorsement: implicitMetaPolicy('MAJORITY Endorsement'),
      Endorsement: implicitMetaPolicy('MAJORITY Endorsement'),
    },
  });
}

/** The root Channel group: hashing, orderer addresses, capabilities and the two subgroups. */
export function channelGroup(
  def: NetworkDefinition,
  ordererOrg: OrgCrypto,
  orgs: Record<string, OrgCrypto>,
): common.ConfigGroup {
  const hashing = new common.HashingAlgorithm();
  hashing.setName('SHA256');
  const dataHashing = new common.BlockDataHashingStructure();
  dataHashing.setWidth(0xffffffff);
  return configGroup({
    groups: { Orderer: ordererGroup(def, ordererOrg), Application: applicationGroup(def, orgs) },
    values: {
      HashingAlgorithm: configValue(hashing),
      BlockDataHashingStructure: configValue(dataHashing),
      OrdererAddresses: ordererAddressesValue([ordererAddress(def)], '/Channel/Orderer/Admins'),
      Capabilities: capabilities([CAPABILITY]),
    },
    policies: standardPolicies(),
  });
}
