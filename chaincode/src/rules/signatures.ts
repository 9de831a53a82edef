/**
 * Electronic-signature rules (21 CFR 11.50/11.70; rule 2): a signature names the signer, their
 * role, ledger time and meaning, and is bound to the SHA-256 of the exact record version; one
 * user may not both author and approve the same record.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../ledger/json';
import { AllianceError } from '../model/errors';
import type { UserRole } from '../model/roles';
import type { ElectronicSignature, SignatureMeaning } from '../model/signature';

/** The identity that signs. */
export interface Signer {
  mspId: string;
  userId: string;
  printedName: string;
  userRole: UserRole | undefined;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Hex SHA-256 of the canonical JSON of `record`: the hash a signature binds to. */
export function recordHash(record: unknown): string {
  return createHash('sha256').update(canonicalJson(record), 'utf8').digest('hex');
}

/**
 * Builds the signature of `signer` on the record version with hash `hash`, at ledger time `at`.
 * @throws AllianceError ROLE_DENIED when the signer has no user role, VALIDATION_FAILED when
 *   the hash is not a SHA-256 hex digest.
 */
export function buildSignature(
  signer: Signer,
  meaning: SignatureMeaning,
  hash: string,
  at: Date,
): ElectronicSignature {
  if (signer.userRole === undefined) {
    throw new AllianceError(
      'ROLE_DENIED',
      'a signature needs a user role (certificate attribute alliance.role)',
      {
        details: { mspId: signer.mspId },
      },
    );
  }
  if (!SHA256_HEX.test(hash)) {
    throw new AllianceError('VALIDATION_FAILED', 'recordHash must be a lower-case hex SHA-256 digest', {
      issues: [{ path: 'recordHash', message: 'must be a lower-case hex SHA-256 digest' }],
    });
  }
  return {
    signerId: signer.userId,
    printedName: signer.printedName,
    mspId: signer.mspId,
    role: signer.userRole,
    meaning,
    signedAt: at.toISOString(),
    recordHash: hash,
  };
}

/** True when two signatures were made by the same user (same MSP and user id). */
export function sameSigner(a: ElectronicSignature, b: ElectronicSignature): boolean {
  return a.mspId === b.mspId && a.signerId === b.signerId;
}

const CONFLICTING: Readonly<Record<SignatureMeaning, SignatureMeaning | undefined>> = {
  AUTHORSHIP: 'APPROVAL',
  APPROVAL: 'AUTHORSHIP',
  REVIEW: undefined,
  RESPONSIBILITY: undefined,
};

/**
 * Refuses `next` when its signer already holds the conflicting meaning on the same record
 * (AUTHORSHIP vs APPROVAL).
 * @throws AllianceError SEGREGATION_OF_DUTIES
 */
export function assertSegregationOfDuties(
  existing: readonly ElectronicSignature[],
  next: ElectronicSignature,
): void {
  const conflicting = CONFLICTING[next.meaning];
  const clash = existing.find((sig) => sig.meaning === conflicting && sameSigner(sig, next));
  if (clash !== undefined) {
    throw new AllianceError(
      'SEGREGATION_OF_DUTIES',
      `${next.printedName} already signed this record with ${clash.meaning} and may not add ${next.meaning}`,
      { details: { signerId: next.signerId, held: clash.meaning, requested: next.meaning } },
    );
  }
}

/**
 * Refuses a signature that is not bound to the record version `hash`.
 * @throws AllianceError SIGNATURE_MISMATCH
 */
export function assertBoundTo(signature: ElectronicSignature, hash: string): void {
  if (signature.recordHash !== hash) {
    throw new AllianceError('SIGNATURE_MISMATCH', 'the signature is bound to another version of the record', {
      details: { expected: hash, signed: signature.recordHash },
    });
  }
}

/**
 * The signature list with `next` appended, after checking segregation of duties and that the
 * same user does not sign twice with the same meaning.
 */
export function addSignature(
  existing: readonly ElectronicSignature[],
  next: ElectronicSignature,
): ElectronicSignature[] {
  assertSegregationOfDuties(existing, next);
  if (existing.some((sig) => sig.meaning === next.meaning && sameSigner(sig, next))) {
    throw new AllianceError(
      'INVALID_STATE',
      `${next.printedName} already signed this record with ${next.meaning}`,
      {
        details: { signerId: next.signerId, meaning: next.meaning },
      },
    );
  }
  return [...existing, next];
}
