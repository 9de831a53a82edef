/**
 * Readable views of the lab records for the `instrument`, `calibration`, `run` and `report`
 * commands: the facts people look for first, the qualification timeline and test sheets as
 * tables. `--json` prints the records whole instead.
 */
import type { CalibrationRecord } from '@alliance/chaincode/model/lab/calibration';
import type {
  DailyCheckRecord,
  InstrumentRecord,
  MaintenanceRecord,
} from '@alliance/chaincode/model/lab/instrument';
import type { MethodValidationRecord } from '@alliance/chaincode/model/lab/method';
import type { QualificationTestResult } from '@alliance/chaincode/model/lab/qualification';
import type { CrmRecord } from '@alliance/chaincode/model/lab/reference-material';
import type { RecognitionRecord, ReportRecord } from '@alliance/chaincode/model/lab/report';
import type { RunRecord } from '@alliance/chaincode/model/lab/run';
import type { CrmConsequences } from '../contracts/calibrations';
import type { InstrumentStateAt, QualificationOutcome } from '../contracts/instruments';
import { table } from './output';

/** A view turns a typed result into lines for people. */
export type View = (value: never) => string;

/** Aligned `key  value` lines, skipping empty values. */
function fields(pairs: readonly (readonly [string, string | number | boolean | undefined])[]): string {
  const shown = pairs.filter(
    (p): p is readonly [string, string | number | boolean] => p[1] !== undefined && p[1] !== '',
  );
  const width = Math.max(...shown.map(([k]) => k.length));
  return shown.map(([k, v]) => `${k.padEnd(width)}  ${String(v)}`).join('\n');
}

function testsTable(tests: readonly QualificationTestResult[]): string {
  return table(
    tests.map((t) => ({
      test: t.testId,
      setPoint: t.setPoint ?? '',
      measured: `${t.measured.toString()} ${t.unit}`,
      limit: limitText(t.limit),
      result: t.passed ? 'pass' : 'FAIL',
    })),
  );
}

function limitText(l: QualificationTestResult['limit']): string {
  switch (l.kind) {
    case 'MAX':
      return `${l.inclusive ? '≤' : '<'} ${l.value.toString()}`;
    case 'MIN':
      return `${l.inclusive ? '≥' : '>'} ${l.value.toString()}`;
    case 'DEVIATION':
      return `± ${l.value.toString()}${l.relative ? ' %' : ''}`;
    case 'RANGE':
      return `${l.min.toString()} … ${l.max.toString()}`;
  }
}

const instrument: View = (i: InstrumentRecord) =>
  [
    fields([
      ['instrument', `${i.instrumentId} (${i.ownerMspId})`],
      ['technique', `${i.technique}, USP <1058> group ${i.uspGroup}`],
      ['make', `${i.manufacturer} ${i.model}, s/n ${i.serialNumber}`],
      ['versions', `software ${i.softwareVersion}, firmware ${i.firmwareVersion}`],
      ['location', i.location],
      ['state', i.qualification.state],
      ['qualified until', i.qualification.qualifiedUntil],
      ['suspended for', i.qualification.suspension?.causes.join(', ')],
      ['calibration', i.currentCalibrationId],
      ['version', i.version],
    ]),
    'timeline:',
    table(i.timeline.map((c) => ({ at: c.at, state: c.state, reason: c.reason, ref: c.refId ?? '' }))),
  ].join('\n');

const qualification: View = (q: QualificationOutcome) =>
  [
    fields([
      [
        'stage',
        `${q.qualification.stage} of ${q.qualification.instrumentId}: ${q.qualification.passed ? 'passed' : 'FAILED'}`,
      ],
      ['state now', q.state.state],
      ['qualified until', q.state.qualifiedUntil],
    ]),
    testsTable(q.qualification.tests),
  ].join('\n');

const dailyCheck: View = (d: DailyCheckRecord) =>
  [
    fields([
      [
        'check',
        `${d.kind} ${d.checkId} on ${d.instrumentId}: ${d.passed ? 'passed' : 'FAILED (instrument suspended)'}`,
      ],
      ['performed', d.performedAt],
      ['late entry', d.lateEntry ? 'yes' : undefined],
    ]),
    testsTable(d.tests),
  ].join('\n');

const maintenance: View = (m: MaintenanceRecord) =>
  fields([
    ['maintenance', `${m.maintenanceId} on ${m.instrumentId}: ${m.kind}${m.critical ? ' (critical)' : ''}`],
    ['performed', m.performedAt],
    ['description', m.description],
    ['new location', m.newLocation],
    ['suspended', m.suspended ? 'yes: requalification needed' : 'no'],
  ]);

const stateAt: View = (s: InstrumentStateAt) => `${s.instrumentId} at ${s.at}: ${s.state}`;

const crm: View = (c: CrmRecord) =>
  [
    fields([
      ['CRM', `${c.id} (${c.ownerMspId})`],
      ['material', `${c.catalogueCode} lot ${c.lot} from ${c.producer}`],
      [
        'certificate',
        c.certificateId === undefined
          ? 'none on record'
          : `${c.certificateId} sha256 ${c.certificateSha256 ?? ''}`,
      ],
      [
        'producer',
        c.producerAccreditation
          ? `${c.producerAccreditation.standard} ${c.producerAccreditation.body} ${c.producerAccreditation.certificateNumber}, ${c.producerAccreditation.validFrom} … ${c.producerAccreditation.validTo}`
          : c.nmiInstitute
            ? `NMI ${c.nmiInstitute}`
            : undefined,
      ],
      ['expires', c.expiresAt],
      ['REVOKED', c.revoked ? `${c.revoked.at}: ${c.revoked.reason ?? ''}` : undefined],
      ['expiry recorded', c.expiryRecorded?.at],
    ]),
    table(
      c.certifiedValues.map((v) => ({
        analyte: v.species ? `${v.analyte}/${v.species}` : v.analyte,
        value: `${v.value.toString()} ${v.unit}`,
        U: v.U,
        k: v.k,
      })),
    ),
  ].join('\n');

const consequences: View = (c: CrmConsequences) =>
  fields([
    ['instruments suspended', c.suspendedInstruments.join(', ') || 'none'],
    ['lots held', c.heldLots.join(', ') || 'none'],
  ]);

const calibration: View = (c: CalibrationRecord) =>
  [
    fields([
      ['calibration', `${c.id} of ${c.instrumentId} (${c.ownerMspId})`],
      ['CRMs', c.crmIds.join(', ')],
      ['valid', `${c.calibratedAt} … ${c.dueAt}`],
      [
        'traceability',
        `${c.traceability.traceabilityClass}${c.traceability.reasons.length > 0 ? `: ${c.traceability.reasons.join('; ')}` : ''}`,
      ],
      [
        'tolerance',
        c.outOfTolerance ? 'OUT OF TOLERANCE (instrument suspended)' : 'every point within tolerance',
      ],
    ]),
    table(
      c.points.map((p) => ({
        analyte: p.analyte,
        nominal: p.nominal,
        measured: p.measured,
        unit: p.unit,
        tolerance: `${p.tolerancePct.toString()} %`,
      })),
    ),
  ].join('\n');

const run: View = (r: RunRecord) =>
  [
    fields([
      ['run', `${r.runId} (${r.labMspId}) on lot ${r.lotId}`],
      ['instrument', `${r.instrumentId}, calibration ${r.calibrationId}, check ${r.dailyCheckId}`],
      ['method', `${r.methodId}@${r.methodVersion}`],
      ['time', `${r.startedAt} … ${r.endedAt}`],
      [
        'traceability',
        `${r.traceabilityClass}, ${r.calibrationTraceable ? 'calibration-traceable' : 'NOT calibration-traceable'}`,
      ],
      [
        'additional verification',
        r.additionalVerificationRequired ? `required: ${r.traceabilityReasons.join('; ')}` : undefined,
      ],
      ['late entry', r.lateEntry ? 'yes' : undefined],
    ]),
    table(r.rawData.map((f) => ({ file: f.fileName, sha256: f.sha256, acquired: f.acquiredAt }))),
  ].join('\n');

const report: View = (r: ReportRecord) =>
  [
    fields([
      ['report', `${r.reportId} (${r.labMspId}), ${r.state}`],
      ['title', r.title],
      ['lot', `${r.lotId}, product ${r.productId}, matrix ${r.matrix}`],
      [
        'method',
        `${r.method.methodId}@${r.method.version}${r.method.pharmacopoeialRef ? ` (${r.method.pharmacopoeialRef})` : ''}`,
      ],
      ['dates', `sampled ${r.sampledAt}, received ${r.receivedAt}, issued ${r.issuedAt}`],
      ['overall', r.evaluation.overall],
      ['runs', `${r.runIds.join(', ')} (traceability ${r.traceabilityClasses.join(', ')})`],
      ['signatures', r.signatures.map((s) => `${s.meaning} ${s.printedName}`).join(', ')],
      ['label flags', r.labelFlags.map((f) => f.message).join('; ')],
      [
        'verification',
        r.verification
          ? r.verification.failures.length === 0
            ? `passed ${r.verification.at}`
            : `FAILED: ${r.verification.failures.join('; ')}`
          : undefined,
      ],
      ['superseded by', r.supersededBy],
      ['content hash', r.contentHash],
    ]),
    table(
      r.results.map((x) => {
        const verdict = r.evaluation.verdicts.find((v) => v.analyte === x.analyte && v.species === x.species);
        return {
          analyte: `${x.analyte}/${x.species}`,
          value: `${x.value.toString()} ± ${x.U.toString()} ${x.unit}`,
          normalised: `${x.normalised.value.toString()} ${x.normalised.unit}`,
          limit: verdict?.limit ?? '',
          verdict: verdict?.outcome ?? '',
        };
      }),
    ),
  ].join('\n');

const reports: View = (list: ReportRecord[]) =>
  list.length === 0
    ? '(no reports)'
    : table(
        list.map((r) => ({
          report: r.reportId,
          lab: r.labMspId,
          state: r.state,
          overall: r.evaluation.overall,
          issued: r.issuedAt,
          title: r.title,
        })),
      );

const recognition: View = (r: RecognitionRecord) =>
  [
    fields([
      ['report', `${r.reportId} (${r.labMspId}) on ${r.lotId}`],
      [
        'status',
        r.suspendedAt
          ? `SUSPENDED since ${r.suspendedAt}: ${r.suspensionCause ?? ''} (was ${r.status})`
          : r.status,
      ],
      ['analytes', r.analytes.join(', ')],
      ['valid until', r.validUntil],
    ]),
    ...r.reasons.map(
      (x) => `  ${x.effect === 'DENIES' ? 'denies    ' : 'conditions'} ${x.code}: ${x.message}`,
    ),
  ].join('\n');

const methodValidation: View = (m: MethodValidationRecord) =>
  fields([
    ['method', `${m.methodId}@${m.version} (${m.kind}) of ${m.ownerMspId}`],
    ['analytes', m.analytes.join(', ')],
    [
      'recovery',
      m.recovery
        .map((x) => `${x.meanRecoveryPct.toString()} % at ${x.levelPctOfJ.toString()} % J`)
        .join(', '),
    ],
    [
      'precision',
      `RSD ${m.repeatabilityRsdPct.toString()} %${m.intermediatePrecisionRsdPct === undefined ? '' : `, intermediate ${m.intermediatePrecisionRsdPct.toString()} %`}`,
    ],
    ['isomers resolved', m.resolvesIsomers ? 'yes' : undefined],
    ['report sha256', m.reportSha256],
  ]);

const suspended: View = (s: { suspended: string[] }) =>
  `recognitions suspended: ${s.suspended.join(', ') || 'none'}`;

/** The views, by the name of the view a command entry asks for. */
export const LAB_VIEWS = {
  instrument,
  qualification,
  dailyCheck,
  maintenance,
  stateAt,
  crm,
  consequences,
  calibration,
  run,
  report,
  reports,
  recognition,
  methodValidation,
  suspended,
} as const;
