import { LOTS_TRANSACTIONS as L } from '../contracts/lots';
import { MEMBERS_TRANSACTIONS as M } from '../contracts/members';
import { POLICY_TRANSACTIONS as P } from '../contracts/policy';
import { PRODUCTS_TRANSACTIONS as PR } from '../contracts/products';
import { transaction, type ContractName, type TransactionSpec } from '../contracts/typed-invoker';
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
const raw = (contract: ContractName, tx: string, kind: 'submit' | 'evaluate'): TransactionSpec<unknown, unknown> => transaction(contract, tx, kind);

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
      e('register', raw('instruments', 'RegisterInstrument', 'submit'), 'register an instrument'),
      e('qualify', raw('instruments', 'RecordQualification', 'submit'), 'record an IQ/OQ/PQ qualification'),
      e('maintain', raw('instruments', 'RecordMaintenance', 'submit'), 'record maintenance'),
      e('change-config', raw('instruments', 'ChangeConfiguration', 'submit'), 'record a configuration change'),
      e('daily-check', raw('instruments', 'RecordDailyCheck', 'submit'), 'record a daily check'),
      e('suspend', raw('instruments', 'SuspendInstrument', 'submit'), 'suspend an instrument'),
      e('retire', raw('instruments', 'RetireInstrument', 'submit'), 'retire an instrument'),
      e('get', raw('instruments', 'GetInstrument', 'evaluate'), 'show one instrument', 'instrumentId'),
      e('state-at', raw('instruments', 'InstrumentStateAt', 'evaluate'), "an instrument's state at an instant"),
    ],
  },
  { name: 'calibration', description: 'reference materials and calibrations', commands: [], genericContract: 'calibrations' },
  { name: 'run', description: 'analytical runs', commands: [], genericContract: 'runs' },
  { name: 'report', description: 'test reports and their recognition', commands: [], genericContract: 'reports' },
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
    commands: [e('get', VD.get, 'the verdict on a lot', 'lotId'), e('assess-badge', VD.assessBadge, "assess a supplier's badge"), e('badge', VD.badge, "show a supplier's badge")],
  },
];
