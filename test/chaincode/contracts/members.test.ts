import { contracts } from '@alliance/chaincode';
import type { MemberRecord, PolicyDocument } from '@alliance/chaincode/model';
import { DEFAULT_MEMBERS, LedgerHarness, allianceUsers, bootstrappedAlliance } from '../support';

describe('members: bootstrap', () => {
  it('writes the founding registry and policy v1 once, for a founding platform admin only', async () => {
    const h = new LedgerHarness(contracts);
    const users = await allianceUsers(h);
    h.setTime('2025-02-01T09:00:00Z');
    // Not a founding PLATFORM admin: refused, nothing written.
    expect((await h.refused(users.brandAdmin, 'members:Bootstrap', { members: DEFAULT_MEMBERS })).code).toBe(
      'ROLE_DENIED',
    );
    expect((await h.refused(users.auditor, 'members:Bootstrap', { members: DEFAULT_MEMBERS })).code).toBe(
      'ROLE_DENIED',
    );
    expect(h.ledger.height).toBe(0);
    expect((await h.refused(users.platformAdmin, 'policy:GetPolicy')).code).toBe('ROLE_DENIED');

    const result = await h.ok(users.platformAdmin, 'members:Bootstrap', {
      members: DEFAULT_MEMBERS,
      parameters: { acceptT2: false },
    });
    expect(result).toEqual({ members: DEFAULT_MEMBERS.map((m) => m.mspId).sort(), policyVersion: 1 });
    const lab = await h.ok<MemberRecord>(users.brandUser, 'members:GetMember', { mspId: 'LabMSP' });
    expect(lab).toMatchObject({ mspId: 'LabMSP', roles: ['LAB'], status: 'ACTIVE', version: 1 });
    expect(lab.created).toEqual({
      by: {
        mspId: 'PlatformMSP',
        userId: 'x509::/CN=Admin@platform/OU=client/O=PlatformMSP::/CN=ca.platformmsp/O=PlatformMSP',
        printedName: 'Admin@platform',
      },
      at: '2025-02-01T09:00:03.000Z',
      reason: 'founding member',
    });
    const policy = await h.ok<PolicyDocument>(users.labAnalyst, 'policy:GetPolicy');
    expect(policy.version).toBe(1);
    expect(policy.parameters.acceptT2).toBe(false);
    expect(policy.parameters.ptCurrencyMonths).toBe(36);
    expect(h.events().map((e) => e.type)).toEqual(['alliance.bootstrapped']);

    expect(
      (await h.refused(users.platformAdmin, 'members:Bootstrap', { members: DEFAULT_MEMBERS })).code,
    ).toBe('ALREADY_BOOTSTRAPPED');
    expect((await h.refused(users.brandAdmin, 'members:Bootstrap', { members: DEFAULT_MEMBERS })).code).toBe(
      'ROLE_DENIED',
    );
    // Governance keys carry no key-level policy: the channel's MAJORITY applies.
    expect(h.keyPolicy(h.compositeKey('member', ['LabMSP']))).toBeUndefined();
  });

  it('validates the founding registry', async () => {
    const h = new LedgerHarness(contracts);
    const { platformAdmin } = await allianceUsers(h);
    const noPlatform = await h.refused(platformAdmin, 'members:Bootstrap', {
      members: [{ mspId: 'PlatformMSP', name: 'P', roles: ['AUDITOR'] }],
    });
    expect(noPlatform.code).toBe('VALIDATION_FAILED');
    expect(noPlatform.issues).toEqual([{ path: 'members', message: 'must name a PLATFORM member' }]);
    const bad = await h.refused(platformAdmin, 'members:Bootstrap', {
      members: [{ mspId: 'PlatformMSP', name: 'P', roles: ['PLATFORM', 'KING'] }],
      parameters: { dueSoonDays: -1 },
    });
    expect(bad.issues.map((i) => i.path).sort()).toEqual(['members.0.roles.1', 'parameters.dueSoonDays']);
  });
});

describe('members: governance', () => {
  it('adds, re-roles, suspends and reinstates members, keeping every version', async () => {
    const { h, users } = await bootstrappedAlliance();
    const added = await h.ok<MemberRecord>(users.platformAdmin, 'members:AddMember', {
      mspId: 'Lab2MSP',
      name: 'Second lab',
      roles: ['LAB'],
      reason: 'joined after vote',
    });
    expect(added).toMatchObject({ status: 'ACTIVE', version: 1, roles: ['LAB'] });
    expect(
      (
        await h.refused(users.platformAdmin, 'members:AddMember', {
          mspId: 'Lab2MSP',
          name: 'x',
          roles: ['LAB'],
          reason: 'r',
        })
      ).code,
    ).toBe('ALREADY_EXISTS');

    const reRoled = await h.ok<MemberRecord>(users.platformAdmin, 'members:UpdateRoles', {
      mspId: 'Lab2MSP',
      roles: ['VERIFIER', 'LAB'],
      reason: 'verifier accreditation',
    });
    expect(reRoled).toMatchObject({ roles: ['LAB', 'VERIFIER'], version: 2 });
    expect(reRoled.updated.reason).toBe('verifier accreditation');
    expect(
      (
        await h.refused(users.platformAdmin, 'members:UpdateRoles', {
          mspId: 'Lab2MSP',
          roles: ['LAB', 'VERIFIER'],
          reason: 'r',
        })
      ).code,
    ).toBe('INVALID_STATE');

    const suspended = await h.invoke(users.platformAdmin, 'members:SuspendMember', {
      mspId: 'LabMSP',
      reason: 'audit finding',
    });
    expect(suspended.ok && suspended.events).toEqual([
      expect.objectContaining({
        type: 'member.suspended',
        subject: { kind: 'member', id: 'LabMSP' },
        data: { roles: ['LAB'], reason: 'audit finding' },
      }),
    ]);
    // A suspended member holds no roles, not even to read.
    expect((await h.refused(users.labAnalyst, 'members:ListMembers')).code).toBe('ROLE_DENIED');
    expect(
      (await h.refused(users.platformAdmin, 'members:SuspendMember', { mspId: 'LabMSP', reason: 'x' })).code,
    ).toBe('INVALID_STATE');
    await h.ok(users.platformAdmin, 'members:ReinstateMember', {
      mspId: 'LabMSP',
      reason: 'corrective action closed',
    });
    const list = await h.ok<MemberRecord[]>(users.labAnalyst, 'members:ListMembers');
    expect(list.map((m) => [m.mspId, m.status, m.version])).toEqual([
      ['BrandMSP', 'ACTIVE', 1],
      ['Lab2MSP', 'ACTIVE', 2],
      ['LabMSP', 'ACTIVE', 3],
      ['PlatformMSP', 'ACTIVE', 1],
      ['SupplierMSP', 'ACTIVE', 1],
      ['VerifierMSP', 'ACTIVE', 1],
    ]);
    expect(h.ledger.history(h.compositeKey('member', ['LabMSP']))).toHaveLength(3);
  });

  it('never leaves the alliance without an active PLATFORM member', async () => {
    const { h, users } = await bootstrappedAlliance();
    const suspend = await h.refused(users.platformAdmin, 'members:SuspendMember', {
      mspId: 'PlatformMSP',
      reason: 'x',
    });
    expect(suspend.code).toBe('INVALID_STATE');
    const demote = await h.refused(users.platformAdmin, 'members:UpdateRoles', {
      mspId: 'PlatformMSP',
      roles: ['AUDITOR'],
      reason: 'x',
    });
    expect(demote.code).toBe('INVALID_STATE');
  });

  it('answers NOT_FOUND for unknown members and refuses non-admins', async () => {
    const { h, users } = await bootstrappedAlliance();
    expect((await h.refused(users.brandUser, 'members:GetMember', { mspId: 'NobodyMSP' })).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await h.refused(users.platformAdmin, 'members:SuspendMember', { mspId: 'NobodyMSP', reason: 'x' }))
        .code,
    ).toBe('NOT_FOUND');
    expect(
      (await h.refused(users.auditor, 'members:SuspendMember', { mspId: 'LabMSP', reason: 'x' })).code,
    ).toBe('ROLE_DENIED');
    expect(
      (
        await h.refused(users.brandAdmin, 'members:AddMember', {
          mspId: 'XMSP',
          name: 'x',
          roles: ['LAB'],
          reason: 'x',
        })
      ).code,
    ).toBe('ROLE_DENIED');
  });
});
