/**
 * Instrument records (domain rules 6-11): identity per ISO/IEC 17025 §6.4.13, the USP <1058>
 * group, and the qualification timeline. Types only; parsers live in `instrument-input.ts`.
 */
import type { AuditStamp } from '../audit';
import type { QualificationTestResult, TestLimit } from './qualification';

/** Analytical techniques the alliance recognises. */
export const TECHNIQUES = [
  'ICP-MS',
  'ICP-OES',
  'HPLC-ICP-MS',
  'LC-MS/MS',
  'HPLC-UV/DAD',
  'GC-MS',
  'AAS',
  'BALANCE',
  'PH_METER',
  'OTHER',
] as const;
/** An analytical technique. */
export type Technique = (typeof TECHNIQUES)[number];

/** USP <1058> instrument groups: A apparatus, B standard instruments, C computerised systems. */
export const USP_GROUPS = ['A', 'B', 'C'] as const;
/** A USP <1058> group. */
export type UspGroup = (typeof USP_GROUPS)[number];

/** Qualification stages in the order they must pass. */
export const QUALIFICATION_STAGES = ['IQ', 'OQ', 'PQ'] as const;
/** A qualification stage. */
export type QualificationStage = (typeof QUALIFICATION_STAGES)[number];

/** States kept on the ledger. DUE_SOON and EXPIRED are never stored: they depend on ledger time. */
export type StoredQualificationState =
  'REGISTERED' | 'IQ_PASSED' | 'OQ_PASSED' | 'QUALIFIED' | 'SUSPENDED' | 'RETIRED';

/** A state as seen at a given ledger time. */
export type QualificationState = StoredQualificationState | 'DUE_SOON' | 'EXPIRED';

/** What suspends an instrument automatically (rule 10), or a lab's own decision (MANUAL). */
export const SUSPENSION_CAUSES = [
  'RELOCATION',
  'MAJOR_REPAIR',
  'CRITICAL_PART_REPLACEMENT',
  'SOFTWARE_CHANGE',
  'FIRMWARE_CHANGE',
  'FAILED_OQ',
  'FAILED_PQ',
  'FAILED_SST',
  'FAILED_DAILY_CHECK',
  'CALIBRATION_OUT_OF_TOLERANCE',
  'CRM_EXPIRED',
  'CRM_REVOKED',
  'MANUAL',
] as const;
/** Why an instrument was suspended. */
export type SuspensionCause = (typeof SUSPENSION_CAUSES)[number];

/** The suspension in force, and the stage requalification must restart from. */
export interface Suspension {
  causes: SuspensionCause[];
  refIds: string[];
  since: string;
  requalifyFrom: QualificationStage;
}

/** The qualification facts the state machine works on. */
export interface QualificationStatus {
  state: StoredQualificationState;
  iqPassedAt?: string;
  oqPassedAt?: string;
  pqPassedAt?: string;
  qualifiedUntil?: string;
  suspension?: Suspension;
}

/** One entry of the append-only qualification timeline: the state from `at` on. */
export interface QualificationChange {
  at: string;
  state: StoredQualificationState;
  qualifiedUntil?: string;
  reason: string;
  refId?: string;
}

/** A lab's own (tightened) limit for one default test of its instrument. */
export interface LimitOverride {
  testId: string;
  limit: TestLimit;
}

/** An instrument on the ledger (ISO/IEC 17025 §6.4.13 identity plus qualification). */
export interface InstrumentRecord {
  instrumentId: string;
  ownerMspId: string;
  technique: Technique;
  uspGroup: UspGroup;
  manufacturer: string;
  model: string;
  serialNumber: string;
  softwareVersion: string;
  firmwareVersion: string;
  location: string;
  limitOverrides: LimitOverride[];
  qualification: QualificationStatus;
  /** Append-only: the state from each instant on, so any past state can be answered. */
  timeline: QualificationChange[];
  currentCalibrationId?: string;
  /** Ledger time of the last passing daily check or PQ (results since then are covered). */
  lastPassingCheckAt?: string;
  version: number;
  created: AuditStamp;
  updated: AuditStamp;
}

/** Maintenance kinds; RELOCATION, MAJOR_REPAIR and critical PART_REPLACEMENT suspend (rule 10). */
export const MAINTENANCE_KINDS = [
  'RELOCATION',
  'MAJOR_REPAIR',
  'PART_REPLACEMENT',
  'MINOR_REPAIR',
  'PREVENTIVE',
] as const;
/** One of {@link MAINTENANCE_KINDS}. */
export type MaintenanceKind = (typeof MAINTENANCE_KINDS)[number];

/** A maintenance event on the ledger. */
export interface MaintenanceRecord {
  maintenanceId: string;
  instrumentId: string;
  kind: MaintenanceKind;
  critical: boolean;
  description: string;
  performedAt: string;
  newLocation?: string;
  suspended: boolean;
  lateEntry: boolean;
  recorded: AuditStamp;
}

/** Daily performance checks (rule 11): an ICP-MS tune report or a chromatographic SST. */
export type DailyCheckKind = 'TUNE' | 'SST';

/** A daily performance check on the ledger; `passed` is computed. */
export interface DailyCheckRecord {
  checkId: string;
  instrumentId: string;
  kind: DailyCheckKind;
  performedAt: string;
  tests: QualificationTestResult[];
  passed: boolean;
  lateEntry: boolean;
  recorded: AuditStamp;
}
