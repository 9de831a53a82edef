import { parseAuditTrailInput, type AuditTrailEntry, type RecordRef } from '@alliance/chaincode/model';
import { transaction, type TypedInvoker } from './typed-invoker';

/** The contract's transactions, as the facade and the CLI call them. */
export const AUDIT_TRANSACTIONS = {
  trail: transaction<RecordRef, AuditTrailEntry[]>(
    'audit',
    'GetAuditTrail',
    'evaluate',
    parseAuditTrailInput,
  ),
} as const;

/** The `audit` contract: the audit trail the chaincode keeps of every change to a record. */
export class Audit {
  readonly #invoker: TypedInvoker;

  /** @param invoker - the typed invoker to call through */
  constructor(invoker: TypedInvoker) {
    this.#invoker = invoker;
  }

  /**
   * Every change of one record, oldest first: who, when, why, each field's old and new value
   * and the version hashes. Readable by auditors, the platform and the record's owners.
   * @param record - `{ objectType: 'lot', attributes: [lotId] }`, or `{ key }` for a plain key
   */
  trail(record: RecordRef): Promise<AuditTrailEntry[]> {
    return this.#invoker.evaluate(AUDIT_TRANSACTIONS.trail, record);
  }
}
