import { status as GrpcStatus } from '@grpc/grpc-js';
import { StatusCode } from '@hyperledger/fabric-gateway';
import { AllianceGatewayError } from './gateway-error';

/** The step of a Fabric transaction flow that failed. */
export type FabricStage = 'evaluate' | 'endorse' | 'submit' | 'commitStatus' | 'commit' | 'events' | 'query';

/** Stable codes of Fabric-side failures, one per stage. */
export type FabricStageErrorCode =
  | 'EVALUATE_FAILED'
  | 'ENDORSE_FAILED'
  | 'SUBMIT_FAILED'
  | 'COMMIT_STATUS_FAILED'
  | 'COMMIT_FAILED'
  | 'EVENTS_FAILED'
  | 'QUERY_FAILED';

const CODE_OF_STAGE: Readonly<Record<FabricStage, FabricStageErrorCode>> = {
  evaluate: 'EVALUATE_FAILED',
  endorse: 'ENDORSE_FAILED',
  submit: 'SUBMIT_FAILED',
  commitStatus: 'COMMIT_STATUS_FAILED',
  commit: 'COMMIT_FAILED',
  events: 'EVENTS_FAILED',
  query: 'QUERY_FAILED',
};

/** What one endorsing peer or orderer said about a failed call. */
export interface PeerDetail {
  /** The node's address. */
  readonly address: string;
  /** The node's MSP. */
  readonly mspId: string;
  /** The node's own message. */
  readonly message: string;
}

/** Properties of a {@link FabricStageError}. */
export interface FabricStageErrorProps {
  readonly stage: FabricStage;
  readonly message: string;
  readonly grpcCode?: number;
  readonly transactionId?: string;
  readonly details?: readonly PeerDetail[];
  readonly cause?: unknown;
}

/** Fabric (not the chaincode's rules) refused or failed the call at a known stage. */
export class FabricStageError extends AllianceGatewayError {
  /** `ENDORSE_FAILED`, `SUBMIT_FAILED`, ... */
  readonly code: FabricStageErrorCode;
  /** The stage that failed. */
  readonly stage: FabricStage;
  /** The gRPC status code of the failed call, when there was one. */
  readonly grpcCode: number | undefined;
  /** The transaction concerned, when one had been created. */
  readonly transactionId: string | undefined;
  /** Per-peer explanations sent by the gateway. */
  readonly details: readonly PeerDetail[];

  /** @param p - the failure's properties */
  constructor(p: FabricStageErrorProps) {
    super(describe(p), p.cause === undefined ? undefined : { cause: p.cause });
    this.code = CODE_OF_STAGE[p.stage];
    this.stage = p.stage;
    this.grpcCode = p.grpcCode;
    this.transactionId = p.transactionId;
    this.details = p.details ?? [];
  }

  /** The gRPC status name (`ABORTED`, `UNAVAILABLE`, ...), when there was a gRPC call. */
  get grpcStatusName(): string | undefined {
    return this.grpcCode === undefined ? undefined : GrpcStatus[this.grpcCode];
  }
}

/** The transaction was ordered but the peers marked it invalid. */
export class CommitFailedError extends FabricStageError {
  /** The peer's `TxValidationCode`. */
  readonly validationCode: number;
  /** Its symbolic name (`MVCC_READ_CONFLICT`, ...). */
  readonly validationName: string;
  /** The block that holds the invalid transaction, when known. */
  readonly blockNumber: bigint | undefined;

  /** @param p - transaction id, validation code and, when known, the block */
  constructor(p: { transactionId: string; validationCode: number; blockNumber?: bigint; cause?: unknown }) {
    const name = validationCodeName(p.validationCode);
    super({
      stage: 'commit',
      transactionId: p.transactionId,
      message: `transaction ${p.transactionId} was not committed: ${name} (${p.validationCode})`,
      cause: p.cause,
    });
    this.validationCode = p.validationCode;
    this.validationName = name;
    this.blockNumber = p.blockNumber;
  }
}

/** The symbolic name of a `TxValidationCode` (`VALID`, `MVCC_READ_CONFLICT`, ...). */
export function validationCodeName(code: number): string {
  const found = Object.entries(StatusCode).find(([, v]) => v === code);
  return found ? found[0] : `UNKNOWN_${code}`;
}

function describe(p: FabricStageErrorProps): string {
  const status = p.grpcCode === undefined ? '' : ` [${GrpcStatus[p.grpcCode] ?? p.grpcCode}]`;
  const tx = p.transactionId ? ` (tx ${p.transactionId})` : '';
  const peers = (p.details ?? []).map((d) => `\n  - ${d.mspId || '?'} ${d.address}: ${d.message}`).join('');
  return `${p.stage} failed${status}${tx}: ${p.message}${peers}`;
}
