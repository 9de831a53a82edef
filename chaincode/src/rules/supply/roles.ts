/**
 * Who may call the supply area's transactions (lots, verifications, verdicts). The base contract
 * checks every call against these tables before the transaction runs; the transactions then
 * check ownership (owner org of a lot, participants of a case) themselves.
 */
import { ANY_ORG, type AccessRule, type AccessTable } from '../roles';

const QUERY: AccessRule = { org: ANY_ORG, evaluate: true };
/** Organisations that own and move goods. */
const GOODS = ['SUPPLIER', 'IMPORTER', 'MANUFACTURER'] as const;
/** Day-to-day custody work by any ordinary user of a goods org. */
const CUSTODY: AccessRule = { org: GOODS, user: ['member', 'admin', 'approver'] };
/** Decisions on a lot (release, rejection, recall, correction) by an approver or admin. */
const DECISION: AccessRule = { org: GOODS, user: ['approver', 'admin'] };
/** Lab work on a verification case. */
const LAB_WORK: AccessRule = { org: ['LAB', 'VERIFIER'], user: ['analyst', 'reviewer', 'approver'] };
/** Managing a verification case: the requesting brand, the verifier, the platform. */
const CASE_MANAGEMENT: AccessRule = {
  org: ['MANUFACTURER', 'VERIFIER', 'PLATFORM'],
  user: ['approver', 'admin'],
};

/** The `lots` contract. */
export const LOTS_ACCESS: AccessTable = {
  RegisterLot: CUSTODY,
  ShipLot: CUSTODY,
  PackLots: CUSTODY,
  ReceiveLot: CUSTODY,
  SampleLot: CUSTODY,
  StartTesting: CUSTODY,
  ReleaseLot: DECISION,
  RejectLot: DECISION,
  RecallLot: { org: [...GOODS, 'PLATFORM'], user: ['approver', 'admin'] },
  DeclareError: DECISION,
  Transform: { org: ['MANUFACTURER'], user: ['member', 'admin', 'approver'] },
  FlagLots: {
    org: ['PLATFORM', 'LAB', 'VERIFIER', 'MANUFACTURER', 'ACCREDITATION_REGISTRAR'],
    user: ['approver', 'admin'],
  },
  LiftHold: { org: ['PLATFORM', 'VERIFIER', ...GOODS], user: ['approver', 'admin'] },
  GetLot: QUERY,
  GetLotEvents: QUERY,
  GetHolds: QUERY,
  TraceForward: QUERY,
  TraceBackward: QUERY,
};

/** The `verifications` contract. */
export const VERIFICATIONS_ACCESS: AccessTable = {
  OpenCase: { org: ['MANUFACTURER'], user: ['approver', 'admin'] },
  ReviseProtocol: { org: ['MANUFACTURER'], user: ['approver', 'admin'] },
  ApproveProtocol: { org: ['LAB', 'VERIFIER', 'MANUFACTURER'], user: ['approver'] },
  DispatchSamples: { org: ['MANUFACTURER'], user: ['member', 'approver', 'admin'] },
  CommitResults: LAB_WORK,
  RevealResults: LAB_WORK,
  Investigate: CASE_MANAGEMENT,
  CloseCase: CASE_MANAGEMENT,
  GetCase: QUERY,
  GetOutcome: QUERY,
};

/** The `verdicts` contract. */
export const VERDICTS_ACCESS: AccessTable = {
  GetVerdict: QUERY,
  // Anyone may ask for a re-assessment; the rule alone decides, so the caller cannot bias it.
  AssessBadge: { org: ANY_ORG },
  GetBadge: QUERY,
};
