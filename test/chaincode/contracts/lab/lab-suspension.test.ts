/**
 * Suspending a laboratory member (rules 20 and 33): its recognitions are suspended and the lots
 * it tested go on HOLD_ADDITIONAL_VERIFICATION with the cause; reinstating it closes the cause.
 */
import type { HoldRecord } from '@alliance/chaincode/model';
import type { RecognitionRecord } from '@alliance/chaincode/model/lab/report';
import type { AllianceUsers, LedgerHarness } from '../../support';
import { labWithRun, LOT, report } from './fixtures';

const DAY = '2025-03-03';

jest.setTimeout(30_000);

describe('suspending a lab member', () => {
  let h: LedgerHarness;
  let users: AllianceUsers;

  beforeAll(async () => {
    ({ h, users } = await labWithRun(DAY));
    h.setTime(`${DAY}T16:00:00Z`);
    await h.ok(users.labAnalyst, 'reports:CreateReport', report('REP-1', 'RUN-1', DAY));
    await h.ok(users.labAnalyst, 'reports:SubmitReport', { reportId: 'REP-1' });
    await h.ok(users.labAnalyst, 'reports:SignReport', { reportId: 'REP-1' });
    await h.ok(users.labReviewer, 'reports:ReviewReport', { reportId: 'REP-1' });
    await h.ok(users.labApprover, 'reports:ApproveReport', { reportId: 'REP-1' });
  });

  const recognition = () =>
    h.ok<RecognitionRecord>(users.brandAdmin, 'reports:GetRecognition', { reportId: 'REP-1' });
  const holds = () => h.ok<HoldRecord[]>(users.brandAdmin, 'lots:GetHolds', { lotId: LOT });

  it('suspends its recognitions and holds the lots it tested, with the cause', async () => {
    expect((await recognition()).suspendedAt).toBeUndefined();
    expect(await holds()).toEqual([]);

    h.setTime(`${DAY}T18:00:00Z`);
    await h.ok(users.platformAdmin, 'members:SuspendMember', {
      mspId: 'LabMSP',
      reason: 'accreditation withdrawn by UKAS',
    });

    expect(await recognition()).toMatchObject({
      status: 'RECOGNIZED',
      suspendedAt: `${DAY}T18:00:00.000Z`,
      suspensionCause: 'lab LabMSP suspended: accreditation withdrawn by UKAS',
    });
    const open = await holds();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      lotId: LOT,
      status: 'OPEN',
      cause: { kind: 'LAB_SUSPENDED', refId: 'LabMSP' },
    });
    expect(open[0]?.cause.reason).toContain('accreditation withdrawn by UKAS');
    expect(h.events().map((e) => e.type)).toEqual(
      expect.arrayContaining(['member.suspended', 'lot.held', 'hold.propagated']),
    );
  });

  it('lets the hold be lifted once the lab is reinstated, and not before', async () => {
    const [hold] = await holds();
    const early = await h.refused(users.supplierAdmin, 'lots:LiftHold', {
      lotId: LOT,
      holdId: hold!.holdId,
      basis: 'CAUSE_CLOSED',
      reason: 'lab back',
    });
    expect(early.code).toBe('INVALID_STATE');
    await h.ok(users.platformAdmin, 'members:ReinstateMember', { mspId: 'LabMSP', reason: 'reassessed' });
    await h.ok(users.supplierAdmin, 'lots:LiftHold', {
      lotId: LOT,
      holdId: hold!.holdId,
      basis: 'CAUSE_CLOSED',
      reason: 'lab back',
    });
    expect((await holds()).filter((x) => x.status === 'OPEN')).toEqual([]);
  });

  it('suspends a member that is not a lab without touching lots or recognitions', async () => {
    await h.ok(users.platformAdmin, 'members:SuspendMember', { mspId: 'BrandMSP', reason: 'dues unpaid' });
    expect(
      (await h.ok<HoldRecord[]>(users.auditor, 'lots:GetHolds', { lotId: LOT })).filter(
        (x) => x.status === 'OPEN',
      ),
    ).toEqual([]);
  });
});
