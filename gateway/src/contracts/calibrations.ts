import type { CalibrationRecord } from '@alliance/chaincode/model/lab/calibration';
import {
  parseCalibrationRefInput,
  parseCrmRefInput,
  parseRecordCalibrationInput,
  parseRegisterCrmInput,
  parseRevokeCrmInput,
} from '@alliance/chaincode/model/lab/calibration-input';
import type { CrmRecord } from '@alliance/chaincode/model/lab/reference-material';
import type { InputOf } from './model-types';
import { transaction, type Committed, type TypedInvoker } from './typed-invoker';

type CrmRef = InputOf<typeof parseCrmRefInput>;

/** What a CRM revocation or expiry touched: instruments suspended and lots held (downstream included). */
export interface CrmConsequences {
  readonly suspendedInstruments: string[];
  readonly heldLots: string[];
}

/** The contract's transactions, as the facade and the CLI call them. */
export const CALIBRATIONS_TRANSACTIONS = {
  registerCrm: transaction<InputOf<typeof parseRegisterCrmInput>, CrmRecord>(
    'calibrations',
    'RegisterCrm',
    'submit',
    parseRegisterCrmInput,
  ),
  revokeCrm: transaction<InputOf<typeof parseRevokeCrmInput>, CrmConsequences>(
    'calibrations',
    'RevokeCrm',
    'submit',
    parseRevokeCrmInput,
  ),
  recordCrmExpiry: transaction<CrmRef, CrmConsequences>(
    'calibrations',
    'RecordCrmExpiry',
    'submit',
    parseCrmRefInput,
  ),
  record: transaction<InputOf<typeof parseRecordCalibrationInput>, CalibrationRecord>(
    'calibrations',
    'RecordCalibration',
    'submit',
    parseRecordCalibrationInput,
  ),
  getCrm: transaction<CrmRef, CrmRecord>('calibrations', 'GetCrm', 'evaluate', parseCrmRefInput),
  get: transaction<InputOf<typeof parseCalibrationRefInput>, CalibrationRecord>(
    'calibrations',
    'GetCalibration',
    'evaluate',
    parseCalibrationRefInput,
  ),
} as const;

/** The `calibrations` contract: certified reference materials and the calibrations made against them. */
export class Calibrations {
  readonly #invoker: TypedInvoker;

  /** @param invoker - the typed invoker to call through */
  constructor(invoker: TypedInvoker) {
    this.#invoker = invoker;
  }

  /** Registers a CRM lot the caller's lab holds, with its certificate and producer accreditation. */
  registerCrm(input: InputOf<typeof parseRegisterCrmInput>): Promise<Committed<CrmRecord>> {
    return this.#invoker.submit(CALIBRATIONS_TRANSACTIONS.registerCrm, input);
  }
  /** Revokes a CRM certificate: instruments calibrated with it are suspended, lots tested with it held. */
  revokeCrm(input: InputOf<typeof parseRevokeCrmInput>): Promise<Committed<CrmConsequences>> {
    return this.#invoker.submit(CALIBRATIONS_TRANSACTIONS.revokeCrm, input);
  }
  /** Records that a CRM has expired: instruments whose current calibration used it are suspended. */
  recordCrmExpiry(input: CrmRef): Promise<Committed<CrmConsequences>> {
    return this.#invoker.submit(CALIBRATIONS_TRANSACTIONS.recordCrmExpiry, input);
  }
  /** Records a calibration; the chaincode computes its traceability class (T1/T2/T3) and tolerance. */
  record(input: InputOf<typeof parseRecordCalibrationInput>): Promise<Committed<CalibrationRecord>> {
    return this.#invoker.submit(CALIBRATIONS_TRANSACTIONS.record, input);
  }
  /** One CRM. */
  getCrm(input: CrmRef): Promise<CrmRecord> {
    return this.#invoker.evaluate(CALIBRATIONS_TRANSACTIONS.getCrm, input);
  }
  /** One calibration. */
  get(input: InputOf<typeof parseCalibrationRefInput>): Promise<CalibrationRecord> {
    return this.#invoker.evaluate(CALIBRATIONS_TRANSACTIONS.get, input);
  }
}
