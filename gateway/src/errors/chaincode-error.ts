import type { ErrorCode, ValidationIssue } from '@alliance/chaincode/model';
import { AllianceGatewayError } from './gateway-error';
import type { FabricStage, PeerDetail } from './stage-error';

/** Properties of a {@link ChaincodeError}. */
export interface ChaincodeErrorProps {
  readonly code: ErrorCode;
  readonly message: string;
  readonly issues?: readonly ValidationIssue[];
  readonly details?: Readonly<Record<string, unknown>>;
  readonly stage: FabricStage | 'input';
  readonly transactionId?: string;
  readonly peer?: Omit<PeerDetail, 'message'>;
  readonly cause?: unknown;
}

/**
 * The chaincode refused the transaction under one of the alliance's rules. `code` is the
 * chaincode's own stable code (`LOT_NOT_FOUND`, `ROLE_DENIED`, `VALIDATION_FAILED`, ...).
 */
export class ChaincodeError extends AllianceGatewayError {
  /** The chaincode's stable code. */
  readonly code: ErrorCode;
  /** Every validation problem (`VALIDATION_FAILED`), `{path, message}` each. */
  readonly issues: readonly ValidationIssue[];
  /** Machine-readable context from the chaincode (ids, states, limits). */
  readonly details: Readonly<Record<string, unknown>> | undefined;
  /** Where the refusal came from: the peer's chaincode (evaluate, endorse), or the shared model's parser before sending (`input`). */
  readonly stage: FabricStage | 'input';
  /** The refused transaction's id, when known. */
  readonly transactionId: string | undefined;
  /** The peer whose chaincode refused, when known. */
  readonly peer: Omit<PeerDetail, 'message'> | undefined;

  /** @param p - the refusal's properties */
  constructor(p: ChaincodeErrorProps) {
    super(describe(p), p.cause === undefined ? undefined : { cause: p.cause });
    this.code = p.code;
    this.issues = p.issues ?? [];
    this.details = p.details;
    this.stage = p.stage;
    this.transactionId = p.transactionId;
    this.peer = p.peer;
  }
}

function describe(p: ChaincodeErrorProps): string {
  const issues = (p.issues ?? []).map((i) => `\n  - ${i.path || '(input)'}: ${i.message}`).join('');
  return `${p.code}: ${p.message}${issues}`;
}
