import { DEFAULT_POLICY_PARAMETERS, type PolicyDocument } from '@alliance/chaincode/model';
import { bootstrappedAlliance } from '../support';

describe('policy', () => {
  it('amends into a new version with its reason and keeps every version readable', async () => {
    const { h, users } = await bootstrappedAlliance();
    const v1 = await h.ok<PolicyDocument>(users.auditor, 'policy:GetPolicy', {});
    expect(v1.parameters).toEqual(DEFAULT_POLICY_PARAMETERS);
    h.setTime('2025-06-01T12:00:00Z');
    const amended = await h.invoke(users.platformAdmin, 'policy:AmendPolicy', {
      changes: { acceptT2: false, trustedSource: { windowMonths: 24, minReleasedLots: 8 } },
      reason: 'assembly decision 2025-05',
    });
    expect(amended.ok).toBe(true);
    if (!amended.ok) return;
    expect(amended.events[0]).toMatchObject({ type: 'policy.amended', subject: { kind: 'policy', id: '2' } });
    const v2 = await h.ok<PolicyDocument>(users.labAnalyst, 'policy:GetPolicy');
    expect(v2).toMatchObject({
      version: 2,
      adoptedAt: '2025-06-01T12:00:00.000Z',
      reason: 'assembly decision 2025-05',
    });
    expect(v2.parameters).toEqual({
      ...DEFAULT_POLICY_PARAMETERS,
      acceptT2: false,
      trustedSource: { windowMonths: 24, minReleasedLots: 8 },
    });
    expect(await h.ok<PolicyDocument>(users.labAnalyst, 'policy:GetPolicy', { version: 1 })).toEqual(v1);
    expect(
      (await h.ok<PolicyDocument[]>(users.brandUser, 'policy:PolicyHistory')).map((p) => p.version),
    ).toEqual([1, 2]);
    expect((await h.refused(users.brandUser, 'policy:GetPolicy', { version: 3 })).code).toBe('NOT_FOUND');
  });

  it('refuses empty or invalid amendments and non-platform callers', async () => {
    const { h, users } = await bootstrappedAlliance();
    const empty = await h.refused(users.platformAdmin, 'policy:AmendPolicy', { changes: {}, reason: 'x' });
    expect(empty.issues).toEqual([{ path: 'changes', message: 'must change at least one parameter' }]);
    const unknown = await h.refused(users.platformAdmin, 'policy:AmendPolicy', {
      changes: { magic: 1 },
      reason: 'x',
    });
    expect(unknown.code).toBe('VALIDATION_FAILED');
    const noReason = await h.refused(users.platformAdmin, 'policy:AmendPolicy', {
      changes: { acceptT2: false },
    });
    expect(noReason.issues.map((i) => i.path)).toEqual(['reason']);
    expect(
      (await h.refused(users.auditor, 'policy:AmendPolicy', { changes: { acceptT2: false }, reason: 'x' }))
        .code,
    ).toBe('ROLE_DENIED');
    expect(
      (await h.refused(users.labAdmin, 'policy:AmendPolicy', { changes: { acceptT2: false }, reason: 'x' }))
        .code,
    ).toBe('ROLE_DENIED');
  });
});
