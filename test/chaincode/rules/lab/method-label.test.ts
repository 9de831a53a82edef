import type { MethodValidationRecord } from '../../../../chaincode/src/model/lab/method';
import {
  methodFitsAnalyte,
  methodValidationViolations,
  runSuitabilityViolations,
} from '../../../../chaincode/src/rules/lab/method-validation';
import {
  dietaryFolateEquivalents,
  labelFormFlags,
  VITAMIN_D_IU_PER_UG,
} from '../../../../chaincode/src/rules/lab/label-form';
import { addDays, addMonths, instantMs, isAfter, isBefore } from '../../../../chaincode/src/rules/lab/time';

const elemental: MethodValidationRecord = {
  id: 'M-ICP@1',
  methodId: 'M-ICP',
  version: '1',
  kind: 'ELEMENTAL',
  analytes: ['Pb'],
  recovery: [
    { levelPctOfJ: 50, meanRecoveryPct: 70 },
    { levelPctOfJ: 100, meanRecoveryPct: 100 },
    { levelPctOfJ: 150, meanRecoveryPct: 150 },
  ],
  repeatabilityRsdPct: 20,
  intermediatePrecisionRsdPct: 25,
  resolvesIsomers: false,
  reportSha256: 'a'.repeat(64),
  ownerMspId: 'LabMSP',
  recorded: { by: { mspId: 'LabMSP', userId: 'u1', printedName: 'Ana' }, at: '2025-01-01T00:00:00Z' },
};
const messages = (r: MethodValidationRecord) => methodValidationViolations(r).map((v) => v.message);

describe('method-validation gate (rule 26)', () => {
  it('passes USP <233> criteria at their bounds', () => {
    expect(methodValidationViolations(elemental)).toEqual([]);
  });
  it('refuses each elemental criterion', () => {
    expect(messages({ ...elemental, recovery: elemental.recovery.slice(1) })).toEqual([
      'no recovery at 50 % of J',
    ]);
    expect(
      messages({
        ...elemental,
        recovery: [{ levelPctOfJ: 50, meanRecoveryPct: 69.9 }, ...elemental.recovery.slice(1)],
      }),
    ).toEqual(['recovery 69.9 % at 50 % of J is outside 70-150 %']);
    expect(
      messages({
        ...elemental,
        recovery: [...elemental.recovery.slice(0, 2), { levelPctOfJ: 150, meanRecoveryPct: 150.1 }],
      }),
    ).toHaveLength(1);
    expect(messages({ ...elemental, repeatabilityRsdPct: 20.1 })).toEqual([
      'repeatability RSD 20.1 % exceeds 20 %',
    ]);
    expect(messages({ ...elemental, intermediatePrecisionRsdPct: 25.1 })).toEqual([
      'intermediate precision RSD missing or above 25 %',
    ]);
    expect(messages({ ...elemental, intermediatePrecisionRsdPct: undefined })).toHaveLength(1);
    expect(methodValidationViolations({ ...elemental, repeatabilityRsdPct: 21 })[0]).toEqual({
      code: 'METHOD_NOT_VALIDATED',
      path: 'repeatabilityRsdPct',
      message: 'repeatability RSD 21 % exceeds 20 %',
    });
  });
  it('applies chromatographic defaults 80-120 % and RSD 15 %, or the record’s own criteria', () => {
    const lc: MethodValidationRecord = {
      ...elemental,
      kind: 'LC_MS_MS',
      recovery: [
        { levelPctOfJ: 100, meanRecoveryPct: 80 },
        { levelPctOfJ: 200, meanRecoveryPct: 120 },
      ],
      repeatabilityRsdPct: 15,
      intermediatePrecisionRsdPct: undefined,
    };
    expect(methodValidationViolations(lc)).toEqual([]);
    expect(messages({ ...lc, recovery: [{ levelPctOfJ: 100, meanRecoveryPct: 79.9 }] })).toEqual([
      'recovery 79.9 % is outside 80-120 %',
    ]);
    expect(messages({ ...lc, recovery: [{ levelPctOfJ: 100, meanRecoveryPct: 120.1 }] })).toHaveLength(1);
    expect(messages({ ...lc, recovery: [] })).toEqual(['no recovery data']);
    expect(messages({ ...lc, repeatabilityRsdPct: 15.1 })).toEqual(['precision RSD 15.1 % exceeds 15 %']);
    const own = { ...lc, acceptance: { recoveryMinPct: 90, recoveryMaxPct: 110, rsdMaxPct: 10 } };
    expect(messages(own)).toEqual([
      'recovery 80 % is outside 90-110 %',
      'recovery 120 % is outside 90-110 %',
      'precision RSD 15 % exceeds 10 %',
    ]);
  });
  it('checks per-run suitability', () => {
    expect(runSuitabilityViolations('ELEMENTAL', { driftPct: 20 })).toEqual([]);
    expect(runSuitabilityViolations('ELEMENTAL', { driftPct: -20 })).toEqual([]);
    expect(runSuitabilityViolations('ELEMENTAL', { driftPct: 20.1 })).toHaveLength(1);
    expect(runSuitabilityViolations('ELEMENTAL', undefined)).toHaveLength(1);
    expect(
      runSuitabilityViolations('LC_MS_MS', { retentionTimeDeviationMin: 0.1, ionRatioDeviationPct: -30 }),
    ).toEqual([]);
    expect(
      runSuitabilityViolations('LC_MS_MS', { retentionTimeDeviationMin: 0.11, ionRatioDeviationPct: 30 }).map(
        (v) => v.path,
      ),
    ).toEqual(['suitability.retentionTimeDeviationMin']);
    expect(
      runSuitabilityViolations('LC_MS_MS', {
        retentionTimeDeviationMin: -0.1,
        ionRatioDeviationPct: 30.1,
      }).map((v) => v.path),
    ).toEqual(['suitability.ionRatioDeviationPct']);
    expect(runSuitabilityViolations('LC_MS_MS', {})).toHaveLength(2);
    expect(runSuitabilityViolations('HPLC', { retentionTimeDeviationMin: 0.05 })).toEqual([]);
    expect(runSuitabilityViolations('HPLC', undefined)).toHaveLength(1);
  });
  it('matches method families to analytes', () => {
    expect(methodFitsAnalyte('ELEMENTAL', 'ELEMENT')).toBe(true);
    expect(methodFitsAnalyte('LC_MS_MS', 'ELEMENT')).toBe(false);
    expect(methodFitsAnalyte('HPLC', 'VITAMIN')).toBe(true);
    expect(methodFitsAnalyte('ELEMENTAL', 'VITAMIN')).toBe(false);
  });
});

describe('label-form checks (rule 27)', () => {
  const v = (analyte: string, species: string, value: number, loq?: number) => ({
    analyte,
    species,
    value,
    ...(loq === undefined ? {} : { loq }),
  });
  const codes = (...args: Parameters<typeof labelFormFlags>) => labelFormFlags(...args).map((f) => f.code);

  it('fixes the conversions', () => {
    expect(VITAMIN_D_IU_PER_UG).toBe(40);
    expect(dietaryFolateEquivalents(100, 200)).toBe(440);
  });
  it('flags 2S stereoisomers above the LOQ in a natural vitamin E', () => {
    expect(
      codes([v('VITAMIN_E', '2S-alpha-tocopherol', 0.02, 0.01)], { vitaminE: 'NATURAL_RRR' }, true),
    ).toEqual(['VITAMIN_E_NOT_NATURAL']);
    expect(
      codes([v('VITAMIN_E', '2S-alpha-tocopherol', 0.01, 0.01)], { vitaminE: 'NATURAL_RRR' }, true),
    ).toEqual([]);
    expect(codes([v('VITAMIN_E', '2S-alpha-tocopherol', 0.001)], { vitaminE: 'NATURAL_RRR' }, true)).toEqual([
      'VITAMIN_E_NOT_NATURAL',
    ]);
    expect(codes([v('VITAMIN_E', '2S-alpha-tocopherol', 0)], { vitaminE: 'NATURAL_RRR' }, true)).toEqual([]);
    expect(
      codes([v('VITAMIN_E', '2S-alpha-tocopherol', 5)], { vitaminE: 'SYNTHETIC_ALL_RAC' }, true),
    ).toEqual([]);
  });
  it('checks Ph. Eur. K1 isomer proportions and the method', () => {
    const k1 = (trans: number, cis: number, epoxide: number) => [
      v('VITAMIN_K1', 'trans', trans),
      v('VITAMIN_K1', 'cis', cis),
      v('VITAMIN_K1', 'trans-epoxide', epoxide),
    ];
    expect(codes(k1(75, 21, 4), { vitaminK1PhEurGrade: true }, true)).toEqual([]);
    expect(codes(k1(74.9, 21.1, 4), { vitaminK1PhEurGrade: true }, true)).toEqual(['VITAMIN_K1_TRANS_LOW']);
    expect(codes(k1(75, 20.9, 4.1), { vitaminK1PhEurGrade: true }, true)).toEqual([
      'VITAMIN_K1_EPOXIDE_HIGH',
    ]);
    expect(codes(k1(70, 20, 10), {}, true)).toEqual([]);
    expect(codes(k1(75, 21, 4), { vitaminK1PhEurGrade: true }, false)).toEqual([
      'VITAMIN_K1_METHOD_COELUTES',
    ]);
    expect(codes([v('VITAMIN_K1', 'cis', 1)], {}, false)).toEqual(['VITAMIN_K1_METHOD_COELUTES']);
    expect(codes([v('VITAMIN_K1', 'total', 1)], { vitaminK1PhEurGrade: true }, false)).toEqual([]);
    expect(codes([v('VITAMIN_K1', 'trans', 1)], { vitaminK1PhEurGrade: true }, true)).toEqual([]);
  });
  it('judges K1 isomers from either isomer alone, and only for vitamin K1', () => {
    expect(codes([v('VITAMIN_K1', 'trans', 1)], {}, false)).toEqual(['VITAMIN_K1_METHOD_COELUTES']);
    expect(codes([v('VITAMIN_K2', 'cis', 1), v('VITAMIN_K2', 'trans', 1)], {}, false)).toEqual([]);
    expect(
      codes(
        [v('VITAMIN_K2', 'trans', 50), v('VITAMIN_K1', 'trans', 80), v('VITAMIN_K1', 'cis', 20)],
        { vitaminK1PhEurGrade: true },
        true,
      ),
    ).toEqual([]);
  });
  it('does not flag a natural vitamin E label when no 2S stereoisomer was reported', () => {
    expect(codes([v('VITAMIN_E', 'RRR-alpha-tocopherol', 10)], { vitaminE: 'NATURAL_RRR' }, true)).toEqual(
      [],
    );
  });
  it('asks for the folate form whenever any result is folate', () => {
    expect(codes([v('VITAMIN_D', 'D3', 10), v('FOLATE', 'total', 400)], {}, true)).toEqual([
      'FOLATE_FORM_NOT_DECLARED',
    ]);
  });
  it('says what each flag means', () => {
    const k1 = [
      v('VITAMIN_K1', 'trans', 70),
      v('VITAMIN_K1', 'cis', 20),
      v('VITAMIN_K1', 'trans-epoxide', 10),
    ];
    const flags = labelFormFlags(
      [
        v('VITAMIN_E', '2S-alpha-tocopherol', 1),
        ...k1,
        v('VITAMIN_D', 'total', 10),
        v('FOLATE', 'total', 400),
      ],
      { vitaminE: 'NATURAL_RRR', vitaminK1PhEurGrade: true },
      false,
    );
    expect(flags.map((f) => `${f.code}: ${f.message}`)).toEqual([
      'VITAMIN_E_NOT_NATURAL: 2S-α-tocopherol found in a product labelled natural (RRR)',
      'VITAMIN_K1_METHOD_COELUTES: K1 isomer results from a method that co-elutes E and Z',
      'VITAMIN_K1_TRANS_LOW: trans-phytomenadione is below 75.0 % of total',
      'VITAMIN_K1_EPOXIDE_HIGH: trans-epoxyphytomenadione is above 4.0 % of total',
      'VITAMIN_D_NOT_SPECIATED: vitamin D must be reported as D2 and D3 separately',
      'FOLATE_FORM_NOT_DECLARED: the folate form (folic acid or L-5-MTHF) is not declared',
    ]);
  });
  it('needs vitamin D as D2/D3 and a declared folate form', () => {
    expect(codes([v('VITAMIN_D', 'total', 10)], {}, true)).toEqual(['VITAMIN_D_NOT_SPECIATED']);
    expect(codes([v('VITAMIN_D', 'D3', 10)], {}, true)).toEqual([]);
    expect(codes([v('VITAMIN_D', 'total', 10), v('VITAMIN_D', 'D2', 1)], {}, true)).toEqual([]);
    expect(codes([v('FOLATE', 'folic acid', 400)], {}, true)).toEqual(['FOLATE_FORM_NOT_DECLARED']);
    expect(codes([v('FOLATE', 'folic acid', 400)], { folateForm: 'folic acid' }, true)).toEqual([]);
  });
});

describe('calendar arithmetic', () => {
  it('clamps month ends and keeps the time of day', () => {
    expect(addMonths('2025-01-31T10:20:30.400Z', 1)).toBe('2025-02-28T10:20:30.400Z');
    expect(addMonths('2024-01-31T00:00:00Z', 1)).toBe('2024-02-29T00:00:00.000Z');
    expect(addMonths('2025-03-31T00:00:00Z', -1)).toBe('2025-02-28T00:00:00.000Z');
    expect(addMonths('2025-11-15T00:00:00Z', 2)).toBe('2026-01-15T00:00:00.000Z');
    expect(addMonths('2025-06-15T23:30:00-02:00', 12)).toBe('2026-06-16T01:30:00.000Z');
  });
  it('adds days and compares instants across offsets', () => {
    expect(addDays('2025-03-01T00:00:00Z', -1)).toBe('2025-02-28T00:00:00.000Z');
    expect(isBefore('2025-01-01T08:00:00+08:00', '2025-01-01T00:00:01Z')).toBe(true);
    expect(isBefore('2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')).toBe(false);
    expect(isAfter('2025-01-01T00:00:01Z', '2025-01-01T08:00:00+08:00')).toBe(true);
    expect(isAfter('2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')).toBe(false);
    expect(instantMs('1970-01-01T00:00:01Z')).toBe(1000);
    expect(() => instantMs('yesterday')).toThrow('not an ISO 8601 instant: yesterday');
  });
});
