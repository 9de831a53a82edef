import { assessBadge, monthsBefore, type BadgeLotRecord } from '../../../../chaincode/src/rules/supply/badge';
import {
  assessRelease,
  evidenceProblems,
  type AnalyteEvidence,
} from '../../../../chaincode/src/rules/supply/release';

const good: AnalyteEvidence = {
  analyte: 'Pb',
  reportId: 'R1',
  verified: true,
  recognition: 'RECOGNIZED',
  comparativePassed: false,
  conforms: true,
  speciationRequired: false,
};

describe('release conditions (rule 31)', () => {
  it('releases when every required analyte is covered and nothing holds the lot', () => {
    const r = assessRelease(['Pb', 'Cd'], [good, { ...good, analyte: 'Cd', reportId: 'R2' }], []);
    expect(r.releasable).toBe(true);
    expect(r.reasons).toEqual([]);
    expect(r.covering.map((e) => e.reportId)).toEqual(['R1', 'R2']);
  });

  it('names each failing condition of a piece of evidence', () => {
    expect(evidenceProblems(good)).toEqual([]);
    expect(
      evidenceProblems({ ...good, recognition: 'CONDITIONALLY_RECOGNIZED', comparativePassed: true }),
    ).toEqual([]);
    const codes = (e: Partial<AnalyteEvidence>): string[] =>
      evidenceProblems({ ...good, ...e }).map((r) => r.code);
    expect(codes({ verified: false })).toEqual(['REPORT_NOT_VERIFIED']);
    expect(codes({ recognition: 'CONDITIONALLY_RECOGNIZED' })).toEqual(['COMPARATIVE_VERIFICATION_REQUIRED']);
    expect(codes({ recognition: 'NOT_RECOGNIZED' })).toEqual(['NOT_RECOGNIZED']);
    expect(codes({ recognition: 'SUSPENDED' })).toEqual(['NOT_RECOGNIZED']);
    expect(codes({ recognition: undefined })).toEqual(['NOT_RECOGNIZED']);
    expect(codes({ conforms: false })).toEqual(['RESULT_NOT_CONFORMING']);
    expect(codes({ speciationRequired: true })).toEqual(['SPECIATION_REQUIRED']);
    expect(evidenceProblems({ ...good, recognition: undefined })[0]).toEqual({
      code: 'NOT_RECOGNIZED',
      analyte: 'Pb',
      reportId: 'R1',
      message: 'recognition is not computed',
    });
  });

  it('reports uncovered analytes, every failing candidate and open holds', () => {
    const r = assessRelease(
      ['Pb', 'Cd', 'As'],
      [
        { ...good, verified: false },
        { ...good, reportId: 'R3', conforms: false },
        { ...good, analyte: 'Cd', reportId: 'R2' },
      ],
      [{ holdId: 'H1', cause: 'LAB_SUSPENDED' }],
    );
    expect(r.releasable).toBe(false);
    expect(r.reasons).toEqual([
      { code: 'REPORT_NOT_VERIFIED', analyte: 'Pb', reportId: 'R1', message: 'the report is not VERIFIED' },
      {
        code: 'RESULT_NOT_CONFORMING',
        analyte: 'Pb',
        reportId: 'R3',
        message: 'a result does not conform to its limit',
      },
      { code: 'ANALYTE_NOT_COVERED', analyte: 'As', message: 'no report covers As' },
      { code: 'ADDITIONAL_VERIFICATION_REQUIRED', refId: 'H1', message: 'on hold: LAB_SUSPENDED' },
    ]);
  });

  it('lets a good report cover an analyte despite a bad one', () => {
    expect(
      assessRelease(
        ['Pb'],
        [
          { ...good, verified: false },
          { ...good, reportId: 'R9' },
        ],
        [],
      ).releasable,
    ).toBe(true);
    expect(assessRelease(['Pb'], [good], [{ holdId: 'H', cause: 'x' }]).releasable).toBe(false);
  });
});

const at = new Date('2026-06-15T12:00:00Z');
const lot = (i: number, extra: Partial<BadgeLotRecord> = {}): BadgeLotRecord => ({
  lotId: `L${i}`,
  releasedAt: '2026-03-01T00:00:00.000Z',
  verifiedRecognizedT1: true,
  instrumentsQualified: true,
  lateEntry: false,
  manualException: false,
  ...extra,
});
const params = { windowMonths: 12, minReleasedLots: 5 };
const five = [1, 2, 3, 4, 5].map((i) => lot(i));

describe('TRUSTED_SOURCE and FAST_REVIEW (rules 36-37)', () => {
  it('computes the window start in calendar months', () => {
    expect(monthsBefore(at, 12).toISOString()).toBe('2025-06-15T12:00:00.000Z');
    expect(monthsBefore(new Date('2026-03-31T00:00:00Z'), 1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });

  it('grants both badges with five clean lots in the window', () => {
    const f = assessBadge(five, [], params, at);
    expect(f).toEqual({
      trustedSource: true,
      fastReview: true,
      windowStart: '2025-06-15T12:00:00.000Z',
      qualifyingLots: ['L1', 'L2', 'L3', 'L4', 'L5'],
      reasons: [],
    });
  });

  it('counts only lots released inside the window with T1, verified and recognised results', () => {
    const lots = [
      ...five.slice(0, 3),
      lot(4, { releasedAt: '2025-06-15T11:59:59.000Z' }),
      lot(5, { verifiedRecognizedT1: false }),
    ];
    const f = assessBadge(lots, [], params, at);
    expect(f.trustedSource).toBe(false);
    expect(f.fastReview).toBe(false);
    expect(f.reasons).toEqual(['3 of 5 lots released with T1, VERIFIED and RECOGNIZED results']);
    expect(
      assessBadge([...five.slice(0, 4), lot(5, { releasedAt: '2025-06-15T12:00:00.000Z' })], [], params, at)
        .trustedSource,
    ).toBe(true);
  });

  it('is revoked by a rejection, a recall, an unsatisfactory verification, an unqualified instrument or a late entry', () => {
    const reasons = (lots: BadgeLotRecord[], unsat: string[] = []): string[] =>
      assessBadge(lots, unsat, params, at).reasons;
    expect(
      reasons([...five, lot(6, { releasedAt: undefined, rejectedAt: '2026-01-01T00:00:00.000Z' })]),
    ).toEqual(['lot L6 was REJECTED']);
    expect(reasons([...five, lot(7, { recalledAt: '2026-01-01T00:00:00.000Z' })])).toEqual([
      'lot L7 was RECALLED',
    ]);
    expect(reasons(five, ['2026-02-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z'])).toEqual([
      '1 UNSATISFACTORY comparative verification(s)',
    ]);
    expect(reasons([...five, lot(8, { instrumentsQualified: false })])).toEqual([
      'lot L8 was tested on an instrument that was not QUALIFIED',
    ]);
    expect(reasons([...five, lot(9, { lateEntry: true })])).toEqual(['lot L9 has a LATE_ENTRY submission']);
    expect(
      reasons([...five, lot(10, { releasedAt: undefined, rejectedAt: '2025-01-01T00:00:00.000Z' })]),
    ).toEqual([]);
  });

  it('withholds FAST_REVIEW from a trusted source with manual exceptions', () => {
    const f = assessBadge([...five, lot(6, { manualException: true })], [], params, at);
    expect(f.trustedSource).toBe(true);
    expect(f.fastReview).toBe(false);
    expect(f.reasons).toEqual(['manual exceptions on L6 (no FAST_REVIEW)']);
  });
});
