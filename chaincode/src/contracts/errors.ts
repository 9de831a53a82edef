/**
 * Turning anything a transaction throws into the message Fabric carries back: an
 * {@link AllianceError} keeps its code, issues and details; anything else becomes a generic
 * INTERNAL_ERROR whose text leaks no stack trace or internal detail.
 */
import { AllianceError, encodeAllianceError, isAllianceError } from '../model/errors';

/** The Error the contract API passes to `shim.error()` (only its message survives). */
export function toChaincodeError(error: unknown): Error {
  const alliance = isAllianceError(error)
    ? error
    : new AllianceError('INTERNAL_ERROR', 'the transaction failed unexpectedly');
  const wire = new Error(encodeAllianceError(alliance));
  // No stack: the message is the whole answer, and nothing about the chaincode's insides leaks.
  wire.stack = wire.message;
  return wire;
}
