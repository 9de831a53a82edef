/**
 * Method validation records (rule 26): the evidence that an analytical method is fit before any
 * result it produces is usable. Kept per lab, method id and version.
 */
import type { AuditStamp } from '../audit';

/** Method families with their own validation criteria. */
export type MethodKind = 'ELEMENTAL' | 'LC_MS_MS' | 'HPLC';

/** Mean recovery at one spike level, in percent of the target concentration J. */
export interface RecoveryLevel {
  levelPctOfJ: number;
  meanRecoveryPct: number;
}

/** Acceptance criteria a chromatographic method record sets for itself (defaults apply when absent). */
export interface MethodAcceptance {
  recoveryMinPct: number;
  recoveryMaxPct: number;
  rsdMaxPct: number;
}

/** A method validation record on the ledger. */
export interface MethodValidationRecord {
  id: string;
  methodId: string;
  version: string;
  kind: MethodKind;
  pharmacopoeialRef?: string;
  analytes: string[];
  recovery: RecoveryLevel[];
  repeatabilityRsdPct: number;
  intermediatePrecisionRsdPct?: number;
  acceptance?: MethodAcceptance;
  /** The method separates E/Z (cis/trans) isomers; needed for vitamin K1 isomer results. */
  resolvesIsomers: boolean;
  reportSha256: string;
  ownerMspId: string;
  recorded: AuditStamp;
}

/** Per-run system-suitability figures (rule 26). */
export interface RunSuitability {
  /** Drift between standardisation solutions before and after the sequence, % (elemental). */
  driftPct?: number;
  /** Largest ion-ratio deviation from the calibrant mean, % relative (LC-MS/MS). */
  ionRatioDeviationPct?: number;
  /** Largest retention-time deviation from the calibrants, minutes (chromatography). */
  retentionTimeDeviationMin?: number;
}
