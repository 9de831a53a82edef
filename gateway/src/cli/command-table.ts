import { CALIBRATIONS_TRANSACTIONS as C } from '../contracts/calibrations';
import { INSTRUMENTS_TRANSACTIONS as I } from '../contracts/instruments';
import { LOTS_TRANSACTIONS as L } from '../contracts/lots';
import { MEMBERS_TRANSACTIONS as M } from '../contracts/members';
import { POLICY_TRANSACTIONS as P } from '../contracts/policy';
import { PRODUCTS_TRANSACTIONS as PR } from '../contracts/products';
import { REPORTS_TRANSACTIONS as R } from '../contracts/reports';
import { RUNS_TRANSACTIONS as RU } from '../contracts/runs';
import type { ContractName, TransactionSpec } from '../contracts/typed-invoker';
import { LAB_VIEWS, type View } from './lab-views';
import { VERDICTS_TRANSACTIONS as VD } from '../contracts/verdicts';
import { VERIFICATIONS_TRANSACTIONS as V } from '../contracts/verifications';

/** One CLI subcommand bound to one chaincode transaction. */
export interface CommandEntry {
  readonly name: string;
  readonly spec: TransactionSpec<unknown, unknown>;
  readonly description: string;
  /** A positional argument that fills this input field (`lot get <lotId>`). */
  readonly idField?: string;
  /** How to show the result to people (default: key/value lines); `--json` prints it whole. */
  readonly view?: (value: unknown) => string;
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
function e<I, R>(
  name: string,
  typed: TransactionSpec<I, R>,
  description: string,
  idField?: string,
  view?: View,
): CommandEntry {
  const spec = typed as unknown as TransactionSpec<unknown, unknown>;
  return {
    name,
    spec,
    description,
    ...(idField ? { idField } : {}),
    ...(view ? { view: view as (value: unknown) => string } : {}),
  };
}
const v = LAB_VIEWS;

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
    commands: [
      e('get', P.get, 'show the policy in force'),
      e('history', P.history, 'list every version'),
      e('amend', P.amend, 'adopt a new version'),
    ],
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
      e('register', I.register, 'register an instrument', undefined, v.instrument),
      e('qualify', I.qualify, 'record an IQ/OQ/PQ with every test', undefined, v.qualification),
      e('maintain', I.maintain, 'record maintenance', undefined, v.maintenance),
      e('change-config', I.changeConfiguration, 'record a software/firmware change', undefined, v.instrument),
      e('daily-check', I.dailyCheck, 'record a daily performance check', undefined, v.dailyCheck),
      e('suspend', I.suspend, 'suspend an instrument', undefined, v.instrument),
      e('retire', I.retire, 'retire an instrument', undefined, v.instrument),
      e('get', I.get, 'show one instrument', 'instrumentId', v.instrument),
      e(
        'state-at',
        I.stateAt,
        "an instrument's qualification state at an instant (--set at=...)",
        'instrumentId',
        v.stateAt,
      ),
    ],
  },
  {
    name: 'calibration',
    description: 'reference materials (CRMs) and calibrations',
    commands: [
      e('crm-register', C.registerCrm, 'register a certified reference material', undefined, v.crm),
      e(
        'crm-revoke',
        C.revokeCrm,
        "revoke a CRM's certificate (suspends instruments, holds lots)",
        undefined,
        v.consequences,
      ),
      e('crm-expire', C.recordCrmExpiry, 'record that a CRM has expired', 'crmId', v.consequences),
      e('crm-get', C.getCrm, 'show one CRM', 'crmId', v.crm),
      e('record', C.record, 'record a calibration (traceability class computed)', undefined, v.calibration),
      e('get', C.get, 'show one calibration', 'calibrationId', v.calibration),
    ],
  },
  {
    name: 'run',
    description: 'analytical runs',
    commands: [
      e('record', RU.record, 'record a run with its raw-data hashes', undefined, v.run),
      e('get', RU.get, 'show one run', 'runId', v.run),
    ],
  },
  {
    name: 'report',
    description: 'test reports, method validations and recognition',
    commands: [
      e(
        'method-validation',
        R.recordMethodValidation,
        'record a method validation',
        undefined,
        v.methodValidation,
      ),
      e('create', R.create, 'create a DRAFT report (or an amendment)', undefined, v.report),
      e('submit', R.submit, 'DRAFT → SUBMITTED', 'reportId', v.report),
      e('sign', R.sign, "SUBMITTED → SIGNED (the author's signature)", 'reportId', v.report),
      e('review', R.review, 'SIGNED → REVIEWED', 'reportId', v.report),
      e(
        'approve',
        R.approve,
        'REVIEWED → APPROVED, then VERIFIED when every check holds',
        'reportId',
        v.report,
      ),
      e('verify', R.verify, 're-run the automatic checks of an APPROVED report', 'reportId', v.report),
      e('revoke', R.revoke, 'revoke a report', undefined, v.report),
      e('suspend-recognition', R.suspendRecognition, "suspend a lab's recognitions", undefined, v.suspended),
      e('get', R.get, 'show one report', 'reportId', v.report),
      e('for-lot', R.forLot, "list a lot's reports", 'lotId', v.reports),
      e('recognition', R.recognition, "show a report's recognition", 'reportId', v.recognition),
    ],
  },
  {
    name: 'lot',
    description: 'lots and batches: custody, transformation, holds',
    commands: [
      e('register', L.register, 'register a raw-material lot'),
      e('ship', L.ship, 'ship a lot to another member'),
      e('pack', L.pack, 'pack lots into a logistic unit (SSCC)'),
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
    commands: [
      e('get', VD.get, 'the verdict on a lot', 'lotId'),
      e('assess-badge', VD.assessBadge, "assess a supplier's badge"),
      e('badge', VD.badge, "show a supplier's badge"),
    ],
  },
];
