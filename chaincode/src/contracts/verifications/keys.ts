/** Composite keys of comparative-verification cases; outcomes and indexes are keys of their own. */
import type { LedgerStore } from '../../ledger/store';

/** Object types of the verification area. */
export const VERIFICATION_KEYS = {
  case: 'vcase',
  protocol: 'vcase~protocol',
  approval: 'vcase~approval',
  commitment: 'vcase~commit',
  reveal: 'vcase~reveal',
  outcome: 'vcase~outcome',
  lastOutcome: 'vlab~last',
  passed: 'vlot~passed',
  unsatisfactory: 'vlot~unsatisfactory',
} as const;

const versionAttr = (version: number): string => String(version).padStart(6, '0');

/** Key of a case. */
export const caseKey = (store: LedgerStore, caseId: string): string =>
  store.key(VERIFICATION_KEYS.case, [caseId]);
/** Key of one protocol version. */
export const protocolKey = (store: LedgerStore, caseId: string, version: number): string =>
  store.key(VERIFICATION_KEYS.protocol, [caseId, versionAttr(version)]);
/** Key of one org's approval of one protocol version. */
export const approvalKey = (store: LedgerStore, caseId: string, version: number, mspId: string): string =>
  store.key(VERIFICATION_KEYS.approval, [caseId, versionAttr(version), mspId]);
/** Attributes that scan every approval of one protocol version. */
export const approvalScan = (caseId: string, version: number): string[] => [caseId, versionAttr(version)];
/** Key of a lab's commitment to one protocol version. */
export const commitmentKey = (store: LedgerStore, caseId: string, version: number, lab: string): string =>
  store.key(VERIFICATION_KEYS.commitment, [caseId, versionAttr(version), lab]);
/** Key of a lab's reveal for one protocol version. */
export const revealKey = (store: LedgerStore, caseId: string, version: number, lab: string): string =>
  store.key(VERIFICATION_KEYS.reveal, [caseId, versionAttr(version), lab]);
/** Attributes that scan one protocol version's commitments or reveals. */
export const resultScan = (caseId: string, version: number): string[] => [caseId, versionAttr(version)];
/** Key of a case's outcome. */
export const outcomeKey = (store: LedgerStore, caseId: string): string =>
  store.key(VERIFICATION_KEYS.outcome, [caseId]);
/** Key of a lab's latest counted outcome on an analyte (for "QUESTIONABLE twice in a row"). */
export const lastOutcomeKey = (store: LedgerStore, lab: string, analyte: string): string =>
  store.key(VERIFICATION_KEYS.lastOutcome, [lab, analyte]);
/** Index: a lot's analyte passed a comparative verification. */
export const passedKey = (store: LedgerStore, lotId: string, analyte: string, caseId: string): string =>
  store.key(VERIFICATION_KEYS.passed, [lotId, analyte, caseId]);
/** Index: a lot took part in an UNSATISFACTORY verification (badge rule). */
export const unsatisfactoryKey = (store: LedgerStore, lotId: string, caseId: string): string =>
  store.key(VERIFICATION_KEYS.unsatisfactory, [lotId, caseId]);
