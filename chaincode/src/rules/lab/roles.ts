/**
 * Access tables of the lab area's contracts. Only LAB members write lab records (rule 1); within
 * a lab, analysts record what they measured, reviewers review, approvers approve, suspend and
 * retire, and admins manage instruments and reference materials. Anyone in the alliance reads.
 */
import { ANY_ORG, type AccessRule, type AccessTable } from '../roles';

const LAB_WORK: AccessRule = { org: ['LAB'], user: ['analyst', 'admin'] };
const LAB_DECISION: AccessRule = { org: ['LAB'], user: ['approver', 'admin'] };
const READ: AccessRule = { org: ANY_ORG, evaluate: true };

/** The `instruments` contract. */
export const INSTRUMENTS_ACCESS: AccessTable = {
  RegisterInstrument: LAB_WORK,
  RecordQualification: LAB_WORK,
  RecordMaintenance: LAB_WORK,
  ChangeConfiguration: LAB_WORK,
  RecordDailyCheck: LAB_WORK,
  SuspendInstrument: LAB_DECISION,
  RetireInstrument: LAB_DECISION,
  GetInstrument: READ,
  InstrumentStateAt: READ,
};

/** The `calibrations` contract: reference materials and calibrations. */
export const CALIBRATIONS_ACCESS: AccessTable = {
  RegisterCrm: LAB_WORK,
  RevokeCrm: LAB_DECISION,
  RecordCrmExpiry: LAB_WORK,
  RecordCalibration: LAB_WORK,
  GetCrm: READ,
  GetCalibration: READ,
};

/** The `runs` contract. */
export const RUNS_ACCESS: AccessTable = {
  RecordRun: { org: ['LAB'], user: ['analyst'] },
  GetRun: READ,
};

/** The `reports` contract: method validations, reports, signatures and recognition. */
export const REPORTS_ACCESS: AccessTable = {
  RecordMethodValidation: LAB_WORK,
  CreateReport: { org: ['LAB'], user: ['analyst'] },
  SubmitReport: { org: ['LAB'], user: ['analyst'] },
  SignReport: { org: ['LAB'], user: ['analyst'] },
  ReviewReport: { org: ['LAB'], user: ['reviewer'] },
  ApproveReport: { org: ['LAB'], user: ['approver'] },
  VerifyReport: { org: ['LAB'], user: ['approver', 'admin'] },
  RevokeReport: LAB_DECISION,
  SuspendRecognition: { org: ['ACCREDITATION_REGISTRAR', 'PLATFORM'], user: ['admin', 'approver'] },
  GetReport: READ,
  ReportsForLot: READ,
  GetRecognition: READ,
};
