/** Something the audit found wrong, and where. */
export interface Anomaly {
  readonly block: number;
  /** Index of the transaction in its block, when the anomaly is about one. */
  readonly tx?: number;
  readonly txId?: string;
  /** Short stable name of the failed check (`previous-hash`, `validation-code`, `state-value`, ...). */
  readonly check: string;
  /** What was found, readable by a person. */
  readonly detail: string;
  /** `error`: the ledger or a peer is not what it claims; `warning`: legal but worth a look. */
  readonly severity: 'error' | 'warning';
}

/** What the replay records of every transaction. */
export interface TxSummary {
  readonly block: number;
  readonly tx: number;
  readonly txId: string;
  /** `endorser`, `config` or `other`. */
  readonly kind: 'endorser' | 'config' | 'other';
  readonly creatorMspId: string | undefined;
  /** The code the block records (TRANSACTIONS_FILTER). */
  readonly recordedCode: number | undefined;
  /** The code the auditor computed. */
  readonly auditedCode: number;
  readonly endorserMspIds: readonly string[];
  /** ISO time of the proposal. */
  readonly timestamp: string;
  /** The invoked chaincode function (`lots:RegisterLot`), when readable. */
  readonly fn: string | undefined;
}

/** Activity of one org over the replayed range. */
export interface OrgActivity {
  readonly mspId: string;
  submitted: number;
  valid: number;
  invalid: number;
  endorsed: number;
}
