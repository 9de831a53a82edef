import { parseRecordRunInput, parseRunRefInput, type RunRecord } from '@alliance/chaincode/model/lab/run';
import type { InputOf } from './model-types';
import { transaction, type Committed, type TypedInvoker } from './typed-invoker';

/** The contract's transactions, as the facade and the CLI call them. */
export const RUNS_TRANSACTIONS = {
  record: transaction<InputOf<typeof parseRecordRunInput>, RunRecord>(
    'runs',
    'RecordRun',
    'submit',
    parseRecordRunInput,
  ),
  get: transaction<InputOf<typeof parseRunRefInput>, RunRecord>(
    'runs',
    'GetRun',
    'evaluate',
    parseRunRefInput,
  ),
} as const;

/** The `runs` contract: analytical runs bound to their instrument, calibration, daily check and raw-data hashes. */
export class Runs {
  readonly #invoker: TypedInvoker;

  /** @param invoker - the typed invoker to call through */
  constructor(invoker: TypedInvoker) {
    this.#invoker = invoker;
  }

  /** Records a run; the chaincode decides whether it is calibration-traceable and holds the lot when not. */
  record(input: InputOf<typeof parseRecordRunInput>): Promise<Committed<RunRecord>> {
    return this.#invoker.submit(RUNS_TRANSACTIONS.record, input);
  }
  /** One run. */
  get(input: InputOf<typeof parseRunRefInput>): Promise<RunRecord> {
    return this.#invoker.evaluate(RUNS_TRANSACTIONS.get, input);
  }
}
