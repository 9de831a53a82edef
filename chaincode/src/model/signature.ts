/**
 * Electronic signatures (21 CFR 11.50/11.70, Annex 11 §14): who signed, when (ledger time),
 * in which role and with what meaning, bound to the SHA-256 of the exact record version.
 */
import { z } from 'zod';

/** What a signature means. */
export const SIGNATURE_MEANINGS = ['AUTHORSHIP', 'REVIEW', 'APPROVAL', 'RESPONSIBILITY'] as const;

/** One of {@link SIGNATURE_MEANINGS}. */
export type SignatureMeaning = (typeof SIGNATURE_MEANINGS)[number];

/** Schema of a signature meaning. */
export const signatureMeaning = z.enum(SIGNATURE_MEANINGS);

/** A signature recorded on the ledger. */
export interface ElectronicSignature {
  /** The signer's unique id (the X.509 subject and issuer, as Fabric reports it). */
  signerId: string;
  /** The signer's printed name (certificate common name). */
  printedName: string;
  mspId: string;
  /** The signer's user role at signing time. */
  role: string;
  meaning: SignatureMeaning;
  /** Ledger time of the signing transaction, ISO 8601 UTC. */
  signedAt: string;
  /** Hex SHA-256 of the canonical JSON of the record version signed. */
  recordHash: string;
}
