import { parseBadgeInput, parseVerdictInput, type BadgeInput, type BadgeRecord, type Verdict } from '@alliance/chaincode/model';
import type { InputOf } from './model-types';
import { transaction, type Committed, type TypedInvoker } from './typed-invoker';

/** The contract's transactions, as the facade and the CLI call them. */
export const VERDICTS_TRANSACTIONS = {
  get: transaction<InputOf<typeof parseVerdictInput>, Verdict>('verdicts', 'GetVerdict', 'evaluate', parseVerdictInput),
  assessBadge: transaction<BadgeInput, BadgeRecord>('verdicts', 'AssessBadge', 'submit', parseBadgeInput),
  badge: transaction<BadgeInput, BadgeRecord>('verdicts', 'GetBadge', 'evaluate', parseBadgeInput),
} as const;

/** The `verdicts` contract: releasable/trusted verdicts with their evidence, and supplier badges. */
export class Verdicts {
  readonly #invoker: TypedInvoker;

  /** @param invoker - the typed invoker to call through */
  constructor(invoker: TypedInvoker) {
    this.#invoker = invoker;
  }

  /** The verdict on a lot, with evidence and reasons. */
  get(input: InputOf<typeof parseVerdictInput>): Promise<Verdict> {
    return this.#invoker.evaluate(VERDICTS_TRANSACTIONS.get, input);
  }
  /** Assesses and records a supplier's trusted-source badge. */
  assessBadge(input: BadgeInput): Promise<Committed<BadgeRecord>> {
    return this.#invoker.submit(VERDICTS_TRANSACTIONS.assessBadge, input);
  }
  /** A supplier's badge. */
  badge(input: BadgeInput): Promise<BadgeRecord> {
    return this.#invoker.evaluate(VERDICTS_TRANSACTIONS.badge, input);
  }
}
