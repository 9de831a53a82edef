/**
 * Questions about an accreditation on a given date (rules 15, 19, 20): was it ACTIVE then, and
 * does its scope cover a test (analyte x matrix x method id/version)?
 */
import type { AccreditationRecord, AccreditationStatus, ScopeItem } from '../model/accreditation';

/** The status in force at `at`, or undefined before the record existed. */
export function statusAt(
  record: Pick<AccreditationRecord, 'statusHistory'>,
  at: Date,
): AccreditationStatus | undefined {
  let status: AccreditationStatus | undefined;
  for (const change of record.statusHistory) {
    if (Date.parse(change.at) > at.getTime()) break;
    status = change.status;
  }
  return status;
}

/** True when `at` falls within validFrom..validTo (whole days, UTC, both inclusive). */
export function withinValidity(
  record: Pick<AccreditationRecord, 'validFrom' | 'validTo'>,
  at: Date,
): boolean {
  const day = at.toISOString().slice(0, 10);
  return record.validFrom <= day && day <= record.validTo;
}

/** True when the accreditation was valid and ACTIVE at `at`. */
export function isActiveAt(
  record: Pick<AccreditationRecord, 'statusHistory' | 'validFrom' | 'validTo'>,
  at: Date,
): boolean {
  return withinValidity(record, at) && statusAt(record, at) === 'ACTIVE';
}

/** True when the scope lists exactly this analyte, matrix, method id and version. */
export function scopeCovers(record: Pick<AccreditationRecord, 'scope'>, test: ScopeItem): boolean {
  return record.scope.some(
    (item) =>
      item.analyte === test.analyte &&
      item.matrix === test.matrix &&
      item.methodId === test.methodId &&
      item.methodVersion === test.methodVersion,
  );
}
