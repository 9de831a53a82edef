import {
  parseDeclareErrorInput,
  parseFlagLotsInput,
  parseLiftHoldInput,
  parseLotQueryInput,
  parseLotReasonInput,
  parseLotStepInput,
  parsePackLotsInput,
  parseReceiveLotInput,
  parseRegisterLotInput,
  parseShipLotInput,
  parseTransformInput,
  type HoldRecord,
  type LotEventRecord,
  type LotRecord,
} from '@alliance/chaincode/model';
import type { InputOf, JsonValue } from './model-types';
import { transaction, type Committed, type TypedInvoker } from './typed-invoker';

/** A node of a lineage tree: a lot or batch, the transformation linking it to its parent, and its own links. */
export interface TraceNode {
  readonly id: string;
  readonly via?: string;
  readonly children: readonly TraceNode[];
}

type Step = InputOf<typeof parseLotStepInput>;
type Reason = InputOf<typeof parseLotReasonInput>;
type Query = InputOf<typeof parseLotQueryInput>;

/** The contract's transactions, as the facade and the CLI call them. */
export const LOTS_TRANSACTIONS = {
  register: transaction<InputOf<typeof parseRegisterLotInput>, LotRecord>(
    'lots',
    'RegisterLot',
    'submit',
    parseRegisterLotInput,
  ),
  ship: transaction<InputOf<typeof parseShipLotInput>, LotRecord>(
    'lots',
    'ShipLot',
    'submit',
    parseShipLotInput,
  ),
  pack: transaction<InputOf<typeof parsePackLotsInput>, LotEventRecord>(
    'lots',
    'PackLots',
    'submit',
    parsePackLotsInput,
  ),
  receive: transaction<InputOf<typeof parseReceiveLotInput>, LotRecord>(
    'lots',
    'ReceiveLot',
    'submit',
    parseReceiveLotInput,
  ),
  sample: transaction<Step, LotRecord>('lots', 'SampleLot', 'submit', parseLotStepInput),
  startTesting: transaction<Step, LotRecord>('lots', 'StartTesting', 'submit', parseLotStepInput),
  release: transaction<Step, LotRecord>('lots', 'ReleaseLot', 'submit', parseLotStepInput),
  reject: transaction<Reason, LotRecord>('lots', 'RejectLot', 'submit', parseLotReasonInput),
  recall: transaction<Reason, LotRecord>('lots', 'RecallLot', 'submit', parseLotReasonInput),
  declareError: transaction<InputOf<typeof parseDeclareErrorInput>, JsonValue>(
    'lots',
    'DeclareError',
    'submit',
    parseDeclareErrorInput,
  ),
  transform: transaction<InputOf<typeof parseTransformInput>, LotRecord>(
    'lots',
    'Transform',
    'submit',
    parseTransformInput,
  ),
  flag: transaction<InputOf<typeof parseFlagLotsInput>, { held: string[] }>(
    'lots',
    'FlagLots',
    'submit',
    parseFlagLotsInput,
  ),
  liftHold: transaction<InputOf<typeof parseLiftHoldInput>, HoldRecord>(
    'lots',
    'LiftHold',
    'submit',
    parseLiftHoldInput,
  ),
  get: transaction<Query, LotRecord>('lots', 'GetLot', 'evaluate', parseLotQueryInput),
  events: transaction<Query, LotEventRecord[]>('lots', 'GetLotEvents', 'evaluate', parseLotQueryInput),
  holds: transaction<Query, HoldRecord[]>('lots', 'GetHolds', 'evaluate', parseLotQueryInput),
  traceForward: transaction<Query, TraceNode>('lots', 'TraceForward', 'evaluate', parseLotQueryInput),
  traceBackward: transaction<Query, TraceNode>('lots', 'TraceBackward', 'evaluate', parseLotQueryInput),
} as const;

/** The `lots` contract: lots and batches, custody, transformation, holds and lineage. */
export class Lots {
  readonly #invoker: TypedInvoker;

  /** @param invoker - the typed invoker to call through */
  constructor(invoker: TypedInvoker) {
    this.#invoker = invoker;
  }

  /** Registers a raw-material lot. */
  register(input: InputOf<typeof parseRegisterLotInput>): Promise<Committed<LotRecord>> {
    return this.#invoker.submit(LOTS_TRANSACTIONS.register, input);
  }
  /** Ships an owned lot to another member. */
  ship(input: InputOf<typeof parseShipLotInput>): Promise<Committed<LotRecord>> {
    return this.#invoker.submit(LOTS_TRANSACTIONS.ship, input);
  }
  /** Packs quantities of owned, shippable lots into one logistic unit (an SSCC); returns the AggregationEvent. */
  pack(input: InputOf<typeof parsePackLotsInput>): Promise<Committed<LotEventRecord>> {
    return this.#invoker.submit(LOTS_TRANSACTIONS.pack, input);
  }
  /** Receives a lot shipped to the caller (ownership moves). */
  receive(input: InputOf<typeof parseReceiveLotInput>): Promise<Committed<LotRecord>> {
    return this.#invoker.submit(LOTS_TRANSACTIONS.receive, input);
  }
  /** Records sampling. */
  sample(input: Step): Promise<Committed<LotRecord>> {
    return this.#invoker.submit(LOTS_TRANSACTIONS.sample, input);
  }
  /** Starts testing. */
  startTesting(input: Step): Promise<Committed<LotRecord>> {
    return this.#invoker.submit(LOTS_TRANSACTIONS.startTesting, input);
  }
  /** Releases a lot when every release condition holds. */
  release(input: Step): Promise<Committed<LotRecord>> {
    return this.#invoker.submit(LOTS_TRANSACTIONS.release, input);
  }
  /** Rejects a lot, with a reason. */
  reject(input: Reason): Promise<Committed<LotRecord>> {
    return this.#invoker.submit(LOTS_TRANSACTIONS.reject, input);
  }
  /** Recalls a lot, with a reason. */
  recall(input: Reason): Promise<Committed<LotRecord>> {
    return this.#invoker.submit(LOTS_TRANSACTIONS.recall, input);
  }
  /** Declares an earlier event of the lot erroneous, with a reason. */
  declareError(input: InputOf<typeof parseDeclareErrorInput>): Promise<Committed<JsonValue>> {
    return this.#invoker.submit(LOTS_TRANSACTIONS.declareError, input);
  }
  /** Makes one batch from released inputs. */
  transform(input: InputOf<typeof parseTransformInput>): Promise<Committed<LotRecord>> {
    return this.#invoker.submit(LOTS_TRANSACTIONS.transform, input);
  }
  /** Flags lots for additional verification; returns every held lot, downstream included. */
  flag(input: InputOf<typeof parseFlagLotsInput>): Promise<Committed<{ held: string[] }>> {
    return this.#invoker.submit(LOTS_TRANSACTIONS.flag, input);
  }
  /** Lifts one hold. */
  liftHold(input: InputOf<typeof parseLiftHoldInput>): Promise<Committed<HoldRecord>> {
    return this.#invoker.submit(LOTS_TRANSACTIONS.liftHold, input);
  }
  /** A lot with its effective state. */
  get(input: Query): Promise<LotRecord> {
    return this.#invoker.evaluate(LOTS_TRANSACTIONS.get, input);
  }
  /** A lot's EPCIS events. */
  events(input: Query): Promise<LotEventRecord[]> {
    return this.#invoker.evaluate(LOTS_TRANSACTIONS.events, input);
  }
  /** Every hold of a lot. */
  holds(input: Query): Promise<HoldRecord[]> {
    return this.#invoker.evaluate(LOTS_TRANSACTIONS.holds, input);
  }
  /** What a lot went into, as a tree. */
  traceForward(input: Query): Promise<TraceNode> {
    return this.#invoker.evaluate(LOTS_TRANSACTIONS.traceForward, input);
  }
  /** What a lot or batch was made from, as a tree. */
  traceBackward(input: Query): Promise<TraceNode> {
    return this.#invoker.evaluate(LOTS_TRANSACTIONS.traceBackward, input);
  }
}
