import {
  parseBadgeInput,
  parseVerdictInput,
  type BadgeInput,
  type BadgeRecord,
  type Verdict,
} from '@alliance/chaincode/model';
import type { InputOf } from './model-types';
import { transaction, type Committed, type TypedInvoker } from './typed-invoker';

/** The contract's transactions, as the facade and the CLI call them. */
export const VERDICTS_TRANSACTIONS = {
  get: transaction<InputOf<typeof parseVerdictInput>, Verdict>(
    'verdicts',
    'GetVerdict',
    'evaluate',
    parseVerdictInput,
  ),
  assessBadge: transaction<BadgeInput, BadgeRecord>('verdicts', 'AssessBadge', 'submit', parseBadgeInput),
  badge: transaction<BadgeInput, BadgeRecord | null>('verdicts', 'GetBadge', 'evaluate', parseBadgeInput),
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
  /** A supplier's recorded badge for a material, or `null` when it was never assessed. */
  badge(input: BadgeInput): Promise<BadgeRecord | null> {
    return this.#invoker.evaluate(VERDICTS_TRANSACTIONS.badge, input);
  }
}
