/**
 * Calibration records (rules 12-14). The out-of-tolerance flag and the traceability class are
 * computed by the chaincode; the submitter only states what was measured against which CRMs.
 */
import type { AuditStamp } from '../audit';
import type { TraceabilityClass } from './reference-material';

/** One calibration point: a CRM-based standard measured against its nominal value. */
export interface CalibrationPoint {
  analyte: string;
  nominal: number;
  measured: number;
  unit: string;
  /** Allowed deviation from nominal, in percent of nominal. */
  tolerancePct: number;
}

/** The class computed for a calibration, with every reason it is not better. */
export interface TraceabilityAssessment {
  traceabilityClass: TraceabilityClass;
  reasons: string[];
  assessedAt: string;
}

/** A calibration on the ledger. */
export interface CalibrationRecord {
  id: string;
  instrumentId: string;
  crmIds: string[];
  calibratedAt: string;
  dueAt: string;
  points: CalibrationPoint[];
  outOfTolerance: boolean;
  traceability: TraceabilityAssessment;
  ownerMspId: string;
  recorded: AuditStamp;
}
