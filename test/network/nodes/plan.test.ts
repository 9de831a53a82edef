import { common } from '@alliance/network/protos';
import { channelPolicySatisfiedBy, envelopeSatisfiedBy } from '@alliance/network/gateway';
import { chooseEndorsingOrgs, type EndorsementRequirement } from '@alliance/network/gateway';
import { parseSignaturePolicy } from '@alliance/network/policy';

const orgs = ['AMSP', 'BMSP', 'CMSP'];

function implicitMetaConfig(rule: number): common.Config {
  const orgGroup = (mspId: string): common.ConfigGroup => {
    const group = new common.ConfigGroup();
    const policy = new common.Policy();
    policy.setType(common.Policy.PolicyType.SIGNATURE);
    policy.setValue(parseSignaturePolicy(`OR('${mspId}.peer')`).serializeBinary());
    const configPolicy = new common.ConfigPolicy();
    configPolicy.setPolicy(policy);
    group.getPoliciesMap().set('Endorsement', configPolicy);
    return group;
  };
  const application = new common.ConfigGroup();
  for (const mspId of orgs) application.getGroupsMap().set(mspId.replace('MSP', ''), orgGroup(mspId));
  const meta = new common.ImplicitMetaPolicy();
  meta.setSubPolicy('Endorsement');
  meta.setRule(rule as common.ImplicitMetaPolicy.RuleMap[keyof common.ImplicitMetaPolicy.RuleMap]);
  const policy = new common.Policy();
  policy.setType(common.Policy.PolicyType.IMPLICIT_META);
  policy.setValue(meta.serializeBinary());
  const configPolicy = new common.ConfigPolicy();
  configPolicy.setPolicy(policy);
  application.getPoliciesMap().set('Endorsement', configPolicy);
  const channel = new common.ConfigGroup();
  channel.getGroupsMap().set('Application', application);
  const config = new common.Config();
  config.setChannelGroup(channel);
  return config;
}

describe('endorsement planning', () => {
  it('judges signature policies on one peer per org, one signature per principal', () => {
    const and = parseSignaturePolicy("AND('AMSP.member','AMSP.member')");
    expect(envelopeSatisfiedBy(and, ['AMSP'])).toBe(false);
    const outOf = parseSignaturePolicy("OutOf(2, 'AMSP.peer', 'BMSP.peer', 'CMSP.peer')");
    expect(envelopeSatisfiedBy(outOf, ['AMSP'])).toBe(false);
    expect(envelopeSatisfiedBy(outOf, ['AMSP', 'CMSP'])).toBe(true);
    expect(envelopeSatisfiedBy(parseSignaturePolicy("OR('AMSP.admin')"), ['AMSP'])).toBe(false);
  });

  it('counts MAJORITY over the application org groups', () => {
    const config = implicitMetaConfig(common.ImplicitMetaPolicy.Rule.MAJORITY);
    expect(channelPolicySatisfiedBy(config, '/Channel/Application/Endorsement', ['AMSP'])).toBe(false);
    expect(channelPolicySatisfiedBy(config, '/Channel/Application/Endorsement', ['AMSP', 'BMSP'])).toBe(true);
    expect(channelPolicySatisfiedBy(config, '/Channel/Application/Missing', orgs)).toBe(false);
  });

  it('chooses the smallest set that keeps the required org and satisfies every policy', () => {
    const majority = implicitMetaConfig(common.ImplicitMetaPolicy.Rule.MAJORITY);
    const requirements: EndorsementRequirement[] = [
      {
        description: 'chaincode',
        satisfiedBy: (o) => channelPolicySatisfiedBy(majority, '/Channel/Application/Endorsement', o),
      },
      {
        description: 'key',
        satisfiedBy: (o) => envelopeSatisfiedBy(parseSignaturePolicy("OR('CMSP.peer')"), o),
      },
    ];
    expect(chooseEndorsingOrgs(requirements, orgs, ['AMSP'])).toEqual(['AMSP', 'CMSP']);
    expect(chooseEndorsingOrgs(requirements.slice(0, 1), orgs, ['BMSP'])).toEqual(['BMSP', 'AMSP']);
    expect(
      chooseEndorsingOrgs([{ description: 'never', satisfiedBy: () => false }], orgs, ['AMSP']),
    ).toBeUndefined();
  });
});
