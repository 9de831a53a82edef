/**
 * The report state machine (rule 19):
 * DRAFT → SUBMITTED → SIGNED (author) → REVIEWED → APPROVED → VERIFIED, where VERIFIED is set by
 * the chaincode alone when every automatic check holds; once submitted, a report can be AMENDED
 * (a new version supersedes it) or REVOKED, and nothing is overwritten.
 */
import type { SignatureMeaning } from '../../model/signature';
import { refuse } from './violation';

/** Report states. */
export const REPORT_STATES = [
  'DRAFT',
  'SUBMITTED',
  'SIGNED',
  'REVIEWED',
  'APPROVED',
  'VERIFIED',
  'AMENDED',
  'REVOKED',
] as const;
/** One of {@link REPORT_STATES}. */
export type ReportState = (typeof REPORT_STATES)[number];

/** What can happen to a report. */
export type ReportAction = 'SUBMIT' | 'SIGN' | 'REVIEW' | 'APPROVE' | 'VERIFY' | 'AMEND' | 'REVOKE';

const ISSUED: readonly ReportState[] = ['SUBMITTED', 'SIGNED', 'REVIEWED', 'APPROVED', 'VERIFIED'];

const TRANSITIONS: Readonly<Record<ReportAction, { from: readonly ReportState[]; to: ReportState }>> = {
  SUBMIT: { from: ['DRAFT'], to: 'SUBMITTED' },
  SIGN: { from: ['SUBMITTED'], to: 'SIGNED' },
  REVIEW: { from: ['SIGNED'], to: 'REVIEWED' },
  APPROVE: { from: ['REVIEWED'], to: 'APPROVED' },
  VERIFY: { from: ['APPROVED'], to: 'VERIFIED' },
  AMEND: { from: ISSUED, to: 'AMENDED' },
  REVOKE: { from: ['DRAFT', ...ISSUED], to: 'REVOKED' },
};

/** The signature meaning each signing action records. */
export const ACTION_MEANING: Readonly<Partial<Record<ReportAction, SignatureMeaning>>> = {
  SIGN: 'AUTHORSHIP',
  REVIEW: 'REVIEW',
  APPROVE: 'APPROVAL',
};

/** The state after `action`; refuses (INVALID_STATE) an action the state does not allow. */
export function nextReportState(state: ReportState, action: ReportAction): ReportState {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(state)) {
    refuse('INVALID_STATE', `cannot ${action.toLowerCase()} a report in state ${state}`);
  }
  return transition.to;
}

/** True for states that end a report's life. */
export function isFinal(state: ReportState): boolean {
  return state === 'AMENDED' || state === 'REVOKED';
}

/**
 * Segregation of duties beyond AUTHORSHIP ≠ APPROVAL: the author signs as author (nobody else
 * may claim their work) and may not review it either.
 */
export function checkSignerForAction(action: ReportAction, authorId: string, signerId: string): void {
  if (action === 'SIGN' && signerId !== authorId) {
    refuse('SEGREGATION_OF_DUTIES', 'only the author who created the report may sign it as author');
  }
  if ((action === 'REVIEW' || action === 'APPROVE') && signerId === authorId) {
    refuse('SEGREGATION_OF_DUTIES', `the author may not ${action.toLowerCase()} their own report`);
  }
}
