import type {
  DailyCheckRecord,
  InstrumentRecord,
  MaintenanceRecord,
  QualificationState,
  QualificationStatus,
} from '@alliance/chaincode/model/lab/instrument';
import {
  parseChangeConfigurationInput,
  parseInstrumentReasonInput,
  parseInstrumentRefInput,
  parseInstrumentStateAtInput,
  parseRecordDailyCheckInput,
  parseRecordMaintenanceInput,
  parseRecordQualificationInput,
  parseRegisterInstrumentInput,
  recordMaintenanceInput,
  registerInstrumentInput,
} from '@alliance/chaincode/model/lab/instrument-input';
import type { QualificationRecord } from '@alliance/chaincode/model/lab/qualification';
import type { InputOf } from './model-types';
import type { SchemaInput } from './schema-input';
import { transaction, type Committed, type TypedInvoker } from './typed-invoker';

type Reason = InputOf<typeof parseInstrumentReasonInput>;
type Ref = InputOf<typeof parseInstrumentRefInput>;

/** What `RecordQualification` returns: the stage record with computed results, and the state it moved to. */
export interface QualificationOutcome {
  readonly qualification: QualificationRecord;
  readonly state: QualificationStatus;
}

/** What `InstrumentStateAt` returns: the state (DUE_SOON and EXPIRED included) at an instant. */
export interface InstrumentStateAt {
  readonly instrumentId: string;
  readonly at: string;
  readonly state: QualificationState;
}

/** The contract's transactions, as the facade and the CLI call them. */
export const INSTRUMENTS_TRANSACTIONS = {
  register: transaction<SchemaInput<typeof registerInstrumentInput>, InstrumentRecord>(
    'instruments',
    'RegisterInstrument',
    'submit',
    parseRegisterInstrumentInput,
  ),
  qualify: transaction<InputOf<typeof parseRecordQualificationInput>, QualificationOutcome>(
    'instruments',
    'RecordQualification',
    'submit',
    parseRecordQualificationInput,
  ),
  maintain: transaction<SchemaInput<typeof recordMaintenanceInput>, MaintenanceRecord>(
    'instruments',
    'RecordMaintenance',
    'submit',
    parseRecordMaintenanceInput,
  ),
  changeConfiguration: transaction<InputOf<typeof parseChangeConfigurationInput>, InstrumentRecord>(
    'instruments',
    'ChangeConfiguration',
    'submit',
    parseChangeConfigurationInput,
  ),
  dailyCheck: transaction<InputOf<typeof parseRecordDailyCheckInput>, DailyCheckRecord>(
    'instruments',
    'RecordDailyCheck',
    'submit',
    parseRecordDailyCheckInput,
  ),
  suspend: transaction<Reason, InstrumentRecord>(
    'instruments',
    'SuspendInstrument',
    'submit',
    parseInstrumentReasonInput,
  ),
  retire: transaction<Reason, InstrumentRecord>(
    'instruments',
    'RetireInstrument',
    'submit',
    parseInstrumentReasonInput,
  ),
  get: transaction<Ref, InstrumentRecord>(
    'instruments',
    'GetInstrument',
    'evaluate',
    parseInstrumentRefInput,
  ),
  stateAt: transaction<InputOf<typeof parseInstrumentStateAtInput>, InstrumentStateAt>(
    'instruments',
    'InstrumentStateAt',
    'evaluate',
    parseInstrumentStateAtInput,
  ),
} as const;

/** The `instruments` contract: registration, IQ/OQ/PQ, maintenance, daily checks, suspension and retirement. */
export class Instruments {
  readonly #invoker: TypedInvoker;

  /** @param invoker - the typed invoker to call through */
  constructor(invoker: TypedInvoker) {
    this.#invoker = invoker;
  }

  /** Registers an instrument of the caller's lab; it starts REGISTERED. */
  register(input: SchemaInput<typeof registerInstrumentInput>): Promise<Committed<InstrumentRecord>> {
    return this.#invoker.submit(INSTRUMENTS_TRANSACTIONS.register, input);
  }
  /** Records an IQ, OQ or PQ with every test; the chaincode computes each result and the new state. */
  qualify(input: InputOf<typeof parseRecordQualificationInput>): Promise<Committed<QualificationOutcome>> {
    return this.#invoker.submit(INSTRUMENTS_TRANSACTIONS.qualify, input);
  }
  /** Records maintenance; relocation, major repair and critical part replacement suspend the instrument. */
  maintain(input: SchemaInput<typeof recordMaintenanceInput>): Promise<Committed<MaintenanceRecord>> {
    return this.#invoker.submit(INSTRUMENTS_TRANSACTIONS.maintain, input);
  }
  /** Records a software or firmware change, which suspends the instrument until a new OQ. */
  changeConfiguration(
    input: InputOf<typeof parseChangeConfigurationInput>,
  ): Promise<Committed<InstrumentRecord>> {
    return this.#invoker.submit(INSTRUMENTS_TRANSACTIONS.changeConfiguration, input);
  }
  /** Records a daily performance check (tune or SST); a failed check suspends the instrument. */
  dailyCheck(input: InputOf<typeof parseRecordDailyCheckInput>): Promise<Committed<DailyCheckRecord>> {
    return this.#invoker.submit(INSTRUMENTS_TRANSACTIONS.dailyCheck, input);
  }
  /** Suspends an instrument by the lab's own decision. */
  suspend(input: Reason): Promise<Committed<InstrumentRecord>> {
    return this.#invoker.submit(INSTRUMENTS_TRANSACTIONS.suspend, input);
  }
  /** Retires an instrument for good. */
  retire(input: Reason): Promise<Committed<InstrumentRecord>> {
    return this.#invoker.submit(INSTRUMENTS_TRANSACTIONS.retire, input);
  }
  /** One instrument with its qualification timeline. */
  get(input: Ref): Promise<InstrumentRecord> {
    return this.#invoker.evaluate(INSTRUMENTS_TRANSACTIONS.get, input);
  }
  /** The qualification state at an instant (default: ledger time). */
  stateAt(input: InputOf<typeof parseInstrumentStateAtInput>): Promise<InstrumentStateAt> {
    return this.#invoker.evaluate(INSTRUMENTS_TRANSACTIONS.stateAt, input);
  }
}
