import { CALIBRATIONS_TRANSACTIONS as C } from '../contracts/calibrations';
import { INSTRUMENTS_TRANSACTIONS as I } from '../contracts/instruments';
import { LOTS_TRANSACTIONS as L } from '../contracts/lots';
import { MEMBERS_TRANSACTIONS as M } from '../contracts/members';
import { POLICY_TRANSACTIONS as P } from '../contracts/policy';
import { PRODUCTS_TRANSACTIONS as PR } from '../contracts/products';
import { REPORTS_TRANSACTIONS as R } from '../contracts/reports';
import { RUNS_TRANSACTIONS as RU } from '../contracts/runs';
import type { ContractName, TransactionSpec } from '../contracts/typed-invoker';
import { VERDICTS_TRANSACTIONS as VD } from '../contracts/verdicts';
import { VERIFICATIONS_TRANSACTIONS as V } from '../contracts/verifications';

/** One CLI subcommand bound to one chaincode transaction. */
export interface CommandEntry {
  readonly name: string;
  readonly spec: TransactionSpec<unknown, unknown>;
  readonly description: string;
  /** A positional argument that fills this input field (`lot get <lotId>`). */
  readonly idField?: string;
}

/** A command group (`alliance lot ...`). */
export interface CommandGroup {
  readonly name: string;
  readonly description: string;
  readonly commands: readonly CommandEntry[];
  /** Contract served through the generic `call <Tx>` subcommand (while its transactions are not wired one by one). */
  readonly genericContract?: ContractName;
}

// The CLI reads inputs from JSON, so the typed specs are widened here; the model parsers still check them.
function e<I, R>(name: string, typed: TransactionSpec<I, R>, description: string, idField?: string): CommandEntry {
  const spec = typed as unknown as TransactionSpec<unknown, unknown>;
  return idField ? { name, spec, description, idField } : { name, spec, description };
}

/** Every group of the CLI and the transactions its subcommands call. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  {
    name: 'member',
    description: 'member orgs, accreditations and proficiency tests',
    commands: [
      e('bootstrap', M.bootstrap, 'write the founding registry and policy v1 (platform admin, once)'),
      e('add', M.addMember, 'add a member org'),
      e('update-roles', M.updateRoles, "replace a member's org roles"),
      e('suspend', M.suspend, 'suspend a member'),
      e('reinstate', M.reinstate, 'reinstate a member'),
      e('get', M.get, 'show one member', 'mspId'),
      e('list', M.list, 'list members'),
      e('accreditation-record', M.recordAccreditation, "record a lab's accreditation"),
      e('accreditation-status', M.setAccreditationStatus, 'suspend, withdraw or restore an accreditation'),
      e('accreditation-get', M.getAccreditation, 'show one accreditation'),
      e('accreditation-list', M.listAccreditations, 'list accreditations'),
      e('pt-record', M.recordProficiencyTest, 'record a proficiency-test result'),
      e('pt-list', M.listProficiencyTests, "list a lab's proficiency-test results"),
    ],
  },
  {
    name: 'policy',
    description: 'the versioned policy document',
    commands: [e('get', P.get, 'show the policy in force'), e('history', P.history, 'list every version'), e('amend', P.amend, 'adopt a new version')],
  },
  {
    name: 'product',
    description: 'product specifications',
    commands: [
      e('register', PR.register, 'register a specification'),
      e('revise', PR.revise, 'revise a specification'),
      e('get', PR.get, 'show one specification', 'productId'),
      e('list', PR.list, 'list specifications'),
    ],
  },
  {
    name: 'instrument',
    description: 'laboratory instruments and their qualification',
    commands: [
      e('register', I.register, 'register an instrument'),
      e('qualify', I.qualify, 'record an IQ/OQ/PQ with every test'),
      e('maintain', I.maintain, 'record maintenance'),
      e('change-config', I.changeConfiguration, 'record a software/firmware change'),
      e('daily-check', I.dailyCheck, 'record a daily performance check'),
      e('suspend', I.suspend, 'suspend an instrument'),
      e('retire', I.retire, 'retire an instrument'),
      e('get', I.get, 'show one instrument', 'instrumentId'),
      e('state-at', I.stateAt, "an instrument's qualification state at an instant", 'instrumentId'),
    ],
  },
  {
    name: 'calibration',
    description: 'reference materials (CRMs) and calibrations',
    commands: [
      e('crm-register', C.registerCrm, 'register a certified reference material'),
      e('crm-revoke', C.revokeCrm, "revoke a CRM's certificate (suspends instruments, holds lots)"),
      e('crm-expire', C.recordCrmExpiry, 'record that a CRM has expired', 'crmId'),
      e('crm-get', C.getCrm, 'show one CRM', 'crmId'),
      e('record', C.record, 'record a calibration (traceability class computed)'),
      e('get', C.get, 'show one calibration', 'calibrationId'),
    ],
  },
  {
    name: 'run',
    description: 'analytical runs',
    commands: [e('record', RU.record, 'record a run with its raw-data hashes'), e('get', RU.get, 'show one run', 'runId')],
  },
  {
    name: 'report',
    description: 'test reports, method validations and recognition',
    commands: [
      e('method-validation', R.recordMethodValidation, 'record a method validation'),
      e('create', R.create, 'create a DRAFT report (or an amendment)'),
      e('submit', R.submit, 'DRAFT → SUBMITTED', 'reportId'),
      e('sign', R.sign, "SUBMITTED → SIGNED (the author's signature)", 'reportId'),
      e('review', R.review, 'SIGNED → REVIEWED', 'reportId'),
      e('approve', R.approve, 'REVIEWED → APPROVED, then VERIFIED when every check holds', 'reportId'),
      e('verify', R.verify, 're-run the automatic checks of an APPROVED report', 'reportId'),
      e('revoke', R.revoke, 'revoke a report'),
      e('suspend-recognition', R.suspendRecognition, "suspend a lab's recognitions"),
      e('get', R.get, 'show one report', 'reportId'),
      e('for-lot', R.forLot, "list a lot's reports", 'lotId'),
      e('recognition', R.recognition, "show a report's recognition", 'reportId'),
    ],
  },
  {
    name: 'lot',
    description: 'lots and batches: custody, transformation, holds',
    commands: [
      e('register', L.register, 'register a raw-material lot'),
      e('ship', L.ship, 'ship a lot to another member'),
      e('receive', L.receive, 'receive a lot shipped to you'),
      e('sample', L.sample, 'record sampling'),
      e('start-testing', L.startTesting, 'start testing'),
      e('release', L.release, 'release a lot'),
      e('reject', L.reject, 'reject a lot'),
      e('recall', L.recall, 'recall a lot'),
      e('declare-error', L.declareError, 'declare an earlier event erroneous'),
      e('transform', L.transform, 'make a batch from released inputs'),
      e('flag', L.flag, 'flag lots for additional verification'),
      e('lift-hold', L.liftHold, 'lift a hold'),
      e('get', L.get, 'show one lot', 'lotId'),
      e('events', L.events, "list a lot's EPCIS events", 'lotId'),
      e('holds', L.holds, "list a lot's holds", 'lotId'),
    ],
  },
  {
    name: 'verification',
    description: 'comparative verification cases',
    commands: [
      e('open', V.open, 'open a case with its protocol'),
      e('revise', V.revise, 'revise the protocol'),
      e('approve', V.approve, 'approve (freeze) the protocol', 'caseId'),
      e('dispatch', V.dispatch, 'record the dispatch of samples', 'caseId'),
      e('commit', V.commit, 'commit to results'),
      e('reveal', V.reveal, 'reveal results'),
      e('investigate', V.investigate, 'open an investigation', 'caseId'),
      e('close', V.close, 'close a case'),
      e('get', V.get, 'show a case', 'caseId'),
      e('outcome', V.outcome, "show a case's outcome", 'caseId'),
    ],
  },
  {
    name: 'verdict',
    description: 'verdicts and supplier badges',
    commands: [e('get', VD.get, 'the verdict on a lot', 'lotId'), e('assess-badge', VD.assessBadge, "assess a supplier's badge"), e('badge', VD.badge, "show a supplier's badge")],
  },
];
