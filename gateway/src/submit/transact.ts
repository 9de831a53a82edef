import { setTimeout as sleep } from 'node:timers/promises';
import { canonicalJson, type DomainEvent } from '@alliance/chaincode/model';
import type { Contract } from '@hyperledger/fabric-gateway';
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { AllianceConnection } from '../connect/connection';
import { toAllianceError } from '../errors/map-error';
import { CommitFailedError } from '../errors/stage-error';
import { isFabricStageError } from '../errors/guards';
import { readEndorsedContents } from './endorsed-transaction';
import { DEFAULT_RETRY, backoffMs, isRetryable, type RetryPolicy } from './retry-policy';
import { configChangedAfter } from './config-race';

/** A committed transaction. */
export interface SubmitOutcome {
  /** The id of the transaction that committed (the last attempt's). */
  readonly txId: string;
  /** The block that holds it. */
  readonly blockNumber: bigint;
  /** The chaincode's result bytes (JSON text, or empty). */
  readonly result: Uint8Array;
  /** Domain events of the transaction, each with its stable id. */
  readonly events: DomainEvent[];
  /** How many proposals it took (1 = no retry). */
  readonly attempts: number;
}

/** What to call: `<contract>:<transaction>` with at most one JSON argument. */
export interface Invocation {
  /** Contract name (`lots`, `members`, ...); undefined for a chaincode's default contract. */
  readonly contract: string | undefined;
  /** Transaction name (`RegisterLot`). */
  readonly transaction: string;
  /** The single JSON argument; undefined sends none. */
  readonly input?: unknown;
}

/** Encodes the single argument as the chaincode expects it: one canonical JSON string. */
function argumentsOf(inv: Invocation): string[] {
  return inv.input === undefined ? [] : [canonicalJson(inv.input)];
}

/**
 * Submits a transaction and waits for its commit. Read conflicts, and a config change landing between
 * endorsement and commit, are retried with a FRESH proposal (new simulation, new tx id), bounded by
 * the policy; a commit status that times out is asked again for the same transaction.
 * @throws {@link ChaincodeError} when the chaincode refuses; {@link FabricStageError} or
 *   {@link CommitFailedError} when Fabric fails at a stage
 */
export async function submitTransaction(
  conn: AllianceConnection,
  inv: Invocation,
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<SubmitOutcome> {
  const contract = conn.contract(inv.contract);
  for (let attempt = 1; ; attempt++) {
    let proposedAt = new Date();
    try {
      const out = await submitOnce(contract, inv, (d) => (proposedAt = d));
      return { ...out, attempts: attempt };
    } catch (e) {
      const last = attempt >= retry.maxAttempts;
      if (last || !(await isRetryable(e, (f) => configChangedAfter(conn, f, proposedAt, retry.configSkewMs))))
        throw e;
      await sleep(backoffMs(retry, attempt + 1));
    }
  }
}

async function submitOnce(
  contract: Contract,
  inv: Invocation,
  onProposed: (at: Date) => void,
): Promise<Omit<SubmitOutcome, 'attempts'>> {
  const proposal = contract.newProposal(inv.transaction, { arguments: argumentsOf(inv) });
  const txId = proposal.getTransactionId();
  const transaction = await stage('endorse', txId, () => proposal.endorse());
  const contents = readEndorsedContents(transaction.getBytes());
  onProposed(contents.proposedAt);
  const submitted = await stage('submit', txId, () => transaction.submit());
  const status = await commitStatusWithRecheck(txId, () => submitted.getStatus());
  if (!status.successful)
    throw new CommitFailedError({
      transactionId: txId,
      validationCode: status.code,
      blockNumber: status.blockNumber,
    });
  return { txId, blockNumber: status.blockNumber, result: transaction.getResult(), events: contents.events };
}

/** gRPC codes after which the commit outcome is simply not known yet. */
const TRANSIENT_STATUS = new Set<number>([GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.UNAVAILABLE]);

/** A commit status that timed out says nothing about the outcome: ask again, for the same transaction. */
async function commitStatusWithRecheck<T>(txId: string, get: () => Promise<T>, rechecks = 2): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await stage('commitStatus', txId, get);
    } catch (e) {
      const transient = isFabricStageError(e, 'commitStatus') && TRANSIENT_STATUS.has(e.grpcCode ?? -1);
      if (!transient || i >= rechecks) throw e;
    }
  }
}

/**
 * Evaluates a query on one peer (nothing is ordered) and returns the chaincode's result bytes.
 * @throws {@link ChaincodeError} when the chaincode refuses; {@link FabricStageError} otherwise
 */
export async function evaluateTransaction(conn: AllianceConnection, inv: Invocation): Promise<Uint8Array> {
  const contract = conn.contract(inv.contract);
  const proposal = contract.newProposal(inv.transaction, { arguments: argumentsOf(inv) });
  return stage('evaluate', proposal.getTransactionId(), () => proposal.evaluate());
}

async function stage<T>(
  name: 'endorse' | 'submit' | 'commitStatus' | 'evaluate',
  transactionId: string,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw toAllianceError(e, { stage: name, transactionId });
  }
}
