import { isAllianceError, type DomainEvent } from '@alliance/chaincode/model';
import type { AllianceConnection } from '../connect/connection';
import { ChaincodeError } from '../errors/chaincode-error';
import { FabricStageError } from '../errors/stage-error';
import { DEFAULT_RETRY, type RetryPolicy } from '../submit/retry-policy';
import { evaluateTransaction, submitTransaction } from '../submit/transact';

/** The alliance chaincode's contracts. */
export type ContractName =
  | 'members'
  | 'policy'
  | 'products'
  | 'instruments'
  | 'calibrations'
  | 'runs'
  | 'reports'
  | 'lots'
  | 'verifications'
  | 'verdicts'
  | 'audit';

/** A transaction described once: where it lives, whether it writes, and how its input is checked. */
export interface TransactionSpec<I, R> {
  readonly contract: ContractName;
  readonly name: string;
  /** `submit` orders and commits; `evaluate` reads one peer. */
  readonly kind: 'submit' | 'evaluate';
  /** The shared model's parser: bad input fails here, before anything is signed or sent. */
  readonly parseInput?: (raw: unknown) => I;
  /** Phantom marker of the result type (never set). */
  readonly result?: R;
}

/**
 * Declares a transaction for the typed invoker.
 * @param contract - contract name (`lots`)
 * @param name - transaction name (`RegisterLot`)
 * @param kind - submit or evaluate
 * @param parseInput - the model's parser of the input, when it exports one
 */
export function transaction<I, R>(
  contract: ContractName,
  name: string,
  kind: 'submit' | 'evaluate',
  parseInput?: (raw: unknown) => I,
): TransactionSpec<I, R> {
  return parseInput ? { contract, name, kind, parseInput } : { contract, name, kind };
}

/** A committed transaction with its typed result. */
export interface Committed<R> {
  readonly txId: string;
  readonly blockNumber: bigint;
  readonly result: R;
  readonly events: DomainEvent[];
  readonly attempts: number;
}

/** Calls declared transactions with typed inputs and results; nobody above it sees argument strings. */
export interface TypedInvoker {
  /** The connection it calls through. */
  readonly connection: AllianceConnection;
  /** Submits and waits for the commit. */
  submit<I, R>(spec: TransactionSpec<I, R>, input: I): Promise<Committed<R>>;
  /** Evaluates on one peer. */
  evaluate<I, R>(spec: TransactionSpec<I, R>, input: I): Promise<R>;
}

/**
 * Creates the typed invoker over a connection.
 * @param retry - retry policy of submits (default {@link DEFAULT_RETRY})
 */
export function newTypedInvoker(
  connection: AllianceConnection,
  retry: RetryPolicy = DEFAULT_RETRY,
): TypedInvoker {
  return {
    connection,
    submit: async <I, R>(spec: TransactionSpec<I, R>, input: I): Promise<Committed<R>> => {
      checkInput(spec, input);
      const out = await submitTransaction(
        connection,
        { contract: spec.contract, transaction: spec.name, input },
        retry,
      );
      return {
        txId: out.txId,
        blockNumber: out.blockNumber,
        events: out.events,
        attempts: out.attempts,
        result: decodeResult<R>(spec, out.result, out.txId),
      };
    },
    evaluate: async <I, R>(spec: TransactionSpec<I, R>, input: I): Promise<R> => {
      checkInput(spec, input);
      return decodeResult<R>(
        spec,
        await evaluateTransaction(connection, { contract: spec.contract, transaction: spec.name, input }),
      );
    },
  };
}

/** Runs the model's parser locally so that invalid input is refused with the chaincode's own codes and issues. */
function checkInput<I, R>(spec: TransactionSpec<I, R>, input: I): void {
  if (!spec.parseInput) return;
  try {
    spec.parseInput(input);
  } catch (e) {
    if (!isAllianceError(e)) throw e;
    throw new ChaincodeError({
      code: e.code,
      message: e.message,
      issues: e.issues,
      ...(e.details ? { details: e.details } : {}),
      stage: 'input',
    });
  }
}

/** Chaincode results are canonical JSON text, or nothing. */
function decodeResult<R>(spec: TransactionSpec<unknown, R>, bytes: Uint8Array, transactionId?: string): R {
  const text = Buffer.from(bytes).toString('utf8');
  if (text === '') return undefined as R;
  try {
    return JSON.parse(text) as R;
  } catch (cause) {
    throw new FabricStageError({
      stage: spec.kind === 'submit' ? 'commit' : 'evaluate',
      message: `${spec.contract}:${spec.name} returned a result that is not JSON`,
      ...(transactionId ? { transactionId } : {}),
      cause,
    });
  }
}
