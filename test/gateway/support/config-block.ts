// A channel configuration as configtxgen builds it, reduced to what verification reads: one
// application group per org with its MSP (NodeOUs) and Endorsement policy, MAJORITY at the top.
import { common, msp } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import type { TestOrg } from './fabric-tx';

function timestamp(at: Date): Timestamp {
  const ts = new Timestamp();
  ts.setSeconds(Math.floor(at.getTime() / 1000));
  ts.setNanos((at.getTime() % 1000) * 1e6);
  return ts;
}

function signaturePolicy(mspId: string, role: number): common.Policy {
  const r = new msp.MSPRole();
  r.setMspIdentifier(mspId);
  r.setRole(role as 0);
  const principal = new msp.MSPPrincipal();
  principal.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
  principal.setPrincipal(r.serializeBinary());
  const signedBy = new common.SignaturePolicy();
  signedBy.setSignedBy(0);
  const nOf = new common.SignaturePolicy.NOutOf();
  nOf.setN(1);
  nOf.setRulesList([signedBy]);
  const rule = new common.SignaturePolicy();
  rule.setNOutOf(nOf);
  const env = new common.SignaturePolicyEnvelope();
  env.setVersion(0);
  env.setRule(rule);
  env.setIdentitiesList([principal]);
  const p = new common.Policy();
  p.setType(common.Policy.PolicyType.SIGNATURE);
  p.setValue(env.serializeBinary());
  return p;
}

function configPolicy(p: common.Policy): common.ConfigPolicy {
  const cp = new common.ConfigPolicy();
  cp.setPolicy(p);
  return cp;
}

function implicitMeta(sub: string, rule: 0 | 1 | 2): common.Policy {
  const m = new common.ImplicitMetaPolicy();
  m.setSubPolicy(sub);
  m.setRule(rule);
  const p = new common.Policy();
  p.setType(common.Policy.PolicyType.IMPLICIT_META);
  p.setValue(m.serializeBinary());
  return p;
}

function orgGroup(org: TestOrg): common.ConfigGroup {
  const ou = (name: string): msp.FabricOUIdentifier => {
    const id = new msp.FabricOUIdentifier();
    id.setCertificate(Buffer.from(org.ca.pem));
    id.setOrganizationalUnitIdentifier(name);
    return id;
  };
  const nodeOUs = new msp.FabricNodeOUs();
  nodeOUs.setEnable(true);
  nodeOUs.setClientOuIdentifier(ou('client'));
  nodeOUs.setPeerOuIdentifier(ou('peer'));
  nodeOUs.setAdminOuIdentifier(ou('admin'));
  nodeOUs.setOrdererOuIdentifier(ou('orderer'));
  const fab = new msp.FabricMSPConfig();
  fab.setName(org.mspId);
  fab.setRootCertsList([Buffer.from(org.ca.pem)]);
  fab.setFabricNodeOus(nodeOUs);
  const mc = new msp.MSPConfig();
  mc.setType(0);
  mc.setConfig(fab.serializeBinary());
  const value = new common.ConfigValue();
  value.setValue(mc.serializeBinary());
  const g = new common.ConfigGroup();
  g.getValuesMap().set('MSP', value);
  g.getPoliciesMap().set(
    'Endorsement',
    configPolicy(signaturePolicy(org.mspId, msp.MSPRole.MSPRoleType.PEER)),
  );
  return g;
}

/** A CONFIG envelope with one application group per org and `Endorsement` = MAJORITY Endorsement. */
export function configEnvelope(channel: string, orgs: TestOrg[], at = new Date()): common.Envelope {
  const app = new common.ConfigGroup();
  orgs.forEach((o, i) => app.getGroupsMap().set(`org${i}`, orgGroup(o)));
  app.getPoliciesMap().set('Endorsement', configPolicy(implicitMeta('Endorsement', 2)));
  const root = new common.ConfigGroup();
  root.getGroupsMap().set('Application', app);
  const config = new common.Config();
  config.setSequence(0);
  config.setChannelGroup(root);
  const ce = new common.ConfigEnvelope();
  ce.setConfig(config);
  const chdr = new common.ChannelHeader();
  chdr.setType(common.HeaderType.CONFIG);
  chdr.setChannelId(channel);
  chdr.setTimestamp(timestamp(at));
  const header = new common.Header();
  header.setChannelHeader(chdr.serializeBinary());
  header.setSignatureHeader(new common.SignatureHeader().serializeBinary());
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(ce.serializeBinary());
  const env = new common.Envelope();
  env.setPayload(payload.serializeBinary());
  return env;
}
