/**
 * A bootstrapped alliance with an accredited lab, a product, a lot, and builders for the lab
 * records of the path lot -> instrument -> calibration -> run -> report.
 */
import { defaultTemplate } from '@alliance/chaincode/rules/lab/limit-templates';
import { bootstrappedAlliance, type AllianceUsers, type LedgerHarness } from '../../support';

export const LOT = '09506000123455.L1';
export const HASH = 'ab'.repeat(32);

/** Every ICP-MS template test, passing (or with `fail` out of its limit). */
export function icpTests(fail?: string): Record<string, unknown>[] {
  return defaultTemplate('ICP-MS').map((t) => {
    const base = { testId: t.testId, name: t.testId, unit: t.unit, performedBy: 'analyst@lab' };
    if (t.testId === 'SENSITIVITY')
      return { ...base, measured: 90000, limit: { kind: 'MIN', value: 50000, inclusive: true } };
    if (t.limit.kind === 'DEVIATION')
      return { ...base, setPoint: 59, measured: t.testId === fail ? 59.5 : 59.05, limit: t.limit };
    return { ...base, measured: t.testId === fail ? 99 : 0.5, limit: t.limit };
  });
}

/** A bootstrapped alliance with LabMSP accredited (UKAS, ILAC-MRA) for Pb and Cd, PT current, a product and a lot. */
export async function labAlliance(): Promise<{ h: LedgerHarness; users: AllianceUsers }> {
  const { h, users } = await bootstrappedAlliance();
  h.setTime('2025-03-01T08:00:00Z');
  const scope = ['Pb', 'Cd', 'As'].map((analyte) => ({
    analyte,
    matrix: 'botanical',
    methodId: 'M-ICPMS',
    methodVersion: '1',
  }));
  await h.ok(users.registrar, 'members:RecordAccreditation', {
    labMspId: 'LabMSP',
    body: 'UKAS',
    certificateNumber: '4321',
    ilacMraSignatory: true,
    validFrom: '2024-01-01',
    validTo: '2028-12-31',
    scope,
  });
  for (const analyte of ['Pb', 'Cd']) {
    await h.ok(users.registrar, 'members:RecordProficiencyTest', {
      labMspId: 'LabMSP', scheme: 'FAPAS-07', round: `R-${analyte}`, analyte, matrix: 'botanical', scoreType: 'z', score: 0.8, date: '2024-10-01',
    }); // prettier-ignore
  }
  await h.ok(users.brandAdmin, 'products:RegisterProduct', {
    productId: 'P-TURMERIC',
    name: 'Turmeric capsules',
    maxDailyServingG: 2,
    formula: [{ material: '09506000123455', gramsPerServing: 0.5, botanical: true }],
    requiredAnalytes: [{ material: '09506000123455', analytes: ['Pb', 'Cd'] }],
    limitRegime: 'USP',
    foodCategory: 'capsule',
  });
  await h.ok(users.supplierAdmin, 'lots:RegisterLot', {
    gtin: '09506000123455', lot: 'L1', supplierGln: '4006381333931', countryOfOrigin: 'IN', expiryDate: '2027-01-01',
    quantity: 100, uom: 'KGM', eventTime: '2025-03-01T08:00:00Z', eventTimeZoneOffset: '+00:00',
  }); // prettier-ignore
  return { h, users };
}

/** Registers a CRM of LabMSP. */
export function crm(crmId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    crmId,
    producer: 'National Institute of Metrology',
    catalogueCode: 'GBW07603',
    lot: 'a',
    certificateId: `CERT-${crmId}`,
    certificateSha256: HASH,
    certifiedValues: [{ analyte: 'Pb', value: 1.5, unit: 'mg/kg', U: 0.1, k: 2 }],
    expiresAt: '2026-12-31T00:00:00Z',
    ...extra,
  };
}

/** Registers an ICP-MS and takes it through IQ, OQ and PQ (performed one hour apart from `day`). */
export async function qualifiedInstrument(
  h: LedgerHarness,
  users: AllianceUsers,
  instrumentId: string,
  day: string,
): Promise<void> {
  h.setTime(`${day}T08:00:00Z`);
  await h.ok(users.labAdmin, 'instruments:RegisterInstrument', {
    instrumentId, technique: 'ICP-MS', uspGroup: 'C', manufacturer: 'Maker', model: 'MS-1', serialNumber: `SN-${instrumentId}`,
    softwareVersion: '4.1', firmwareVersion: '2.0', location: 'Lab 2',
  }); // prettier-ignore
  for (const [i, stage] of ['IQ', 'OQ', 'PQ'].entries()) {
    const at = `${day}T${String(9 + i).padStart(2, '0')}:00:00Z`;
    h.setTime(at);
    await h.ok(users.labAnalyst, 'instruments:RecordQualification', {
      qualificationId: `${instrumentId}-${stage}`, instrumentId, stage, performedAt: at,
      softwareVersion: '4.1', firmwareVersion: '2.0', tests: icpTests(), documents: [{ name: `${stage} protocol`, sha256: HASH }],
    }); // prettier-ignore
  }
}

/** Calibrates, checks and runs `lotId` on the instrument on `day` (calibration 12:00, check 12:30, run 13:00-15:00). */
export async function calibratedRun(
  h: LedgerHarness,
  users: AllianceUsers,
  ids: { instrumentId: string; crmId: string; runId: string },
  day: string,
  lotId = LOT,
): Promise<void> {
  h.setTime(`${day}T12:00:00Z`);
  await h.ok(users.labAnalyst, 'calibrations:RecordCalibration', {
    calibrationId: `CAL-${ids.runId}`, instrumentId: ids.instrumentId, crmIds: [ids.crmId], calibratedAt: `${day}T12:00:00Z`,
    dueAt: `${day}T23:00:00Z`, points: [{ analyte: 'Pb', nominal: 10, measured: 10.2, unit: 'µg/L', tolerancePct: 5 }],
  }); // prettier-ignore
  h.setTime(`${day}T12:30:00Z`);
  await h.ok(users.labAnalyst, 'instruments:RecordDailyCheck', {
    checkId: `CHK-${ids.runId}`, instrumentId: ids.instrumentId, kind: 'TUNE', performedAt: `${day}T12:30:00Z`, tests: icpTests().slice(1, 3),
  }); // prettier-ignore
  h.setTime(`${day}T15:00:00Z`);
  await h.ok(users.labAnalyst, 'runs:RecordRun', {
    runId: ids.runId, instrumentId: ids.instrumentId, calibrationId: `CAL-${ids.runId}`, dailyCheckId: `CHK-${ids.runId}`, lotId,
    methodId: 'M-ICPMS', methodVersion: '1', startedAt: `${day}T13:00:00Z`, endedAt: `${day}T15:00:00Z`,
    rawData: [{ fileName: `${ids.runId}.csv`, sha256: HASH, acquiredAt: `${day}T14:00:00Z` }], suitability: { driftPct: 8 },
  }); // prettier-ignore
}

/**
 * {@link labAlliance} with a GBW CRM, a validated method, instrument ICP-1 qualified and run
 * RUN-1 on {@link LOT} calibrated and recorded on `day`.
 */
export async function labWithRun(day: string): Promise<{ h: LedgerHarness; users: AllianceUsers }> {
  const { h, users } = await labAlliance();
  await h.ok(users.labAdmin, 'calibrations:RegisterCrm', crm('CRM-GBW'));
  await h.ok(users.labAdmin, 'reports:RecordMethodValidation', METHOD);
  await qualifiedInstrument(h, users, 'ICP-1', day);
  await calibratedRun(h, users, { instrumentId: 'ICP-1', crmId: 'CRM-GBW', runId: 'RUN-1' }, day);
  return { h, users };
}

/** A report on {@link LOT} from `runId`. */
export function report(
  reportId: string,
  runId: string,
  day: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    reportId, title: 'Elemental contaminants', customer: 'Brand', lotId: LOT, productId: 'P-TURMERIC', material: '09506000123455',
    matrix: 'botanical', sampledAt: '2025-03-01T09:00:00Z', receivedAt: '2025-03-02T09:00:00Z', issuedAt: `${day}T16:00:00Z`,
    method: { methodId: 'M-ICPMS', version: '1', pharmacopoeialRef: 'USP <233>' }, conformityStatement: true,
    results: [
      { analyte: 'Pb', value: 200, unit: 'µg/kg', U: 40, k: 2, loq: 10, basis: 'AS_IS', testRunIds: [runId] },
      { analyte: 'Cd', value: 0.1, unit: 'mg/kg', U: 0.02, k: 2, basis: 'AS_IS', testRunIds: [runId] },
    ],
    ...extra,
  }; // prettier-ignore
}

/** The method validation record of M-ICPMS v1 (USP <233> criteria met). */
export const METHOD = {
  methodId: 'M-ICPMS', version: '1', kind: 'ELEMENTAL', analytes: ['Pb', 'Cd', 'As'], repeatabilityRsdPct: 5, intermediatePrecisionRsdPct: 8,
  recovery: [50, 100, 150].map((levelPctOfJ) => ({ levelPctOfJ, meanRecoveryPct: 98 })), reportSha256: HASH,
}; // prettier-ignore
