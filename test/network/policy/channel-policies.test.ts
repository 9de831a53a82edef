import { createSigner } from '@alliance/network/identity';
import { buildChannelConfig, parseChannelConfig, type ChannelConfig } from '@alliance/network/channel';
import {
  channelPolicyReference,
  evaluateApplicationPolicy,
  explainApplicationPolicy,
  nOutOf,
  PolicyError,
  signaturePolicyReference,
  type SignedData,
} from '@alliance/network/policy';
import { PKI_TIMEOUT_MS, type TestPki, createTestPki, signAll, signedBy } from '../fixtures/pki';

const ORGS = ['a', 'b', 'c', 'd', 'e'];
let pki: TestPki;
let channel: ChannelConfig;
const data = Buffer.from('signed bytes');

beforeAll(async () => {
  pki = await createTestPki(ORGS);
  channel = parseChannelConfig(buildChannelConfig(pki.definition, pki.crypto), 'alliance');
}, PKI_TIMEOUT_MS);

afterAll(() => {
  pki.remove();
});

function signed(...who: string[]): SignedData[] {
  return signedBy(pki, data, who);
}

const peers = (n: number): string[] => ORGS.slice(0, n).map((o) => `${o}/peer`);

describe('channel policy tree', () => {
  it('MAJORITY Endorsement over 5 orgs needs 3 org peers', () => {
    const endorsement = '/Channel/Application/Endorsement';
    expect(
      [0, 1, 2, 3, 4, 5].map((n) => channel.policies.evaluate(endorsement, signed(...peers(n)))),
    ).toEqual([false, false, false, true, true, true]);
    // Three signatures from one org are one org.
    expect(channel.policies.evaluate(endorsement, signed('a/peer', 'a/User1', 'a/Admin'))).toBe(false);
    // Clients do not satisfy an org's Endorsement (peers only).
    expect(channel.policies.evaluate(endorsement, signed('a/User1', 'b/User1', 'c/User1'))).toBe(false);
    expect(channel.policies.evaluate('/Channel/Application/LifecycleEndorsement', signed(...peers(3)))).toBe(
      true,
    );
  });

  it('ANY Writers / Readers follow the org role policies', () => {
    expect(channel.policies.evaluate('/Channel/Application/Writers', signed('c/User1'))).toBe(true);
    expect(channel.policies.evaluate('/Channel/Application/Writers', signed('c/peer'))).toBe(false);
    expect(channel.policies.evaluate('/Channel/Application/Readers', signed('c/peer'))).toBe(true);
    expect(channel.policies.evaluate('/Channel/Writers', signed('e/Admin'))).toBe(true);
    expect(channel.policies.evaluate('Application/Readers', signed('e/Admin'))).toBe(true);
  });

  it('MAJORITY Admins needs admins of 3 orgs; the orderer org has its own', () => {
    expect(channel.policies.evaluate('/Channel/Application/Admins', signed('a/Admin', 'b/Admin'))).toBe(
      false,
    );
    expect(
      channel.policies.evaluate('/Channel/Application/Admins', signed('a/Admin', 'b/Admin', 'c/Admin')),
    ).toBe(true);
    expect(
      channel.policies.evaluate('/Channel/Application/Admins', signed('a/User1', 'b/User1', 'c/User1')),
    ).toBe(false);
    const ordererAdmin = pki.crypto.orderer.users.Admin!;
    const ordererSigned = signAll(data, [
      createSigner('OrdererMSP', ordererAdmin.certPem, ordererAdmin.keyPem),
    ]);
    expect(channel.policies.evaluate('/Channel/Orderer/Admins', ordererSigned)).toBe(true);
    expect(channel.policies.evaluate('/Channel/Orderer/BlockValidation', ordererSigned)).toBe(true);
    expect(channel.policies.evaluate('/Channel/Orderer/Admins', signed('a/Admin'))).toBe(false);
  });

  it('never satisfies a policy that does not exist, and says so', () => {
    expect(channel.policies.has('/Channel/Application/Nope')).toBe(false);
    expect(channel.policies.evaluate('/Channel/Application/Nope', signed(...peers(5)))).toBe(false);
    expect(channel.policies.explain('/Channel/Application/Nope', [])).toBe(
      '/Channel/Application/Nope does not exist',
    );
  });

  it('explains which orgs fell short', () => {
    const text = channel.policies.explain('/Channel/Application/Endorsement', signed('a/peer', 'b/User1'));
    expect(text.split('\n')[0]).toBe(
      '/Channel/Application/Endorsement MAJORITY Endorsement is not satisfied: 1 of 5 sub-policies satisfied, 3 required',
    );
    expect(text).toContain('satisfied: /Channel/Application/a/Endorsement');
    expect(text).toContain(
      "not satisfied: /Channel/Application/b/Endorsement OR('BMSP.peer') is not satisfied by the signatures of [AMSP, BMSP]",
    );
    expect(
      channel.policies.explain('/Channel/Application/Endorsement', signed(...peers(3))).split('\n')[0],
    ).toMatch(/is satisfied: 3 of 5/);
  });

  it('evaluates application policies by reference and by signature policy', () => {
    const byReference = channelPolicyReference('/Channel/Application/Endorsement');
    expect(evaluateApplicationPolicy(byReference, signed(...peers(2)), channel.policies, channel.msps)).toBe(
      false,
    );
    expect(evaluateApplicationPolicy(byReference, signed(...peers(3)), channel.policies, channel.msps)).toBe(
      true,
    );
    const twoOf = signaturePolicyReference(nOutOf(2, ['AMSP', 'BMSP', 'CMSP'], 'peer'));
    expect(evaluateApplicationPolicy(twoOf, signed('a/peer', 'd/peer'), channel.policies, channel.msps)).toBe(
      false,
    );
    expect(evaluateApplicationPolicy(twoOf, signed('a/peer', 'c/peer'), channel.policies, channel.msps)).toBe(
      true,
    );
    expect(explainApplicationPolicy(twoOf, signed('a/peer', 'd/User1'), channel.policies, channel.msps)).toBe(
      "signature policy OutOf(2, 'AMSP.peer', 'BMSP.peer', 'CMSP.peer') is not satisfied by the valid signatures of [AMSP.peer, DMSP.client]",
    );
    expect(explainApplicationPolicy(byReference, signed('a/peer'), channel.policies, channel.msps)).toMatch(
      /^\/Channel\/Application\/Endorsement MAJORITY Endorsement is not satisfied: 1 of 5/,
    );
    expect(() => evaluateApplicationPolicy(new Uint8Array(0), [], channel.policies, channel.msps)).toThrow(
      new PolicyError(
        'MALFORMED_POLICY',
        'application policy has neither a signature policy nor a channel policy reference',
      ),
    );
  });
});
