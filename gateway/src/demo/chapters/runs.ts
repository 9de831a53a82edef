/**
 * Chapter 5: the day's checks and runs. Each sequence references a passing daily check of the
 * same instrument recorded before it, and binds its raw-data export by SHA-256: the demo writes
 * the export to `.alliance/demo/` and anchors the hash of those bytes.
 */
import { rawDataCsv, type EvidenceFile, type RawReading } from '../evidence-files';
import { METHOD_METALS, METHOD_TOCOPHEROL } from '../data/alliance';
import { icpMsTuneCheck, lcMsMsSst } from '../data/qualification';
import { lotOf, type Story } from '../story';

/** The raw-data files of the two runs. */
export interface RunFiles {
  readonly metals: EvidenceFile;
  readonly tocopherol: EvidenceFile;
}

const METAL_READINGS = (sample: string): RawReading[] => [
  { sample, analyte: 'Pb', channel: '208Pb', signal: 15_320, concentration: 0.051, unit: 'mg/kg' },
  { sample, analyte: 'Cd', channel: '111Cd', signal: 1_204, concentration: 0.012, unit: 'mg/kg' },
  { sample, analyte: 'As', channel: '75As (He mode)', signal: 2_880, concentration: 0.024, unit: 'mg/kg' },
  {
    sample,
    analyte: 'As inorganic',
    channel: '75As, AsIII+AsV peaks (HPLC)',
    signal: 2_410,
    concentration: 0.02,
    unit: 'mg/kg',
  },
  { sample, analyte: 'Hg', channel: '202Hg', signal: 905, concentration: 0.006, unit: 'mg/kg' },
  {
    sample,
    analyte: 'MeHg',
    channel: '202Hg, MeHg peak (HPLC)',
    signal: 168,
    concentration: 0.0011,
    unit: 'mg/kg',
  },
];

const TOCOPHEROL_READINGS = (sample: string): RawReading[] => [
  {
    sample,
    analyte: 'RRR-alpha-tocopherol',
    channel: 'MRM 445.4>179.1, RRR peak',
    signal: 8_840_000,
    concentration: 671,
    unit: 'mg/g',
  },
  {
    sample,
    analyte: '2S-alpha-tocopherol',
    channel: 'MRM 445.4>179.1, 2S peaks',
    signal: 2_100,
    concentration: 0.5,
    unit: 'mg/g',
  },
];

/** Records the daily checks and the two runs; returns their raw-data files. */
export async function runs(story: Story): Promise<RunFiles> {
  const { narrator, ids, time, evidence } = story;
  const lotId = lotOf(story);
  narrator.chapter(
    'Daily checks, then the runs: heavy metals on the ICP-MS, vitamin E isomers on the LC-MS/MS',
  );
  await story.act(
    'labAnalyst',
    'instrument.daily-check',
    `records the ICP-MS tune check ${ids.tuneCheck}`,
    (c) =>
      c.instruments.dailyCheck({
        checkId: ids.tuneCheck,
        instrumentId: ids.icpMs,
        kind: 'TUNE',
        performedAt: time.now(),
        tests: icpMsTuneCheck('analyst@lab'),
      }),
  );
  await story.act(
    'labAnalyst',
    'instrument.daily-check',
    `records the LC-MS/MS system-suitability test ${ids.sstCheck}`,
    (c) =>
      c.instruments.dailyCheck({
        checkId: ids.sstCheck,
        instrumentId: ids.lcMsMs,
        kind: 'SST',
        performedAt: time.now(),
        tests: lcMsMsSst('analyst@lab'),
      }),
  );
  const plans = [
    {
      runId: ids.runMetals,
      instrumentId: ids.icpMs,
      calibrationId: ids.calibrationMetals,
      dailyCheckId: ids.tuneCheck,
      method: METHOD_METALS,
      readings: METAL_READINGS,
      suitability: { driftPct: 4.2 },
    },
    {
      runId: ids.runTocopherol,
      instrumentId: ids.lcMsMs,
      calibrationId: ids.calibrationTocopherol,
      dailyCheckId: ids.sstCheck,
      method: METHOD_TOCOPHEROL,
      readings: TOCOPHEROL_READINGS,
      suitability: { ionRatioDeviationPct: 8.5, retentionTimeDeviationMin: 0.03 },
    },
  ];
  const files: EvidenceFile[] = [];
  for (const p of plans) {
    const startedAt = time.now();
    const acquiredAt = time.now();
    const file = await evidence.write(
      `${p.runId}.csv`,
      rawDataCsv(p.instrumentId, acquiredAt, p.readings(lotId)),
    );
    files.push(file);
    const run = await story.act(
      'labAnalyst',
      'run.record',
      `records run ${p.runId} on ${p.instrumentId}, raw data ${file.fileName} sha256 ${file.sha256.slice(0, 12)}…`,
      (c) =>
        c.runs.record({
          runId: p.runId,
          instrumentId: p.instrumentId,
          calibrationId: p.calibrationId,
          dailyCheckId: p.dailyCheckId,
          lotId,
          methodId: p.method.methodId,
          methodVersion: p.method.version,
          startedAt,
          endedAt: time.now(),
          rawData: [{ fileName: file.fileName, sha256: file.sha256, acquiredAt }],
          suitability: p.suitability,
        }),
    );
    narrator.fact(
      `calibration ${run.traceabilityClass}, ${run.calibrationTraceable ? 'traceable' : 'NOT traceable'}${run.additionalVerificationRequired ? ', additional verification required' : ''}`,
    );
  }
  const [metals, tocopherol] = files;
  if (!metals || !tocopherol) throw new Error('both runs must have written their raw data');
  return { metals, tocopherol };
}
