import type { ErrorCode } from '@alliance/chaincode/model';
import type { ChaincodeError } from './chaincode-error';
import type { ConfigurationError, ConfigurationErrorCode } from './gateway-error';
import type { CommitFailedError, FabricStage, FabricStageError } from './stage-error';

// Guards compare by class name rather than instanceof so that errors crossing two copies of the
// library (e.g. a CLI and an application) are still recognised.

const named = (e: unknown, ...names: string[]): boolean => e instanceof Error && names.includes(e.name);

/** True when the chaincode refused under one of its rules (optionally: with this code). */
export function isChaincodeError(e: unknown, code?: ErrorCode): e is ChaincodeError {
  return named(e, 'ChaincodeError') && (code === undefined || (e as ChaincodeError).code === code);
}

/** True when Fabric failed at some stage (optionally: this stage). */
export function isFabricStageError(e: unknown, stage?: FabricStage): e is FabricStageError {
  return (
    named(e, 'FabricStageError', 'CommitFailedError') &&
    (stage === undefined || (e as FabricStageError).stage === stage)
  );
}

/** True when the transaction was ordered but marked invalid (optionally: with this validation code name). */
export function isCommitFailed(e: unknown, validationName?: string): e is CommitFailedError {
  return (
    named(e, 'CommitFailedError') &&
    (validationName === undefined || (e as CommitFailedError).validationName === validationName)
  );
}

/** True when a profile, identity or input could not be used (optionally: with this code). */
export function isConfigurationError(e: unknown, code?: ConfigurationErrorCode): e is ConfigurationError {
  return named(e, 'ConfigurationError') && (code === undefined || (e as ConfigurationError).code === code);
}
