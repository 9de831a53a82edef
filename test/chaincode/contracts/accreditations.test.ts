import type { AccreditationRecord, ProficiencyTestRecord } from '@alliance/chaincode/model';
import { bootstrappedAlliance } from '../support';

const CNAS = {
  labMspId: 'VerifierMSP',
  body: 'CNAS',
  ilacMraSignatory: true,
  certificateNumber: 'L1234',
  validFrom: '2022-01-01',
  validTo: '2027-12-31',
  scope: [
    { analyte: 'Pb', matrix: 'botanical', methodId: 'USP233-ICPMS', methodVersion: '2' },
    { analyte: 'As-inorganic', matrix: 'botanical', methodId: 'ChP2322', methodVersion: '1' },
  ],
};

describe('members: accreditations', () => {
  it('records, revises with a reason, and tracks every status change', async () => {
    const { h, users } = await bootstrappedAlliance();
    h.setTime('2025-01-10T00:00:00Z');
    const created = await h.ok<AccreditationRecord>(users.registrar, 'members:RecordAccreditation', CNAS);
    expect(created).toMatchObject({ status: 'ACTIVE', version: 1, ilacMraSignatory: true });
    expect(created.statusHistory).toEqual([
      { status: 'ACTIVE', at: '2025-01-10T00:00:00.000Z', reason: 'accreditation recorded' },
    ]);

    const noReason = await h.refused(users.registrar, 'members:RecordAccreditation', {
      ...CNAS,
      validTo: '2028-12-31',
    });
    expect(noReason.issues).toEqual([
      { path: 'reason', message: 'is required when the accreditation already exists' },
    ]);
    const revised = await h.ok<AccreditationRecord>(users.registrar, 'members:RecordAccreditation', {
      ...CNAS,
      validTo: '2028-12-31',
      reason: 'reassessment passed',
    });
    expect(revised).toMatchObject({ validTo: '2028-12-31', version: 2 });

    await h.ok(users.registrar, 'members:SetAccreditationStatus', {
      labMspId: 'VerifierMSP',
      body: 'CNAS',
      certificateNumber: 'L1234',
      status: 'SUSPENDED',
      reason: 'surveillance finding',
    });
    const withdrawn = await h.invoke(users.registrar, 'members:SetAccreditationStatus', {
      labMspId: 'VerifierMSP',
      body: 'CNAS',
      certificateNumber: 'L1234',
      status: 'WITHDRAWN',
      reason: 'not resolved',
    });
    expect(withdrawn.ok && withdrawn.events[0]?.data).toEqual({
      labMspId: 'VerifierMSP',
      from: 'SUSPENDED',
      to: 'WITHDRAWN',
      reason: 'not resolved',
    });
    const final = await h.refused(users.registrar, 'members:SetAccreditationStatus', {
      labMspId: 'VerifierMSP',
      body: 'CNAS',
      certificateNumber: 'L1234',
      status: 'ACTIVE',
      reason: 'x',
    });
    expect(final.code).toBe('INVALID_STATE');
    const record = await h.ok<AccreditationRecord>(users.labAnalyst, 'members:GetAccreditation', {
      labMspId: 'VerifierMSP',
      body: 'CNAS',
      certificateNumber: 'L1234',
    });
    expect(record.statusHistory.map((s) => s.status)).toEqual(['ACTIVE', 'SUSPENDED', 'WITHDRAWN']);
    expect(
      await h.ok<AccreditationRecord[]>(users.auditor, 'members:ListAccreditations', { labMspId: 'LabMSP' }),
    ).toEqual([]);
    expect(await h.ok<AccreditationRecord[]>(users.auditor, 'members:ListAccreditations')).toHaveLength(1);
  });

  it('refuses non-labs, bad validity, and callers other than the registrar', async () => {
    const { h, users } = await bootstrappedAlliance();
    expect(
      (await h.refused(users.registrar, 'members:RecordAccreditation', { ...CNAS, labMspId: 'BrandMSP' }))
        .code,
    ).toBe('INVALID_STATE');
    expect(
      (await h.refused(users.registrar, 'members:RecordAccreditation', { ...CNAS, labMspId: 'NoMSP' })).code,
    ).toBe('NOT_FOUND');
    const dates = await h.refused(users.registrar, 'members:RecordAccreditation', {
      ...CNAS,
      validTo: '2021-01-01',
    });
    expect(dates.issues).toEqual([{ path: 'validTo', message: 'must not be before validFrom' }]);
    expect((await h.refused(users.verifierAdmin, 'members:RecordAccreditation', CNAS)).code).toBe(
      'ROLE_DENIED',
    );
    expect((await h.refused(users.auditor, 'members:RecordAccreditation', CNAS)).code).toBe('ROLE_DENIED');
  });
});

describe('members: proficiency tests', () => {
  const pt = {
    labMspId: 'LabMSP',
    scheme: 'FAPAS-07',
    round: '0712',
    analyte: 'Pb',
    matrix: 'botanical',
    scoreType: 'z',
    score: 1.2,
    date: '2024-11-02',
  };

  it('stores results per sub-field and lists them by lab, analyte and matrix', async () => {
    const { h, users } = await bootstrappedAlliance();
    h.setTime('2025-01-10T00:00:00Z');
    await h.ok(users.registrar, 'members:RecordProficiencyTest', pt);
    await h.ok(users.registrar, 'members:RecordProficiencyTest', {
      ...pt,
      round: '0650',
      date: '2023-05-01',
      score: -3.4,
    });
    await h.ok(users.registrar, 'members:RecordProficiencyTest', {
      ...pt,
      matrix: 'oil',
      scoreType: 'En',
      score: 0.8,
    });
    await h.ok(users.registrar, 'members:RecordProficiencyTest', { ...pt, analyte: 'Cd' });
    expect((await h.refused(users.registrar, 'members:RecordProficiencyTest', pt)).code).toBe(
      'ALREADY_EXISTS',
    );

    const pb = await h.ok<ProficiencyTestRecord[]>(users.labAnalyst, 'members:ListProficiencyTests', {
      labMspId: 'LabMSP',
      analyte: 'Pb',
      matrix: 'botanical',
    });
    expect(pb.map((r) => [r.round, r.score])).toEqual([
      ['0650', -3.4],
      ['0712', 1.2],
    ]);
    expect(
      await h.ok<ProficiencyTestRecord[]>(users.labAnalyst, 'members:ListProficiencyTests', {
        labMspId: 'LabMSP',
        analyte: 'Pb',
      }),
    ).toHaveLength(3);
    expect(
      await h.ok<ProficiencyTestRecord[]>(users.labAnalyst, 'members:ListProficiencyTests', {
        labMspId: 'LabMSP',
      }),
    ).toHaveLength(4);
    const matrixOnly = await h.refused(users.labAnalyst, 'members:ListProficiencyTests', {
      labMspId: 'LabMSP',
      matrix: 'oil',
    });
    expect(matrixOnly.issues[0]?.path).toBe('matrix');
  });

  it('refuses results dated after ledger time', async () => {
    const { h, users } = await bootstrappedAlliance();
    h.setTime('2024-11-01T23:00:00Z');
    expect((await h.refused(users.registrar, 'members:RecordProficiencyTest', pt)).code).toBe(
      'CHRONOLOGY_VIOLATION',
    );
  });
});
