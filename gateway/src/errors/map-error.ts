import { decodeAllianceError, type AllianceError } from '@alliance/chaincode/model';
import { ChaincodeError } from './chaincode-error';
import { AllianceGatewayError } from './gateway-error';
import { CommitFailedError, FabricStageError, type FabricStage, type PeerDetail } from './stage-error';

/** The parts of a fabric-gateway error this mapping reads (compared by shape: there may be two copies of the library). */
interface GatewayErrorShape {
  name: string;
  message: string;
  code?: unknown;
  details?: unknown;
  transactionId?: unknown;
}

/** fabric-gateway errors whose `code` is a gRPC status. */
const GRPC_ERROR_NAMES = new Set(['GatewayError', 'EndorseError', 'SubmitError', 'CommitStatusError']);

/** Which stage each fabric-gateway error class stands for. */
const STAGE_OF_CLASS: Readonly<Record<string, FabricStage>> = {
  EndorseError: 'endorse',
  SubmitError: 'submit',
  CommitStatusError: 'commitStatus',
};

/**
 * Turns whatever a fabric-gateway call threw into the library's typed errors: a chaincode refusal
 * (decoded from the peers' details or the message) becomes a {@link ChaincodeError}; a non-valid
 * commit a {@link CommitFailedError}; every other failure a {@link FabricStageError} naming its stage.
 * @param err - what was thrown
 * @param context - the stage the caller was in, and the transaction id if it had one
 */
export function toAllianceError(
  err: unknown,
  context: { stage: FabricStage; transactionId?: string },
): Error {
  if (err instanceof AllianceGatewayError) return err;
  if (!(err instanceof Error))
    return new FabricStageError({
      stage: context.stage,
      message: String(err),
      ...txOf(context.transactionId),
    });
  const e = err as GatewayErrorShape;
  const transactionId = typeof e.transactionId === 'string' ? e.transactionId : context.transactionId;
  if (e.name === 'CommitError' && typeof e.code === 'number' && transactionId) {
    return new CommitFailedError({ transactionId, validationCode: e.code, cause: err });
  }
  const details = peerDetails(e.details);
  const stage = STAGE_OF_CLASS[e.name] ?? context.stage;
  const refusal = findRefusal(e.message, details);
  if (refusal) {
    return new ChaincodeError({
      code: refusal.error.code,
      message: refusal.error.message,
      issues: refusal.error.issues,
      ...(refusal.error.details === undefined ? {} : { details: refusal.error.details }),
      stage,
      ...txOf(transactionId),
      ...(refusal.peer ? { peer: { address: refusal.peer.address, mspId: refusal.peer.mspId } } : {}),
      cause: err,
    });
  }
  return new FabricStageError({
    stage,
    message: e.message,
    ...(typeof e.code === 'number' && GRPC_ERROR_NAMES.has(e.name) ? { grpcCode: e.code } : {}),
    ...txOf(transactionId),
    details,
    cause: err,
  });
}

/** The first encoded chaincode error among the peers' messages, then in the top-level message. */
function findRefusal(
  message: string,
  details: readonly PeerDetail[],
): { error: AllianceError; peer?: PeerDetail } | undefined {
  for (const peer of details) {
    const error = decodeAllianceError(peer.message);
    if (error) return { error, peer };
  }
  const error = decodeAllianceError(message);
  return error ? { error } : undefined;
}

function peerDetails(raw: unknown): PeerDetail[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((d: { address?: unknown; mspId?: unknown; message?: unknown }) => ({
    address: typeof d.address === 'string' ? d.address : '',
    mspId: typeof d.mspId === 'string' ? d.mspId : '',
    message: typeof d.message === 'string' ? d.message : '',
  }));
}

function txOf(transactionId: string | undefined): { transactionId?: string } {
  return transactionId === undefined ? {} : { transactionId };
}
