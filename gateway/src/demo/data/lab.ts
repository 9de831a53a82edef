/**
 * The overseas lab's reference materials, method validations and calibrations. The ICP-MS is
 * calibrated against a GBW(E) multi-element solution and the LC-MS/MS against an RRR-α-tocopherol
 * standard from a CNAS-accredited (ISO 17034) producer: both make the chain class T1.
 */
import type { DemoIds } from '../ids';
import { hoursAfter, type Timeline } from '../timeline';
import { METHOD_METALS, METHOD_TOCOPHEROL } from './alliance';

/** The GBW(E) multi-element calibration solution (As, Cd, Hg, Pb at 100 µg/mL). */
export function metalsCrm(ids: DemoIds, t: Timeline, certificateSha256: string) {
  const certified = (analyte: string, U: number) => ({ analyte, value: 100, unit: 'µg/mL', U, k: 2 });
  return {
    crmId: ids.crmMetals,
    producer: 'National Institute of Metrology, China',
    catalogueCode: 'GBW(E)082430',
    lot: '230512',
    certificateId: `NIM-082430-230512-${ids.suffix}`,
    certificateSha256,
    certifiedValues: [certified('As', 0.7), certified('Cd', 0.6), certified('Hg', 0.8), certified('Pb', 0.6)],
    expiresAt: `${t.date(300)}T00:00:00Z`,
    nmiInstitute: 'NIM',
  };
}

/** The RRR-α-tocopherol purity standard from a CNAS-accredited reference-material producer. */
export function tocopherolCrm(ids: DemoIds, t: Timeline, certificateSha256: string) {
  return {
    crmId: ids.crmTocopherol,
    producer: 'Reference-material producer RMP-0042 (ISO 17034)',
    catalogueCode: 'RMP0042-VE-RRR',
    lot: '24A07',
    certificateId: `RMP0042-VE-24A07-${ids.suffix}`,
    certificateSha256,
    certifiedValues: [
      { analyte: 'VITAMIN_E', species: 'RRR-alpha-tocopherol', value: 98.7, unit: '%', U: 0.6, k: 2 },
    ],
    expiresAt: `${t.date(420)}T00:00:00Z`,
    producerAccreditation: {
      standard: 'ISO 17034' as const,
      body: 'CNAS',
      certificateNumber: 'CNAS-RM0042',
      validFrom: '2022-03-01',
      validTo: t.date(900),
    },
  };
}

/** <233>-type validation of the elemental method (recovery at 50/100/150 % of J, precision). */
export function metalsMethodValidation(reportSha256: string) {
  return {
    ...METHOD_METALS,
    kind: 'ELEMENTAL' as const,
    pharmacopoeialRef: 'USP <233> / <2232>; HPLC-ICP-MS speciation for inorganic As and MeHg',
    analytes: ['As', 'Cd', 'Hg', 'Pb'],
    recovery: [
      { levelPctOfJ: 50, meanRecoveryPct: 94.8 },
      { levelPctOfJ: 100, meanRecoveryPct: 98.6 },
      { levelPctOfJ: 150, meanRecoveryPct: 101.3 },
    ],
    repeatabilityRsdPct: 3.2,
    intermediatePrecisionRsdPct: 5.9,
    resolvesIsomers: false,
    reportSha256,
  };
}

/** Validation of the chiral LC-MS/MS method for α-tocopherol stereoisomers. */
export function tocopherolMethodValidation(reportSha256: string) {
  return {
    ...METHOD_TOCOPHEROL,
    kind: 'LC_MS_MS' as const,
    pharmacopoeialRef: 'chiral HPLC of α-tocopherol stereoisomers after methylation, MS/MS detection',
    analytes: ['VITAMIN_E'],
    recovery: [
      { levelPctOfJ: 80, meanRecoveryPct: 97.2 },
      { levelPctOfJ: 100, meanRecoveryPct: 99.1 },
      { levelPctOfJ: 120, meanRecoveryPct: 100.4 },
    ],
    repeatabilityRsdPct: 1.9,
    intermediatePrecisionRsdPct: 3.1,
    resolvesIsomers: true,
    reportSha256,
  };
}

/** The ICP-MS calibration (µg/L working standards diluted from the GBW(E) solution), due after 24 h. */
export function metalsCalibration(ids: DemoIds, calibratedAt: string) {
  const point = (analyte: string, nominal: number, measured: number) => ({
    analyte,
    nominal,
    measured,
    unit: 'µg/L',
    tolerancePct: 10,
  });
  return {
    calibrationId: ids.calibrationMetals,
    instrumentId: ids.icpMs,
    crmIds: [ids.crmMetals],
    calibratedAt,
    dueAt: hoursAfter(calibratedAt, 24),
    points: [point('Pb', 1, 1.03), point('Cd', 1, 0.98), point('As', 1, 1.04), point('Hg', 0.5, 0.49)],
  };
}

/** The LC-MS/MS calibration (RRR-α-tocopherol at 50 µg/mL), due after 24 h. */
export function tocopherolCalibration(ids: DemoIds, calibratedAt: string) {
  return {
    calibrationId: ids.calibrationTocopherol,
    instrumentId: ids.lcMsMs,
    crmIds: [ids.crmTocopherol],
    calibratedAt,
    dueAt: hoursAfter(calibratedAt, 24),
    points: [{ analyte: 'VITAMIN_E', nominal: 50, measured: 50.9, unit: 'µg/mL', tolerancePct: 5 }],
  };
}
