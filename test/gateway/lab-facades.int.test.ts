// Every method of the instruments, calibrations, runs and reports facades against the embedded
// network with the real chaincode, with a wrong-role, a bad-input and a not-found case each, and
// the CLI groups over them (readable output, --json, exit codes).
import { isChaincodeError, runCli, type AllianceClient, type ChaincodeError } from '@alliance/gateway';
import { icpMsTests, icpMsTuneCheck, iqTests } from '@alliance/gateway/demo/data/qualification';
import { startMemberNetwork, type MemberNetwork } from './support/member-network';

jest.setTimeout(300_000);

const GTIN = '09506000134352';
const HASH = 'c0ffee'.padEnd(64, '0');
const METHOD = { methodId: 'M-ICPMS', version: '1' };
let m: MemberNetwork;
let lab: {
  admin: AllianceClient;
  analyst: AllianceClient;
  reviewer: AllianceClient;
  approver: AllianceClient;
};
let supplier: AllianceClient;
let lotId: string;

/** The typed refusal a call ends with (fails the test when it succeeds). */
async function refusal(call: Promise<unknown>, code: string): Promise<ChaincodeError> {
  const e = await call.then(
    () => new Error('expected a refusal'),
    (err: unknown) => err,
  );
  if (!isChaincodeError(e)) throw e;
  expect(e.code).toBe(code);
  return e;
}

const now = (): string => new Date().toISOString();

beforeAll(async () => {
  m = await startMemberNetwork(4);
  lab = {
    admin: m.as('lab/Admin'),
    analyst: m.as('lab/analyst'),
    reviewer: m.as('lab/reviewer'),
    approver: m.as('lab/approver'),
  };
  supplier = m.as('supplier/User1');
  const registrar = m.as('platform/Admin');
  await registrar.members.recordAccreditation({
    labMspId: 'LabMSP', body: 'UKAS', certificateNumber: '4321', ilacMraSignatory: true, validFrom: '2024-01-01', validTo: '2099-12-31',
    scope: ['Pb', 'Cd'].map((analyte) => ({ analyte, matrix: 'botanical', methodId: METHOD.methodId, methodVersion: METHOD.version })),
  }); // prettier-ignore
  for (const analyte of ['Pb', 'Cd']) {
    await registrar.members.recordProficiencyTest({
      labMspId: 'LabMSP',
      scheme: 'FAPAS',
      round: `R-${analyte}`,
      analyte,
      matrix: 'botanical',
      scoreType: 'z',
      score: 0.6,
      date: new Date().toISOString().slice(0, 10),
    });
  }
  await m.as('brand/Admin').products.register({
    productId: 'P-TURMERIC', name: 'Turmeric capsules', maxDailyServingG: 2, formula: [{ material: GTIN, gramsPerServing: 0.5, botanical: true }],
    requiredAnalytes: [{ material: GTIN, analytes: ['Pb', 'Cd'] }], limitRegime: 'USP', foodCategory: 'capsule',
  }); // prettier-ignore
  const lot = await supplier.lots.register({
    gtin: GTIN,
    lot: 'L1',
    supplierGln: '9506000130019',
    countryOfOrigin: 'IN',
    expiryDate: '2030-01-01',
    quantity: 100,
    uom: 'KGM',
    eventTime: now(),
    eventTimeZoneOffset: '+05:30',
  });
  lotId = lot.result.id;
});
afterAll(async () => {
  await m.stop();
});

const register = (instrumentId: string) => ({
  instrumentId, technique: 'ICP-MS' as const, uspGroup: 'C' as const, manufacturer: 'Vendor A', model: 'QMS-1', serialNumber: `SN-${instrumentId}`,
  softwareVersion: '5.1', firmwareVersion: '2.4', location: 'room 2.14',
}); // prettier-ignore

async function qualify(instrumentId: string): Promise<void> {
  for (const stage of ['IQ', 'OQ', 'PQ'] as const) {
    const tests = stage === 'IQ' ? iqTests('ICP-MS', 'analyst@lab') : icpMsTests('analyst@lab');
    await lab.analyst.instruments.qualify({
      qualificationId: `${instrumentId}-${stage}`,
      instrumentId,
      stage,
      performedAt: now(),
      softwareVersion: '5.1',
      firmwareVersion: '2.4',
      tests,
      documents: [{ name: `${stage}.pdf`, sha256: HASH }],
    });
  }
}

describe('instruments facade', () => {
  it('registers and qualifies through IQ, OQ, PQ with computed results, and answers the state at an instant', async () => {
    const reg = await lab.admin.instruments.register(register('ICP-1'));
    expect(reg.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(reg.result.qualification.state).toBe('REGISTERED');
    const registeredAt = reg.result.timeline[0]?.at ?? '';
    await qualify('ICP-1');
    const got = await supplier.instruments.get({ instrumentId: 'ICP-1' });
    expect(got.qualification.state).toBe('QUALIFIED');
    expect(got.timeline.map((c) => c.state)).toEqual(['REGISTERED', 'IQ_PASSED', 'OQ_PASSED', 'QUALIFIED']);
    expect((await supplier.instruments.stateAt({ instrumentId: 'ICP-1' })).state).toBe('QUALIFIED');
    expect((await supplier.instruments.stateAt({ instrumentId: 'ICP-1', at: registeredAt })).state).toBe(
      'REGISTERED',
    );
    const check = await lab.analyst.instruments.dailyCheck({
      checkId: 'CHK-1',
      instrumentId: 'ICP-1',
      kind: 'TUNE',
      performedAt: now(),
      tests: icpMsTuneCheck('analyst@lab'),
    });
    expect(check.result.passed).toBe(true);
    const upkeep = await lab.analyst.instruments.maintain({
      maintenanceId: 'MNT-1',
      instrumentId: 'ICP-1',
      kind: 'PREVENTIVE',
      description: 'cones cleaned',
      performedAt: now(),
    });
    expect(upkeep.result).toMatchObject({ suspended: false, critical: false });
  });

  it('suspends on relocation and configuration change, by decision, and retires', async () => {
    await lab.admin.instruments.register(register('ICP-2'));
    await qualify('ICP-2');
    const moved = await lab.analyst.instruments.maintain({
      maintenanceId: 'MNT-2',
      instrumentId: 'ICP-2',
      kind: 'RELOCATION',
      description: 'moved to room 3',
      performedAt: now(),
      newLocation: 'room 3.01',
    });
    expect(moved.result.suspended).toBe(true);
    const changed = await lab.analyst.instruments.changeConfiguration({
      instrumentId: 'ICP-2',
      softwareVersion: '5.2',
      changedAt: now(),
      reason: 'vendor patch',
    });
    expect(changed.result.qualification.suspension?.causes).toEqual(['RELOCATION', 'SOFTWARE_CHANGE']);
    const suspended = await lab.approver.instruments.suspend({
      instrumentId: 'ICP-2',
      reason: 'torch damaged',
    });
    expect(suspended.result.qualification.suspension?.causes).toContain('MANUAL');
    const retired = await lab.approver.instruments.retire({ instrumentId: 'ICP-2', reason: 'replaced' });
    expect(retired.result.qualification.state).toBe('RETIRED');
  });

  it('refuses a wrong role, bad input and an unknown instrument with typed errors', async () => {
    const denied = await refusal(supplier.instruments.register(register('ICP-X')), 'ROLE_DENIED');
    expect(denied.stage).toBe('endorse');
    await refusal(lab.analyst.instruments.suspend({ instrumentId: 'ICP-1', reason: 'no' }), 'ROLE_DENIED');
    const bad = await refusal(
      lab.admin.instruments.register({ ...register('ICP-X'), uspGroup: 'Z' as 'C' }),
      'VALIDATION_FAILED',
    );
    expect(bad.stage).toBe('input');
    expect(bad.issues.map((i) => i.path)).toEqual(['uspGroup']);
    const groupB = await refusal(
      lab.admin.instruments.register({ ...register('ICP-X'), uspGroup: 'B' }),
      'VALIDATION_FAILED',
    );
    expect(groupB.stage).toBe('endorse');
    await refusal(supplier.instruments.get({ instrumentId: 'NOPE' }), 'NOT_FOUND');
    await refusal(
      lab.analyst.instruments.dailyCheck({
        checkId: 'CHK-X',
        instrumentId: 'NOPE',
        kind: 'TUNE',
        performedAt: now(),
        tests: icpMsTuneCheck('a'),
      }),
      'NOT_FOUND',
    );
  });
});

const crm = (crmId: string, extra: Record<string, unknown> = {}) => ({
  crmId, producer: 'National Institute of Metrology, China', catalogueCode: 'GBW08619', lot: '2301', certificateId: `CERT-${crmId}`, certificateSha256: HASH,
  certifiedValues: [{ analyte: 'Pb', value: 1000, unit: 'µg/mL', U: 3, k: 2 }], expiresAt: '2099-01-01T00:00:00Z', ...extra,
}); // prettier-ignore

describe('calibrations facade', () => {
  it('registers CRMs, records a T1 calibration and reads both back', async () => {
    const c = await lab.admin.calibrations.registerCrm(crm('CRM-GBW'));
    expect(c.result).toMatchObject({ id: 'CRM-GBW', ownerMspId: 'LabMSP' });
    expect(await supplier.calibrations.getCrm({ crmId: 'CRM-GBW' })).toMatchObject({
      catalogueCode: 'GBW08619',
    });
    const cal = await lab.analyst.calibrations.record({
      calibrationId: 'CAL-1', instrumentId: 'ICP-1', crmIds: ['CRM-GBW'], calibratedAt: now(), dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      points: [{ analyte: 'Pb', nominal: 1, measured: 1.02, unit: 'µg/L', tolerancePct: 10 }],
    }); // prettier-ignore
    expect(cal.result).toMatchObject({ outOfTolerance: false, traceability: { traceabilityClass: 'T1' } });
    expect((await supplier.calibrations.get({ calibrationId: 'CAL-1' })).instrumentId).toBe('ICP-1');
  });

  it('records the expiry of an expired CRM and refuses it for one still valid', async () => {
    await lab.admin.calibrations.registerCrm(crm('CRM-OLD', { expiresAt: '2024-01-01T00:00:00Z' }));
    const expired = await lab.analyst.calibrations.recordCrmExpiry({ crmId: 'CRM-OLD' });
    expect(expired.result).toEqual({ suspendedInstruments: [], heldLots: [] });
    expect((await supplier.calibrations.getCrm({ crmId: 'CRM-OLD' })).expiryRecorded).toBeDefined();
    await refusal(lab.analyst.calibrations.recordCrmExpiry({ crmId: 'CRM-GBW' }), 'INVALID_STATE');
  });

  it('refuses a wrong role, bad input and an unknown CRM or calibration with typed errors', async () => {
    await refusal(lab.reviewer.calibrations.registerCrm(crm('CRM-R')), 'ROLE_DENIED');
    await refusal(lab.analyst.calibrations.revokeCrm({ crmId: 'CRM-GBW', reason: 'no' }), 'ROLE_DENIED');
    const bad = await refusal(
      lab.admin.calibrations.registerCrm({ ...crm('CRM-B'), certificateSha256: undefined }),
      'VALIDATION_FAILED',
    );
    expect(bad.issues).toEqual([
      { path: 'certificateSha256', message: 'a certificate needs both its id and its SHA-256' },
    ]);
    await refusal(supplier.calibrations.getCrm({ crmId: 'NOPE' }), 'NOT_FOUND');
    await refusal(supplier.calibrations.get({ calibrationId: 'NOPE' }), 'NOT_FOUND');
  });
});

const runInput = (runId: string, extra: Record<string, unknown> = {}) => {
  const startedAt = now();
  return {
    runId, instrumentId: 'ICP-1', calibrationId: 'CAL-1', dailyCheckId: 'CHK-1', lotId, methodId: METHOD.methodId, methodVersion: METHOD.version,
    startedAt, endedAt: now(), rawData: [{ fileName: `${runId}.csv`, sha256: HASH, acquiredAt: startedAt }], suitability: { driftPct: 4 }, ...extra,
  }; // prettier-ignore
};

describe('runs facade', () => {
  it('records a calibration-traceable run and reads it back', async () => {
    const run = await lab.analyst.runs.record(runInput('RUN-1'));
    expect(run.result).toMatchObject({
      traceabilityClass: 'T1',
      calibrationTraceable: true,
      additionalVerificationRequired: false,
    });
    expect((await supplier.runs.get({ runId: 'RUN-1' })).rawData[0]?.sha256).toBe(HASH);
  });

  it('refuses a wrong role, bad input, an unknown lot and an unknown run with typed errors', async () => {
    await refusal(lab.admin.runs.record(runInput('RUN-X')), 'ROLE_DENIED');
    const bad = await refusal(
      lab.analyst.runs.record({ ...runInput('RUN-X'), endedAt: '2000-01-01T00:00:00Z' }),
      'VALIDATION_FAILED',
    );
    expect(bad.issues.map((i) => i.path)).toEqual(['endedAt']);
    await refusal(lab.analyst.runs.record(runInput('RUN-X', { lotId: `${GTIN}.NOLOT` })), 'LOT_NOT_FOUND');
    await refusal(supplier.runs.get({ runId: 'NOPE' }), 'NOT_FOUND');
  });
});

const report = (reportId: string, results: { analyte: string; value: number }[]) => ({
  reportId, title: 'Elemental contaminants', customer: 'BrandMSP', lotId, productId: 'P-TURMERIC', material: GTIN, matrix: 'botanical',
  sampledAt: new Date(Date.now() - 3_600_000).toISOString(), receivedAt: new Date(Date.now() - 1_800_000).toISOString(), issuedAt: now(),
  method: { ...METHOD, pharmacopoeialRef: 'USP <233>' }, conformityStatement: true,
  results: results.map((r) => ({ ...r, unit: 'mg/kg', U: 0.02, k: 2, basis: 'AS_IS' as const, testRunIds: ['RUN-1'] })),
}); // prettier-ignore

async function throughApproval(reportId: string) {
  await lab.analyst.reports.submit({ reportId });
  await lab.analyst.reports.sign({ reportId });
  await lab.reviewer.reports.review({ reportId });
  return lab.approver.reports.approve({ reportId });
}

describe('reports facade', () => {
  it('validates the method, takes a report to VERIFIED and RECOGNIZED, and lists it for the lot', async () => {
    const method = await lab.admin.reports.recordMethodValidation({
      ...METHOD,
      kind: 'ELEMENTAL',
      analytes: ['Pb', 'Cd', 'Hg'],
      recovery: [50, 100, 150].map((levelPctOfJ) => ({ levelPctOfJ, meanRecoveryPct: 98 })),
      repeatabilityRsdPct: 4,
      intermediatePrecisionRsdPct: 7,
      reportSha256: HASH,
    });
    expect(method.result).toMatchObject({ id: 'M-ICPMS@1', resolvesIsomers: false });
    const draft = await lab.analyst.reports.create(
      report('REP-1', [
        { analyte: 'Pb', value: 0.2 },
        { analyte: 'Cd', value: 0.05 },
      ]),
    );
    expect(draft.result.state).toBe('DRAFT');
    expect(draft.result.evaluation.overall).toBe('CONFORMS');
    const verified = await throughApproval('REP-1');
    expect(verified.result.state).toBe('VERIFIED');
    expect(verified.result.signatures.map((s) => s.meaning)).toEqual(['AUTHORSHIP', 'REVIEW', 'APPROVAL']);
    expect(await supplier.reports.recognition({ reportId: 'REP-1' })).toMatchObject({
      status: 'RECOGNIZED',
      reasons: [],
    });
    expect((await supplier.reports.get({ reportId: 'REP-1' })).contentHash).toBe(draft.result.contentHash);
    expect((await supplier.reports.forLot({ lotId })).map((r) => r.reportId)).toEqual(['REP-1']);
  });

  it('keeps an out-of-scope report APPROVED, re-verifies it on request, revokes, and suspends recognitions', async () => {
    await lab.analyst.reports.create(report('REP-2', [{ analyte: 'Hg', value: 0.01 }]));
    const approved = await throughApproval('REP-2');
    expect(approved.result.state).toBe('APPROVED');
    expect(approved.result.verification?.failures).toEqual(['Hg/botanical/M-ICPMS@1 is out of scope']);
    const again = await lab.approver.reports.verify({ reportId: 'REP-2' });
    expect(again.result.state).toBe('APPROVED');
    const revoked = await lab.approver.reports.revoke({ reportId: 'REP-2', reason: 'issued in error' });
    expect(revoked.result.state).toBe('REVOKED');
    const suspended = await m
      .as('platform/Admin')
      .reports.suspendRecognition({ labMspId: 'LabMSP', analytes: ['Pb'], cause: 'PT failure under review' });
    expect(suspended.result.suspended).toEqual(['REP-1']);
    expect((await supplier.reports.recognition({ reportId: 'REP-1' })).suspensionCause).toBe(
      'PT failure under review',
    );
  });

  it('refuses a wrong role, bad input and an unknown report with typed errors', async () => {
    await lab.analyst.reports.create(report('REP-3', [{ analyte: 'Pb', value: 0.1 }]));
    await refusal(lab.analyst.reports.approve({ reportId: 'REP-3' }), 'ROLE_DENIED');
    await refusal(
      supplier.reports.suspendRecognition({ labMspId: 'LabMSP', analytes: 'ALL', cause: 'x' }),
      'ROLE_DENIED',
    );
    const pdfOnly = await refusal(
      lab.analyst.reports.create({
        ...report('REP-PDF', []),
        attachments: [{ name: 'coa.pdf', sha256: HASH }],
      }),
      'VALIDATION_FAILED',
    );
    expect(pdfOnly.issues).toEqual([
      { path: 'results', message: 'structured results are required: PDF-only reports are refused' },
    ]);
    await refusal(lab.analyst.reports.review({ reportId: 'REP-3' }), 'ROLE_DENIED');
    await refusal(lab.reviewer.reports.review({ reportId: 'REP-3' }), 'INVALID_STATE');
    await refusal(supplier.reports.get({ reportId: 'NOPE' }), 'NOT_FOUND');
    await refusal(supplier.reports.recognition({ reportId: 'REP-3' }), 'NOT_FOUND');
  });
});

describe('CRM revocation through the facade', () => {
  it('suspends the instrument calibrated with it and holds the lot it tested', async () => {
    const revoked = await lab.approver.calibrations.revokeCrm({
      crmId: 'CRM-GBW',
      reason: 'certificate withdrawn',
    });
    expect(revoked.result).toEqual({ suspendedInstruments: ['ICP-1'], heldLots: [lotId] });
    expect(revoked.events.map((e) => e.type)).toContain('crm.revoked');
    await refusal(
      lab.approver.calibrations.revokeCrm({ crmId: 'CRM-GBW', reason: 'again' }),
      'INVALID_STATE',
    );
  });
});

describe('the instrument, calibration, run and report CLI groups', () => {
  const cli = async (as: string, ...args: string[]) => {
    let out = '';
    let err = '';
    const run = await runCli(['--profile', m.profilePath, '--as', as, ...args], {
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
    });
    return { code: run.exitCode, out, err };
  };

  it('shows records readably, as JSON with --json, and exits 2 on a refusal', async () => {
    const shown = await cli('lab/analyst', 'instrument', 'get', 'ICP-1');
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/state\s+SUSPENDED/);
    expect(shown.out).toContain('CRM_REVOKED');
    const json = await cli('brand/User1', '--json', 'report', 'recognition', 'REP-1');
    expect(JSON.parse(json.out)).toMatchObject({ reportId: 'REP-1', status: 'RECOGNIZED' });
    expect((await cli('brand/User1', 'run', 'get', 'RUN-1')).out).toContain('RUN-1.csv');
    expect((await cli('brand/User1', 'calibration', 'crm-get', 'CRM-GBW')).out).toMatch(
      /REVOKED\s+.*certificate withdrawn/,
    );
    expect((await cli('brand/User1', 'report', 'for-lot', lotId)).out).toMatch(/REP-1\s+LabMSP\s+VERIFIED/);
    const missing = await cli('brand/User1', 'calibration', 'get', 'NOPE');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('NOT_FOUND');
  });

  it('submits from flags and prints the tx id and block', async () => {
    const done = await cli(
      'lab/analyst',
      'instrument',
      'daily-check',
      '-d',
      JSON.stringify({
        checkId: 'CHK-CLI',
        instrumentId: 'ICP-1',
        kind: 'TUNE',
        performedAt: now(),
        tests: icpMsTuneCheck('analyst@lab'),
      }),
    );
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/committed tx [0-9a-f]{64} in block \d+/);
    expect(done.out).toContain('TUNE CHK-CLI on ICP-1: passed');
    const denied = await cli('supplier/User1', 'report', 'submit', 'REP-3');
    expect(denied.code).toBe(2);
    expect(denied.err).toContain('ROLE_DENIED');
  });
});
