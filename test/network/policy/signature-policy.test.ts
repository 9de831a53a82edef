import { type ChannelMsps, createChannelMsps } from '@alliance/network/identity';
import {
  type SignedData,
  describeSignaturePolicy,
  evaluateSignaturePolicy,
  isPolicyError,
  nOutOf,
  parseSignaturePolicy,
  validIdentities,
} from '@alliance/network/policy';
import { PKI_TIMEOUT_MS, type TestPki, createTestPki, signedBy } from '../fixtures/pki';

let pki: TestPki;
let msps: ChannelMsps;
const data = Buffer.from('prp bytes || endorser');

beforeAll(async () => {
  pki = await createTestPki(['a', 'b', 'c', 'outsider']);
  msps = createChannelMsps(pki.mspConfigs(['a', 'b', 'c']));
}, PKI_TIMEOUT_MS);

afterAll(() => {
  pki.remove();
});

function signed(...who: string[]): SignedData[] {
  return signedBy(pki, data, who);
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isPolicyError(error) ? error.code : 'OTHER';
  }
  return undefined;
}

function holds(policy: string, set: SignedData[]): boolean {
  return evaluateSignaturePolicy(parseSignaturePolicy(policy), set, msps);
}

describe('signature policy evaluation', () => {
  it('1-of-2', () => {
    const policy = "OR('AMSP.member', 'BMSP.member')";
    expect(holds(policy, [])).toBe(false);
    expect(holds(policy, signed('a/User1'))).toBe(true);
    expect(holds(policy, signed('b/peer'))).toBe(true);
    expect(holds(policy, signed('c/User1'))).toBe(false);
    expect(holds(policy, signed('c/User1', 'b/Admin'))).toBe(true);
  });

  it('2-of-3 counts a repeated signer once', () => {
    const policy = nOutOf(2, ['AMSP', 'BMSP', 'CMSP']);
    expect(evaluateSignaturePolicy(policy, signed('a/User1', 'a/User1'), msps)).toBe(false);
    expect(evaluateSignaturePolicy(policy, signed('a/User1', 'a/User1', 'c/peer'), msps)).toBe(true);
    expect(evaluateSignaturePolicy(policy, signed('a/User1', 'b/User1', 'c/User1'), msps)).toBe(true);
    expect(validIdentities(signed('a/User1', 'a/User1', 'b/User1'), msps).map((i) => i.mspId)).toEqual([
      'AMSP',
      'BMSP',
    ]);
  });

  it('lets one signature satisfy one principal only', () => {
    const twoOfA = "AND('AMSP.member', 'AMSP.member')";
    expect(holds(twoOfA, signed('a/User1'))).toBe(false);
    expect(holds(twoOfA, signed('a/User1', 'a/User2'))).toBe(true);
    // Greedy, as Fabric: the member rule takes the first signer that fits. When that is the
    // admin, the admin rule finds nobody left; in the other order both rules are met.
    expect(holds("AND('AMSP.member', 'AMSP.admin')", signed('a/Admin', 'a/User1'))).toBe(false);
    expect(holds("AND('AMSP.member', 'AMSP.admin')", signed('a/User1', 'a/Admin'))).toBe(true);
    expect(holds("AND('AMSP.admin', 'AMSP.admin')", signed('a/Admin', 'a/User1'))).toBe(false);
  });

  it('matches role principals member, admin, peer and client', () => {
    const table = ['member', 'admin', 'peer', 'client'].map((role) =>
      ['a/User1', 'a/Admin', 'a/peer'].map((who) => holds(`OR('AMSP.${role}')`, signed(who))),
    );
    expect(table).toEqual([
      [true, true, true],
      [false, true, false],
      [false, false, true],
      [true, false, false],
    ]);
  });

  it('ignores signatures of non-members and invalid signatures', () => {
    const anyOf = "OR('AMSP.member', 'BMSP.member', 'CMSP.member', 'OutsiderMSP.member')";
    expect(holds(anyOf, signed('outsider/User1'))).toBe(false);
    const [good, bad] = signed('a/User1', 'b/User1');
    const forged = { ...bad!, data: Buffer.from('other data') };
    expect(holds("AND('AMSP.member', 'BMSP.member')", [good!, forged])).toBe(false);
    expect(holds("AND('AMSP.member', 'BMSP.member')", [good!, bad!])).toBe(true);
    // A failed signature does not block a later good one by the same signer.
    expect(holds("OR('BMSP.member')", [forged, bad!])).toBe(true);
  });

  it('evaluates nested gates', () => {
    const policy = "OR('AMSP.admin', AND('BMSP.peer', 'CMSP.peer'))";
    expect(holds(policy, signed('a/Admin'))).toBe(true);
    expect(holds(policy, signed('b/peer'))).toBe(false);
    expect(holds(policy, signed('b/peer', 'c/peer'))).toBe(true);
    expect(holds("OutOf(0, 'AMSP.admin')", [])).toBe(true);
  });
});

describe('policy language', () => {
  it('numbers principals as Fabric does: nested gates first', () => {
    const env = parseSignaturePolicy("OR('A.member', AND('B.peer', \"C.admin\"))");
    expect(env.getVersion()).toBe(0);
    expect(describeSignaturePolicy(env)).toBe("OR('A.member', AND('B.peer', 'C.admin'))");
    const rule = env.getRule()!.getNOutOf()!;
    expect(rule.getN()).toBe(1);
    expect(rule.getRulesList()[0]!.getSignedBy()).toBe(2);
    expect(
      rule
        .getRulesList()[1]!
        .getNOutOf()!
        .getRulesList()
        .map((r) => r.getSignedBy()),
    ).toEqual([0, 1]);
  });

  it('reads OutOf, lower-case gates and dotted MSP ids', () => {
    const env = parseSignaturePolicy("outof(2, 'org.one.member', 'Org2.peer', 'Org3.client')");
    expect(describeSignaturePolicy(env)).toBe("OutOf(2, 'org.one.member', 'Org2.peer', 'Org3.client')");
    expect(describeSignaturePolicy(parseSignaturePolicy("and('A.orderer')"))).toBe("OR('A.orderer')");
    expect(describeSignaturePolicy(nOutOf(2, ['A', 'B', 'C'], 'peer'))).toBe(
      "OutOf(2, 'A.peer', 'B.peer', 'C.peer')",
    );
  });

  it.each([
    ["OR('A.member'", /unexpected end/],
    ["OR('A.boss')", /not a principal/],
    ["XOR('A.member')", /unknown gate 'XOR'/],
    ["'A.member'", /starts with a gate/],
    ["OutOf(3, 'A.member', 'B.member')", /has only 2 sub-policies/],
    ["OR('A.member') extra", /unexpected text/],
    ['OR(A.member)', /unexpected character '.'/],
    ['OR(7)', /expected a gate/],
  ])('refuses %s', (text, message) => {
    expect(() => parseSignaturePolicy(text)).toThrow(message);
    expect(codeOf(() => parseSignaturePolicy(text))).toBe('POLICY_SYNTAX');
  });
});
