import { classifyPt, ptCurrency } from '../../../../chaincode/src/rules/lab/pt-currency';
import {
  recognise,
  recognitionStateAt,
  validityEnd,
  type RecognitionFacts,
} from '../../../../chaincode/src/rules/lab/recognition';
import { inScope, outOfScope } from '../../../../chaincode/src/rules/lab/scope';

describe('PT classification (rule 16)', () => {
  it.each([
    ['z', 2, 'SATISFACTORY'],
    ['z', -2, 'SATISFACTORY'],
    ['z', 2.01, 'QUESTIONABLE'],
    ['z', -2.99, 'QUESTIONABLE'],
    ['z', 3, 'UNSATISFACTORY'],
    ['z', -3, 'UNSATISFACTORY'],
    ["z'", 1.5, 'SATISFACTORY'],
    ['zeta', 2.5, 'QUESTIONABLE'],
    ['En', 1, 'SATISFACTORY'],
    ['En', -1, 'SATISFACTORY'],
    ['En', 1.01, 'UNSATISFACTORY'],
  ] as const)('%s = %d is %s', (type, score, expected) => {
    expect(classifyPt(type, score)).toBe(expected);
  });
});

describe('PT currency (rule 16)', () => {
  const at = '2025-06-15T00:00:00Z';
  it('is current with a satisfactory PT within 36 months (inclusive)', () => {
    expect(ptCurrency([{ evaluatedAt: '2022-06-15T00:00:00Z', scoreType: 'z', score: 1 }], at, 36)).toBe(
      'PT_CURRENT',
    );
    expect(ptCurrency([{ evaluatedAt: '2022-06-14T23:59:59Z', scoreType: 'z', score: 1 }], at, 36)).toBe(
      'PT_NOT_CURRENT',
    );
    expect(ptCurrency([], at, 36)).toBe('PT_NOT_CURRENT');
  });
  it('needs action while the latest decisive PT is unsatisfactory; questionable ones do not decide', () => {
    const sat = { evaluatedAt: '2024-01-01T00:00:00Z', scoreType: 'z' as const, score: 0.5 };
    const unsat = { evaluatedAt: '2025-01-01T00:00:00Z', scoreType: 'z' as const, score: 3.2 };
    const questionable = { evaluatedAt: '2025-03-01T00:00:00Z', scoreType: 'z' as const, score: 2.5 };
    expect(ptCurrency([sat, unsat], at, 36)).toBe('PT_ACTION_REQUIRED');
    expect(ptCurrency([unsat, sat], at, 36)).toBe('PT_ACTION_REQUIRED');
    expect(ptCurrency([sat, unsat, questionable], at, 36)).toBe('PT_ACTION_REQUIRED');
    expect(ptCurrency([sat, questionable], at, 36)).toBe('PT_CURRENT');
    expect(ptCurrency([questionable], at, 36)).toBe('PT_NOT_CURRENT');
    const later = { evaluatedAt: '2025-05-01T00:00:00Z', scoreType: 'En' as const, score: 0.4 };
    expect(ptCurrency([sat, unsat, later], at, 36)).toBe('PT_CURRENT');
  });
  it('ignores outcomes evaluated after the instant asked about', () => {
    const future = { evaluatedAt: '2025-07-01T00:00:00Z', scoreType: 'z' as const, score: 4 };
    const sat = { evaluatedAt: '2025-01-01T00:00:00Z', scoreType: 'z' as const, score: 0 };
    expect(ptCurrency([sat, future], at, 36)).toBe('PT_CURRENT');
    expect(ptCurrency([future], at, 36)).toBe('PT_NOT_CURRENT');
  });
});

describe('accredited scope', () => {
  const scope = [
    { analyte: 'Pb', matrix: 'botanical', methodId: 'M-ICP', methodVersion: '2' },
    { analyte: 'Cd', matrix: 'botanical', methodId: 'M-ICP' },
  ];
  it('matches analyte × matrix × method (any version when the item names none)', () => {
    const q = { analyte: 'Pb', matrix: 'botanical', methodId: 'M-ICP', methodVersion: '2' };
    expect(inScope(scope, q)).toBe(true);
    expect(inScope(scope, { ...q, methodVersion: '3' })).toBe(false);
    expect(inScope(scope, { ...q, matrix: 'oil' })).toBe(false);
    expect(inScope(scope, { ...q, methodId: 'M-X' })).toBe(false);
    expect(inScope(scope, { ...q, analyte: 'Hg' })).toBe(false);
    expect(inScope(scope, { ...q, analyte: 'Cd', methodVersion: '9' })).toBe(true);
    expect(outOfScope(scope, [q, { ...q, analyte: 'Hg' }])).toEqual(['Hg/botanical/M-ICP@2']);
  });
});

describe('recognition (rule 20)', () => {
  const at = '2025-06-15T00:00:00Z';
  const params = { acceptT2: true, requireComparativeForSpeciation: true, recognitionValidityMonths: 12 };
  const facts: RecognitionFacts = {
    at,
    accreditation: {
      body: 'UKAS',
      ilacMraSignatory: true,
      status: 'ACTIVE',
      validFrom: '2024-01-01T00:00:00Z',
      validTo: '2029-01-01T00:00:00Z',
    },
    labSuspended: false,
    outOfScope: [],
    ptStatuses: [{ subField: 'Pb', status: 'PT_CURRENT' }],
    unqualifiedInstruments: [],
    traceabilityClasses: ['T1'],
    speciationAnalytes: [],
  };

  it('recognises when everything holds, for 12 months', () => {
    expect(recognise(facts, params)).toEqual({
      status: 'RECOGNIZED',
      reasons: [],
      validUntil: '2026-06-15T00:00:00.000Z',
    });
  });
  it('accepts T2 only when the policy does', () => {
    expect(recognise({ ...facts, traceabilityClasses: ['T1', 'T2'] }, params).status).toBe('RECOGNIZED');
    expect(
      recognise({ ...facts, traceabilityClasses: ['T2'] }, { ...params, acceptT2: false }),
    ).toMatchObject({
      status: 'CONDITIONALLY_RECOGNIZED',
      reasons: [{ code: 'TRACEABILITY_T2', effect: 'CONDITIONS' }],
    });
  });
  it('makes PT gaps and speciation analytes conditional', () => {
    expect(
      recognise({ ...facts, ptStatuses: [{ subField: 'Pb', status: 'PT_NOT_CURRENT' }] }, params),
    ).toMatchObject({
      status: 'CONDITIONALLY_RECOGNIZED',
      reasons: [{ code: 'PT_NOT_CURRENT', message: 'sub-field Pb is PT_NOT_CURRENT' }],
    });
    expect(
      recognise({ ...facts, ptStatuses: [{ subField: 'Pb', status: 'PT_ACTION_REQUIRED' }] }, params).status,
    ).toBe('CONDITIONALLY_RECOGNIZED');
    expect(recognise({ ...facts, speciationAnalytes: ['As/inorganic'] }, params).status).toBe(
      'CONDITIONALLY_RECOGNIZED',
    );
    expect(
      recognise(
        { ...facts, speciationAnalytes: ['As/inorganic'] },
        { ...params, requireComparativeForSpeciation: false },
      ).status,
    ).toBe('RECOGNIZED');
  });
  it('refuses recognition with every reason', () => {
    const acc = facts.accreditation!;
    const codes = (f: Partial<RecognitionFacts>) =>
      recognise({ ...facts, ...f }, params).reasons.map((r) => r.code);
    expect(codes({ accreditation: undefined })).toEqual(['NO_ACCREDITATION']);
    expect(codes({ accreditation: { ...acc, ilacMraSignatory: false } })).toEqual(['NOT_ILAC_MRA']);
    expect(codes({ accreditation: { ...acc, status: 'WITHDRAWN' } })).toEqual(['ACCREDITATION_NOT_ACTIVE']);
    expect(codes({ accreditation: { ...acc, validTo: '2025-06-14T23:59:59Z' } })).toEqual([
      'ACCREDITATION_NOT_VALID',
    ]);
    expect(codes({ accreditation: { ...acc, validFrom: '2025-06-15T00:00:01Z' } })).toEqual([
      'ACCREDITATION_NOT_VALID',
    ]);
    expect(codes({ labSuspended: true })).toEqual(['LAB_SUSPENDED']);
    expect(codes({ outOfScope: ['Hg/x/M@1'] })).toEqual(['OUT_OF_SCOPE']);
    expect(codes({ unqualifiedInstruments: ['I9'] })).toEqual(['INSTRUMENT_NOT_QUALIFIED']);
    expect(codes({ traceabilityClasses: ['T3'] })).toEqual(['TRACEABILITY_T3']);
    const all = recognise(
      { ...facts, labSuspended: true, ptStatuses: [{ subField: 'Pb', status: 'PT_NOT_CURRENT' }] },
      params,
    );
    expect(all.status).toBe('NOT_RECOGNIZED');
    expect(all.reasons.map((r) => r.effect)).toEqual(['DENIES', 'CONDITIONS']);
  });
  it('holds the accreditation valid from its first to its last instant, both included', () => {
    const acc = facts.accreditation!;
    expect(recognise({ ...facts, accreditation: { ...acc, validFrom: at } }, params).status).toBe(
      'RECOGNIZED',
    );
    expect(recognise({ ...facts, accreditation: { ...acc, validTo: at } }, params).status).toBe('RECOGNIZED');
  });
  it('explains every reason to the reader, naming what fails', () => {
    const acc = facts.accreditation!;
    const denied = recognise(
      {
        ...facts,
        accreditation: {
          ...acc,
          body: 'XYZ',
          ilacMraSignatory: false,
          status: 'SUSPENDED',
          validTo: '2025-01-01T00:00:00Z',
        },
        labSuspended: true,
        outOfScope: ['Hg/x/M@1'],
        unqualifiedInstruments: ['I9'],
        traceabilityClasses: ['T2', 'T3'],
        speciationAnalytes: ['As/inorganic'],
      },
      { ...params, acceptT2: false },
    );
    expect(denied.reasons.map((r) => `${r.effect} ${r.code}: ${r.message}`)).toEqual([
      'DENIES NOT_ILAC_MRA: XYZ is not an ILAC-MRA signatory for testing',
      'DENIES ACCREDITATION_NOT_ACTIVE: accreditation is SUSPENDED',
      'DENIES ACCREDITATION_NOT_VALID: accreditation is not valid at this time',
      'DENIES LAB_SUSPENDED: the lab is suspended from the alliance',
      'DENIES OUT_OF_SCOPE: Hg/x/M@1 is outside the accredited scope',
      'DENIES INSTRUMENT_NOT_QUALIFIED: instrument I9 was not qualified during its run',
      'DENIES TRACEABILITY_T3: a calibration has no demonstrated traceability (T3)',
      'CONDITIONS TRACEABILITY_T2: policy requires T1 traceability; a calibration is T2',
      'CONDITIONS SPECIATION_ANALYTE: As/inorganic is a speciation/isomer analyte and needs comparative verification',
    ]);
    expect(recognise({ ...facts, accreditation: undefined }, params).reasons).toEqual([
      { code: 'NO_ACCREDITATION', message: 'the lab has no accreditation on record', effect: 'DENIES' },
    ]);
  });
  it('ends at the accreditation end when that comes first', () => {
    expect(validityEnd(at, '2025-12-31T00:00:00Z', 12)).toBe('2025-12-31T00:00:00.000Z');
    expect(validityEnd(at, '2026-06-15T00:00:00Z', 12)).toBe('2026-06-15T00:00:00.000Z');
    expect(validityEnd(at, undefined, 6)).toBe('2025-12-15T00:00:00.000Z');
  });
  it('reads as SUSPENDED once suspended and EXPIRED after its validity', () => {
    const rec = { status: 'RECOGNIZED' as const, validUntil: '2026-06-15T00:00:00Z' };
    expect(recognitionStateAt(rec, '2026-06-15T00:00:00Z')).toBe('RECOGNIZED');
    expect(recognitionStateAt(rec, '2026-06-15T00:00:00.001Z')).toBe('EXPIRED');
    expect(recognitionStateAt({ ...rec, suspendedAt: '2025-09-01T00:00:00Z' }, '2025-09-01T00:00:00Z')).toBe(
      'SUSPENDED',
    );
    expect(recognitionStateAt({ ...rec, suspendedAt: '2025-09-01T00:00:00Z' }, '2025-08-31T23:59:59Z')).toBe(
      'RECOGNIZED',
    );
  });
});
