/**
 * IQ/OQ/PQ and daily-check test sheets for the demo's two instruments, with figures a real ICP-MS
 * (USP <1058> group C) and a triple-quadrupole LC-MS/MS would show. The limits are the alliance's
 * default templates (rule 8): the chaincode checks each measured value against them itself.
 */

/** An acceptance limit as the chaincode's model states it. */
type Limit =
  | { kind: 'MAX'; value: number; inclusive: boolean }
  | { kind: 'MIN'; value: number; inclusive: boolean }
  | { kind: 'DEVIATION'; value: number; relative: boolean };

/** One test of a qualification stage or a daily check. */
export interface TestSheetRow {
  testId: string;
  name: string;
  unit: string;
  setPoint?: number;
  measured: number;
  limit: Limit;
  referenceStandard?: { description: string; crmId?: string };
  performedBy: string;
}

const max = (value: number, inclusive = true): Limit => ({ kind: 'MAX', value, inclusive });
const dev = (value: number, relative = false): Limit => ({ kind: 'DEVIATION', value, relative });
const TUNE = { description: 'Tuning solution 1 µg/L Li, Co, Y, Ce, Tl' };
const RESERPINE = { description: 'Reserpine / PPG calibration solution' };

/** ICP-MS OQ/PQ: mass calibration, resolution, tune precision, oxides, doubly charged, sensitivity, drift. */
export function icpMsTests(performedBy: string): TestSheetRow[] {
  return [
    {
      testId: 'MASS_ACCURACY',
      name: 'Mass accuracy at 7Li / 89Y / 205Tl',
      unit: 'u',
      setPoint: 88.905,
      measured: 88.93,
      limit: dev(0.1),
      referenceStandard: TUNE,
      performedBy,
    },
    {
      testId: 'PEAK_WIDTH_10PCT',
      name: 'Peak width at 10 % height (89Y)',
      unit: 'u',
      measured: 0.74,
      limit: max(0.9, false),
      referenceStandard: TUNE,
      performedBy,
    },
    {
      testId: 'TUNE_PRECISION_RSD',
      name: 'Tune precision, 89Y, n = 5',
      unit: '%',
      measured: 1.8,
      limit: max(5, false),
      referenceStandard: TUNE,
      performedBy,
    },
    {
      testId: 'OXIDE_RATIO',
      name: 'CeO+/Ce+',
      unit: '%',
      measured: 1.1,
      limit: max(2.5),
      referenceStandard: TUNE,
      performedBy,
    },
    {
      testId: 'DOUBLY_CHARGED_RATIO',
      name: 'Ce++/Ce+',
      unit: '%',
      measured: 1.6,
      limit: max(3),
      referenceStandard: TUNE,
      performedBy,
    },
    {
      testId: 'SENSITIVITY',
      name: 'Sensitivity 89Y (vendor spec ≥ 40 000 cps per µg/L)',
      unit: 'cps per µg/L',
      measured: 61_250,
      limit: { kind: 'MIN', value: 40_000, inclusive: true },
      referenceStandard: TUNE,
      performedBy,
    },
    {
      testId: 'DRIFT_2H',
      name: 'Signal drift over 2 h',
      unit: '%',
      measured: 3.4,
      limit: max(10),
      referenceStandard: TUNE,
      performedBy,
    },
  ];
}

/** LC-MS/MS OQ/PQ: mass accuracy, resolution, MRM precision and the LC module tests. */
export function lcMsMsTests(performedBy: string): TestSheetRow[] {
  return [
    {
      testId: 'MASS_ACCURACY',
      name: 'Mass accuracy, PPG ions m/z 59–2010',
      unit: 'Da',
      setPoint: 906.67,
      measured: 906.72,
      limit: dev(0.2),
      referenceStandard: RESERPINE,
      performedBy,
    },
    {
      testId: 'RESOLUTION_FWHM',
      name: 'Unit resolution, Q1 and Q3',
      unit: 'Da',
      setPoint: 0.7,
      measured: 0.71,
      limit: dev(0.1),
      referenceStandard: RESERPINE,
      performedBy,
    },
    {
      testId: 'MRM_AREA_RSD',
      name: 'MRM area precision, reserpine 609→195, n = 6',
      unit: '%',
      measured: 2.3,
      limit: max(5),
      referenceStandard: RESERPINE,
      performedBy,
    },
    {
      testId: 'PUMP_FLOW_ACCURACY',
      name: 'Pump flow accuracy at 0.400 mL/min',
      unit: '%',
      setPoint: 100,
      measured: 100.8,
      limit: dev(5, true),
      performedBy,
    },
    {
      testId: 'GRADIENT_ACCURACY',
      name: 'Gradient step accuracy at 50 % B',
      unit: '%',
      setPoint: 50,
      measured: 50.6,
      limit: dev(2),
      performedBy,
    },
    {
      testId: 'INJECTOR_RSD',
      name: 'Injection precision, caffeine, n = 6',
      unit: '%',
      measured: 0.42,
      limit: max(1.0),
      performedBy,
    },
    {
      testId: 'CARRY_OVER',
      name: 'Carry-over after the highest calibrant',
      unit: '%',
      measured: 0.05,
      limit: max(0.2),
      performedBy,
    },
    {
      testId: 'COLUMN_OVEN_TEMPERATURE',
      name: 'Column oven at 40 °C',
      unit: '°C',
      setPoint: 40,
      measured: 40.4,
      limit: dev(2),
      performedBy,
    },
  ];
}

/** The ICP-MS daily tune check: the tests the day's sequence depends on. */
export function icpMsTuneCheck(performedBy: string): TestSheetRow[] {
  return icpMsTests(performedBy).filter((t) =>
    ['PEAK_WIDTH_10PCT', 'TUNE_PRECISION_RSD', 'OXIDE_RATIO', 'DOUBLY_CHARGED_RATIO', 'SENSITIVITY'].includes(
      t.testId,
    ),
  );
}

/** The LC-MS/MS system-suitability test before the tocopherol sequence. */
export function lcMsMsSst(performedBy: string): TestSheetRow[] {
  return lcMsMsTests(performedBy).filter((t) =>
    ['MRM_AREA_RSD', 'INJECTOR_RSD', 'CARRY_OVER', 'RESOLUTION_FWHM'].includes(t.testId),
  );
}

/** Installation checks (IQ): site, utilities and software, measured against the vendor's pre-installation sheet. */
export function iqTests(technique: 'ICP-MS' | 'LC-MS/MS', performedBy: string): TestSheetRow[] {
  const common: TestSheetRow[] = [
    {
      testId: 'MAINS_VOLTAGE',
      name: 'Mains supply voltage',
      unit: 'V',
      setPoint: 230,
      measured: 228,
      limit: dev(10, true),
      performedBy,
    },
    {
      testId: 'ROOM_TEMPERATURE',
      name: 'Laboratory temperature',
      unit: '°C',
      setPoint: 21,
      measured: 21.6,
      limit: dev(2),
      performedBy,
    },
  ];
  const gas: TestSheetRow =
    technique === 'ICP-MS'
      ? {
          testId: 'ARGON_PRESSURE',
          name: 'Argon supply pressure',
          unit: 'kPa',
          setPoint: 700,
          measured: 690,
          limit: dev(5, true),
          performedBy,
        }
      : {
          testId: 'NITROGEN_PURITY',
          name: 'Nitrogen generator purity',
          unit: '%',
          measured: 99.2,
          limit: { kind: 'MIN', value: 99, inclusive: true },
          performedBy,
        };
  return [...common, gas];
}
