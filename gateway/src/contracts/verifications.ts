import {
  parseCaseStepInput,
  parseCloseCaseInput,
  parseCommitInput,
  parseProtocolInput,
  parseRevealInput,
  type ProtocolRecord,
  type VerificationCaseRecord,
  type VerificationOutcomeRecord,
} from '@alliance/chaincode/model';
import type { InputOf, JsonValue } from './model-types';
import { transaction, type Committed, type TypedInvoker } from './typed-invoker';

type CaseRef = InputOf<typeof parseCaseStepInput>;

/** A case as `GetCase` returns it: the case record and the protocol version in force (whose hash the case anchors). */
export interface VerificationCaseView {
  readonly case: VerificationCaseRecord;
  readonly protocol: ProtocolRecord;
}

/** The contract's transactions, as the facade and the CLI call them. */
export const VERIFICATIONS_TRANSACTIONS = {
  open: transaction<InputOf<typeof parseProtocolInput>, VerificationCaseRecord>(
    'verifications',
    'OpenCase',
    'submit',
    parseProtocolInput,
  ),
  revise: transaction<InputOf<typeof parseProtocolInput>, VerificationCaseRecord>(
    'verifications',
    'ReviseProtocol',
    'submit',
    parseProtocolInput,
  ),
  approve: transaction<CaseRef, VerificationCaseRecord>(
    'verifications',
    'ApproveProtocol',
    'submit',
    parseCaseStepInput,
  ),
  dispatch: transaction<CaseRef, VerificationCaseRecord>(
    'verifications',
    'DispatchSamples',
    'submit',
    parseCaseStepInput,
  ),
  commit: transaction<InputOf<typeof parseCommitInput>, JsonValue>(
    'verifications',
    'CommitResults',
    'submit',
    parseCommitInput,
  ),
  reveal: transaction<InputOf<typeof parseRevealInput>, JsonValue>(
    'verifications',
    'RevealResults',
    'submit',
    parseRevealInput,
  ),
  investigate: transaction<CaseRef, VerificationCaseRecord>(
    'verifications',
    'Investigate',
    'submit',
    parseCaseStepInput,
  ),
  close: transaction<InputOf<typeof parseCloseCaseInput>, VerificationCaseRecord>(
    'verifications',
    'CloseCase',
    'submit',
    parseCloseCaseInput,
  ),
  get: transaction<CaseRef, VerificationCaseView>('verifications', 'GetCase', 'evaluate', parseCaseStepInput),
  outcome: transaction<CaseRef, VerificationOutcomeRecord>(
    'verifications',
    'GetOutcome',
    'evaluate',
    parseCaseStepInput,
  ),
} as const;

/** The `verifications` contract: third-party comparative verification under a frozen protocol. */
export class Verifications {
  readonly #invoker: TypedInvoker;

  /** @param invoker - the typed invoker to call through */
  constructor(invoker: TypedInvoker) {
    this.#invoker = invoker;
  }

  /** Opens a case with its protocol. */
  open(input: InputOf<typeof parseProtocolInput>): Promise<Committed<VerificationCaseRecord>> {
    return this.#invoker.submit(VERIFICATIONS_TRANSACTIONS.open, input);
  }
  /** Revises the protocol before approval. */
  reviseProtocol(input: InputOf<typeof parseProtocolInput>): Promise<Committed<VerificationCaseRecord>> {
    return this.#invoker.submit(VERIFICATIONS_TRANSACTIONS.revise, input);
  }
  /** Approves (and so freezes) the protocol. */
  approveProtocol(input: CaseRef): Promise<Committed<VerificationCaseRecord>> {
    return this.#invoker.submit(VERIFICATIONS_TRANSACTIONS.approve, input);
  }
  /** Records the dispatch of samples. */
  dispatchSamples(input: CaseRef): Promise<Committed<VerificationCaseRecord>> {
    return this.#invoker.submit(VERIFICATIONS_TRANSACTIONS.dispatch, input);
  }
  /** Commits to results (hash) before revealing them. */
  commitResults(input: InputOf<typeof parseCommitInput>): Promise<Committed<JsonValue>> {
    return this.#invoker.submit(VERIFICATIONS_TRANSACTIONS.commit, input);
  }
  /** Reveals results; the ledger scores the agreement. */
  revealResults(input: InputOf<typeof parseRevealInput>): Promise<Committed<JsonValue>> {
    return this.#invoker.submit(VERIFICATIONS_TRANSACTIONS.reveal, input);
  }
  /** Opens an investigation. */
  investigate(input: CaseRef): Promise<Committed<VerificationCaseRecord>> {
    return this.#invoker.submit(VERIFICATIONS_TRANSACTIONS.investigate, input);
  }
  /** Closes a case, with a reason. */
  close(input: InputOf<typeof parseCloseCaseInput>): Promise<Committed<VerificationCaseRecord>> {
    return this.#invoker.submit(VERIFICATIONS_TRANSACTIONS.close, input);
  }
  /** One case with its protocol in force. */
  get(input: CaseRef): Promise<VerificationCaseView> {
    return this.#invoker.evaluate(VERIFICATIONS_TRANSACTIONS.get, input);
  }
  /** A case's outcome. */
  outcome(input: CaseRef): Promise<VerificationOutcomeRecord> {
    return this.#invoker.evaluate(VERIFICATIONS_TRANSACTIONS.outcome, input);
  }
}
