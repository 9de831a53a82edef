import type { CrmRecord } from '../../../../chaincode/src/model/lab/reference-material';
import {
  calibrationClass,
  crmClass,
  DEFAULT_AUTHORITIES,
  isGbwCode,
} from '../../../../chaincode/src/rules/lab/traceability';
import { isOutOfTolerance, runTraceability } from '../../../../chaincode/src/rules/lab/calibration';

const calDate = '2025-06-01T00:00:00Z';
const base: CrmRecord = {
  id: 'CRM-1',
  producer: 'Producer',
  catalogueCode: 'ABC-123',
  lot: 'L1',
  certificateId: 'CERT-1',
  certificateSha256: 'a'.repeat(64),
  certifiedValues: [{ analyte: 'Pb', value: 1, unit: 'mg/kg', U: 0.05, k: 2 }],
  expiresAt: '2026-06-01T00:00:00Z',
  ownerMspId: 'LabMSP',
  registered: { by: { mspId: 'LabMSP', userId: 'u1', printedName: 'Ana' }, at: '2025-01-01T00:00:00Z' },
};
const accredited = (body: string, validFrom = '2024-01-01', validTo = '2027-01-01') => ({
  ...base,
  producerAccreditation: {
    standard: 'ISO 17034' as const,
    body,
    certificateNumber: 'RMP-1',
    validFrom,
    validTo,
  },
});
const cls = (crm: CrmRecord) => crmClass(crm, calDate, DEFAULT_AUTHORITIES).traceabilityClass;

describe('traceability class (rule 13)', () => {
  it('recognises GBW and GBW(E) codes', () => {
    expect(isGbwCode('GBW07603')).toBe(true);
    expect(isGbwCode('GBW 07603a')).toBe(true);
    expect(isGbwCode('GBW(E)080117')).toBe(true);
    expect(isGbwCode('GBW (E) 080117b')).toBe(true);
    expect(isGbwCode('GBW0760')).toBe(false);
    expect(isGbwCode('GBW(E)08011')).toBe(false);
    expect(isGbwCode('GSB04-1742')).toBe(false);
    expect(isGbwCode('XGBW07603')).toBe(false);
    expect(isGbwCode('GBW07603A')).toBe(false);
  });

  it('gives T1 to a GBW CRM and to a CNAS-accredited producer', () => {
    expect(cls({ ...base, catalogueCode: 'GBW10023' })).toBe('T1');
    expect(cls({ ...base, catalogueCode: 'GBW(E)100376' })).toBe('T1');
    expect(crmClass(accredited('CNAS'), calDate, DEFAULT_AUTHORITIES)).toEqual({
      traceabilityClass: 'T1',
      reasons: [],
    });
  });

  it('gives T2 to another ILAC-MRA RMP signatory and to a CIPM-MRA institute', () => {
    expect(cls(accredited('UKAS'))).toBe('T2');
    expect(cls(accredited('A2LA'))).toBe('T2');
    expect(cls({ ...base, catalogueCode: 'NIST SRM 3294', nmiInstitute: 'NIST' })).toBe('T2');
    expect(crmClass(accredited('UKAS'), calDate, DEFAULT_AUTHORITIES).reasons).toEqual([
      'CRM CRM-1 is neither GBW/GBW(E) nor from a CNAS-accredited producer',
    ]);
  });

  it('gives T3 otherwise, with the reason', () => {
    const why = (crm: CrmRecord) => crmClass(crm, calDate, DEFAULT_AUTHORITIES);
    expect(why(base)).toEqual({
      traceabilityClass: 'T3',
      reasons: ['CRM CRM-1: producer has no ISO 17034 accreditation and is no CIPM-MRA institute'],
    });
    expect(why(accredited('NOBODY')).reasons).toEqual([
      'CRM CRM-1: accreditation body NOBODY is no ILAC-MRA signatory for RMPs',
    ]);
    expect(why({ ...base, nmiInstitute: 'Unknown Institute' }).traceabilityClass).toBe('T3');
  });

  it('reads the accreditation as it stood on the calibration date (whole days, inclusive)', () => {
    expect(cls(accredited('CNAS', '2025-06-01', '2027-01-01'))).toBe('T1');
    expect(cls(accredited('CNAS', '2020-01-01', '2025-06-01'))).toBe('T1');
    expect(
      crmClass(
        accredited('CNAS', '2020-01-01', '2025-06-01'),
        '2025-06-01T23:59:59.999Z',
        DEFAULT_AUTHORITIES,
      ).traceabilityClass,
    ).toBe('T1');
    expect(
      crmClass(accredited('CNAS', '2020-01-01', '2025-06-01'), '2025-06-02T00:00:00Z', DEFAULT_AUTHORITIES)
        .traceabilityClass,
    ).toBe('T3');
    expect(cls(accredited('CNAS', '2025-06-02', '2027-01-01'))).toBe('T3');
    expect(
      crmClass(
        accredited('CNAS', '2025-06-02', '2027-01-01'),
        '2025-06-01T23:59:59.999Z',
        DEFAULT_AUTHORITIES,
      ).traceabilityClass,
    ).toBe('T3');
    expect(cls(accredited('UKAS', '2020-01-01', '2025-05-31'))).toBe('T3');
    expect(
      crmClass(accredited('CNAS', '2020-01-01', '2025-05-31'), calDate, DEFAULT_AUTHORITIES).reasons,
    ).toEqual(['CRM CRM-1: producer accreditation was not valid on the calibration date']);
  });

  it('makes any expired, revoked or certificate-less CRM T3, even a GBW', () => {
    const gbw = { ...base, catalogueCode: 'GBW10023' };
    expect(cls({ ...gbw, expiresAt: '2025-05-31T23:59:59Z' })).toBe('T3');
    expect(cls({ ...gbw, expiresAt: '2025-06-01T00:00:00Z' })).toBe('T1');
    expect(cls({ ...gbw, certificateId: undefined })).toBe('T3');
    expect(cls({ ...gbw, certificateSha256: undefined })).toBe('T3');
    const revoked = { ...gbw, revoked: { ...base.registered, reason: 'recalled lot' } };
    expect(crmClass(revoked, calDate, DEFAULT_AUTHORITIES)).toEqual({
      traceabilityClass: 'T3',
      reasons: ['CRM CRM-1 was revoked: recalled lot'],
    });
  });

  it('takes the weakest CRM of a calibration and keeps every reason', () => {
    const t1 = { ...base, id: 'A', catalogueCode: 'GBW10023' };
    const t2 = { ...accredited('UKAS'), id: 'B' };
    const t3 = { ...base, id: 'C' };
    expect(calibrationClass([t1], calDate, DEFAULT_AUTHORITIES).traceabilityClass).toBe('T1');
    expect(calibrationClass([t1, t2], calDate, DEFAULT_AUTHORITIES).traceabilityClass).toBe('T2');
    expect(calibrationClass([t2, t1], calDate, DEFAULT_AUTHORITIES).traceabilityClass).toBe('T2');
    const worst = calibrationClass([t3, t1, t2], calDate, DEFAULT_AUTHORITIES);
    expect(worst.traceabilityClass).toBe('T3');
    expect(worst.reasons).toHaveLength(2);
    expect(calibrationClass([], calDate, DEFAULT_AUTHORITIES)).toEqual({
      traceabilityClass: 'T3',
      reasons: ['no CRM referenced'],
    });
  });
});

describe('calibration checks (rules 10, 14)', () => {
  const point = { analyte: 'Pb', nominal: 10, measured: 10.5, unit: 'µg/L', tolerancePct: 5 };
  it('flags a point beyond its tolerance', () => {
    expect(isOutOfTolerance([point])).toBe(false);
    expect(isOutOfTolerance([{ ...point, measured: 9.5 }])).toBe(false);
    expect(isOutOfTolerance([point, { ...point, measured: 10.51 }])).toBe(true);
    expect(isOutOfTolerance([{ ...point, measured: 9.49 }])).toBe(true);
    expect(isOutOfTolerance([{ ...point, nominal: -10, measured: -10.5 }])).toBe(false);
  });

  const window = {
    traceabilityClass: 'T1' as const,
    calibratedAt: '2025-06-01T00:00:00Z',
    dueAt: '2025-07-01T00:00:00Z',
  };
  it('makes a run traceable only inside the calibration window with T1/T2', () => {
    expect(runTraceability(window, '2025-06-01T00:00:00Z', true)).toEqual({
      traceable: true,
      additionalVerificationRequired: false,
      reasons: [],
    });
    expect(runTraceability(window, '2025-07-01T00:00:00Z', true).traceable).toBe(true);
    expect(runTraceability(window, '2025-05-31T23:59:59Z', true)).toEqual({
      traceable: false,
      additionalVerificationRequired: true,
      reasons: ['run started before the calibration'],
    });
    expect(runTraceability(window, '2025-07-01T00:00:01Z', true).reasons).toEqual([
      'run started after the calibration was due',
    ]);
  });
  it('requires additional verification for T3, and for T2 when the policy demands T1', () => {
    expect(runTraceability({ ...window, traceabilityClass: 'T3' }, '2025-06-02T00:00:00Z', true)).toEqual({
      traceable: false,
      additionalVerificationRequired: true,
      reasons: ['calibration traceability not demonstrated (T3)'],
    });
    expect(runTraceability({ ...window, traceabilityClass: 'T2' }, '2025-06-02T00:00:00Z', true)).toEqual({
      traceable: true,
      additionalVerificationRequired: false,
      reasons: [],
    });
    expect(runTraceability({ ...window, traceabilityClass: 'T2' }, '2025-06-02T00:00:00Z', false)).toEqual({
      traceable: true,
      additionalVerificationRequired: true,
      reasons: ['policy requires T1 traceability; calibration is T2'],
    });
  });
});
