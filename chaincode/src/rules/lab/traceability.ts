/**
 * The traceability class of rule 13, computed from the CRM and its producer's accreditation as
 * they stood on the calibration date:
 * - T1 (China-anchored): a GBW or GBW(E) CRM, or a producer accredited by CNAS to ISO 17034;
 * - T2 (MRA-equivalent): a producer accredited to ISO 17034 by another ILAC-MRA signatory for
 *   RMP activity, or a CRM of a national metrology institute covered by the CIPM MRA;
 * - T3: anything else, and always when the CRM is expired, revoked or has no certificate.
 */
import type { CrmRecord, TraceabilityClass } from '../../model/lab/reference-material';
import { instantMs } from './time';

/** Who counts as an ILAC-MRA RMP signatory and as a CIPM-MRA institute (policy-maintained lists). */
export interface TraceabilityAuthorities {
  rmpSignatoryBodies: readonly string[];
  cipmMraInstitutes: readonly string[];
}

/**
 * Default lists, from background knowledge: the registrar's policy document overrides them.
 * They name only bodies and institutes widely known to hold the status.
 */
export const DEFAULT_AUTHORITIES: TraceabilityAuthorities = {
  rmpSignatoryBodies: [
    'CNAS',
    'UKAS',
    'A2LA',
    'ANAB',
    'DAkkS',
    'NATA',
    'JAB',
    'KOLAS',
    'COFRAC',
    'ACCREDIA',
    'BELAC',
    'RvA',
  ],
  cipmMraInstitutes: [
    'NIST',
    'NIM',
    'LGC',
    'BAM',
    'PTB',
    'NMIJ',
    'KRISS',
    'NRC',
    'NMIA',
    'LNE',
    'JRC',
    'VSL',
  ],
};

/** A class with the reasons it is not better. */
export interface ClassVerdict {
  traceabilityClass: TraceabilityClass;
  reasons: string[];
}

const GBW_PRIMARY = /^GBW\s?\d{5}[a-z]?$/;
const GBW_SECONDARY = /^GBW\s?\(E\)\s?\d{6}[a-z]?$/;
const DAY_MS = 86_400_000;

/** Start (UTC) of the day an ISO date or date-time falls on: validity dates are whole days. */
function dayStartMs(isoDateOrTime: string): number {
  const ms = instantMs(isoDateOrTime);
  return ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
}

const RANK: Readonly<Record<TraceabilityClass, number>> = { T1: 1, T2: 2, T3: 3 };

/** True for a Chinese national primary (GBW) or secondary (GBW(E)) CRM code. */
export function isGbwCode(code: string): boolean {
  return GBW_PRIMARY.test(code) || GBW_SECONDARY.test(code);
}

/** The class one CRM gives a calibration made at `calibratedAt`. */
export function crmClass(
  crm: CrmRecord,
  calibratedAt: string,
  authorities: TraceabilityAuthorities,
): ClassVerdict {
  const at = instantMs(calibratedAt);
  const blockers: string[] = [];
  if (crm.revoked !== undefined) {
    blockers.push(`CRM ${crm.id} was revoked: ${crm.revoked.reason ?? 'no reason given'}`);
  }
  if (instantMs(crm.expiresAt) < at) {
    blockers.push(`CRM ${crm.id} had expired on the calibration date`);
  }
  if (crm.certificateId === undefined || crm.certificateSha256 === undefined) {
    blockers.push(`CRM ${crm.id} has no certificate on record`);
  }
  if (blockers.length > 0) {
    return { traceabilityClass: 'T3', reasons: blockers };
  }
  if (isGbwCode(crm.catalogueCode)) {
    return { traceabilityClass: 'T1', reasons: [] };
  }
  const accreditation = crm.producerAccreditation;
  const accredited =
    accreditation !== undefined &&
    dayStartMs(accreditation.validFrom) <= at &&
    at < dayStartMs(accreditation.validTo) + DAY_MS;
  if (accredited && accreditation.body === 'CNAS') {
    return { traceabilityClass: 'T1', reasons: [] };
  }
  const notChina = `CRM ${crm.id} is neither GBW/GBW(E) nor from a CNAS-accredited producer`;
  if (accredited && authorities.rmpSignatoryBodies.includes(accreditation.body)) {
    return { traceabilityClass: 'T2', reasons: [notChina] };
  }
  if (crm.nmiInstitute !== undefined && authorities.cipmMraInstitutes.includes(crm.nmiInstitute)) {
    return { traceabilityClass: 'T2', reasons: [notChina] };
  }
  const why =
    accreditation === undefined
      ? `CRM ${crm.id}: producer has no ISO 17034 accreditation and is no CIPM-MRA institute`
      : accredited
        ? `CRM ${crm.id}: accreditation body ${accreditation.body} is no ILAC-MRA signatory for RMPs`
        : `CRM ${crm.id}: producer accreditation was not valid on the calibration date`;
  return { traceabilityClass: 'T3', reasons: [why] };
}

/** A calibration is as traceable as its weakest CRM; it keeps the reasons of every CRM. */
export function calibrationClass(
  crms: readonly CrmRecord[],
  calibratedAt: string,
  authorities: TraceabilityAuthorities,
): ClassVerdict {
  if (crms.length === 0) {
    return { traceabilityClass: 'T3', reasons: ['no CRM referenced'] };
  }
  const verdicts = crms.map((crm) => crmClass(crm, calibratedAt, authorities));
  const worst = verdicts.reduce((a, b) => (RANK[b.traceabilityClass] > RANK[a.traceabilityClass] ? b : a));
  return { traceabilityClass: worst.traceabilityClass, reasons: verdicts.flatMap((v) => v.reasons) };
}
