import {
  parserFor,
  policyAmendment,
  type PolicyAmendment,
  type PolicyDocument,
} from '@alliance/chaincode/model';
import { transaction, type Committed, type TypedInvoker } from './typed-invoker';

/** The contract's transactions, as the facade and the CLI call them. */
export const POLICY_TRANSACTIONS = {
  get: transaction<{ version?: number }, PolicyDocument>('policy', 'GetPolicy', 'evaluate'),
  history: transaction<undefined, PolicyDocument[]>('policy', 'PolicyHistory', 'evaluate'),
  amend: transaction<PolicyAmendment, PolicyDocument>(
    'policy',
    'AmendPolicy',
    'submit',
    parserFor(policyAmendment),
  ),
} as const;

/** The `policy` contract: the versioned policy document every rule reads its parameters from. */
export class Policy {
  readonly #invoker: TypedInvoker;

  /** @param invoker - the typed invoker to call through */
  constructor(invoker: TypedInvoker) {
    this.#invoker = invoker;
  }

  /** The policy in force, or a given version. */
  get(input: { version?: number } = {}): Promise<PolicyDocument> {
    return this.#invoker.evaluate(POLICY_TRANSACTIONS.get, input);
  }
  /** Every version, oldest first. */
  history(): Promise<PolicyDocument[]> {
    return this.#invoker.evaluate(POLICY_TRANSACTIONS.history, undefined);
  }
  /** Adopts a new version (platform admin), with a reason. */
  amend(input: PolicyAmendment): Promise<Committed<PolicyDocument>> {
    return this.#invoker.submit(POLICY_TRANSACTIONS.amend, input);
  }
}
