/**
 * The automatic SUSPENDED triggers of rule 10 through the contracts, each on a freshly qualified
 * instrument, and the way back: the stage requalification restarts from, then QUALIFIED again.
 */
import type { InstrumentRecord } from '@alliance/chaincode/model/lab/instrument';
import type { AllianceUsers, LedgerHarness } from '../../support';
import { crm, HASH, icpTests, labAlliance, qualifiedInstrument } from './fixtures';

// Each file issues real certificates and runs dozens of transactions: generous under load.
jest.setTimeout(60_000);

describe('automatic suspension of an instrument (rule 10)', () => {
  let h: LedgerHarness;
  let users: AllianceUsers;
  let day = 10;

  /** Qualifies `id` on a day of its own in March 2025, leaving the clock at 12:00 that day. */
  async function qualified(id: string): Promise<string> {
    day += 1;
    const date = `2025-03-${String(day)}`;
    await qualifiedInstrument(h, users, id, date);
    h.setTime(`${date}T12:00:00Z`);
    return date;
  }

  async function qualification(id: string): Promise<InstrumentRecord['qualification']> {
    return (await h.ok<InstrumentRecord>(users.auditor, 'instruments:GetInstrument', { instrumentId: id }))
      .qualification;
  }

  beforeAll(async () => {
    ({ h, users } = await labAlliance());
    await h.ok(
      users.labAdmin,
      'calibrations:RegisterCrm',
      crm('CRM-A', { expiresAt: '2025-03-20T00:00:00Z' }),
    );
  });

  it('suspends on a relocation and requalifies from OQ', async () => {
    const date = await qualified('ICP-R');
    const maintenance = await h.invoke(users.labAnalyst, 'instruments:RecordMaintenance', {
      maintenanceId: 'M-1', instrumentId: 'ICP-R', kind: 'RELOCATION', description: 'moved to lab 3',
      performedAt: `${date}T11:30:00Z`, newLocation: 'Lab 3',
    }); // prettier-ignore
    expect(maintenance.ok && maintenance.events.map((e) => e.type)).toContain('instrument.suspended');
    expect(await qualification('ICP-R')).toMatchObject({
      state: 'SUSPENDED',
      suspension: { causes: ['RELOCATION'], requalifyFrom: 'OQ' },
    });
    for (const [i, stage] of ['OQ', 'PQ'].entries()) {
      const at = `${date}T${String(13 + i)}:00:00Z`;
      h.setTime(at);
      await h.ok(users.labAnalyst, 'instruments:RecordQualification', {
        qualificationId: `ICP-R-RE-${stage}`, instrumentId: 'ICP-R', stage, performedAt: at, softwareVersion: '4.1',
        firmwareVersion: '2.0', tests: icpTests(), documents: [{ name: `${stage} after relocation`, sha256: HASH }],
      }); // prettier-ignore
    }
    expect(await qualification('ICP-R')).toMatchObject({
      state: 'QUALIFIED',
      qualifiedUntil: `2026-${date.slice(5)}T14:00:00.000Z`,
    });
  });

  it('suspends on a software change, and the owner lab alone may change its instrument', async () => {
    const date = await qualified('ICP-S');
    const change = {
      instrumentId: 'ICP-S',
      softwareVersion: '4.2',
      changedAt: `${date}T11:45:00Z`,
      reason: 'vendor update',
    };
    expect((await h.refused(users.verifierAnalyst, 'instruments:ChangeConfiguration', change)).code).toBe(
      'NOT_OWNER',
    );
    await h.ok(users.labAnalyst, 'instruments:ChangeConfiguration', change);
    expect(await qualification('ICP-S')).toMatchObject({
      state: 'SUSPENDED',
      suspension: { causes: ['SOFTWARE_CHANGE'], requalifyFrom: 'OQ' },
    });
  });

  it('suspends on an out-of-tolerance calibration', async () => {
    const date = await qualified('ICP-T');
    await h.ok(users.labAnalyst, 'calibrations:RecordCalibration', {
      calibrationId: 'CAL-T', instrumentId: 'ICP-T', crmIds: ['CRM-A'], calibratedAt: `${date}T12:00:00Z`, dueAt: `${date}T23:00:00Z`,
      points: [{ analyte: 'Pb', nominal: 10, measured: 11, unit: 'µg/L', tolerancePct: 5 }],
    }); // prettier-ignore
    expect(await qualification('ICP-T')).toMatchObject({
      state: 'SUSPENDED',
      suspension: { causes: ['CALIBRATION_OUT_OF_TOLERANCE'] },
    });
  });

  it('retires an instrument for good', async () => {
    await qualified('ICP-X');
    await h.ok(users.labAdmin, 'instruments:RetireInstrument', {
      instrumentId: 'ICP-X',
      reason: 'end of life',
    });
    expect((await qualification('ICP-X')).state).toBe('RETIRED');
    const again = await h.refused(users.labAdmin, 'instruments:SuspendInstrument', {
      instrumentId: 'ICP-X',
      reason: 'x',
    });
    expect(again.code).toBe('INVALID_STATE');
  });

  it('suspends the instrument whose current calibration used a CRM once its expiry is recorded', async () => {
    const date = await qualified('ICP-E');
    await h.ok(users.labAnalyst, 'calibrations:RecordCalibration', {
      calibrationId: 'CAL-E', instrumentId: 'ICP-E', crmIds: ['CRM-A'], calibratedAt: `${date}T12:00:00Z`, dueAt: `${date}T23:00:00Z`,
      points: [{ analyte: 'Pb', nominal: 10, measured: 10.1, unit: 'µg/L', tolerancePct: 5 }],
    }); // prettier-ignore
    expect((await h.refused(users.labAdmin, 'calibrations:RecordCrmExpiry', { crmId: 'CRM-A' })).code).toBe(
      'INVALID_STATE',
    );
    h.setTime('2025-03-21T08:00:00Z');
    const expired = await h.ok<{ suspendedInstruments: string[]; heldLots: string[] }>(
      users.labAdmin,
      'calibrations:RecordCrmExpiry',
      { crmId: 'CRM-A' },
    );
    expect(expired).toEqual({ suspendedInstruments: ['ICP-E'], heldLots: [] });
    expect((await qualification('ICP-E')).suspension?.causes).toEqual(['CRM_EXPIRED']);
  });
});
