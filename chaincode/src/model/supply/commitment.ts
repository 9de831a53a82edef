/**
 * Commit-reveal for comparative verification (rule 29): a lab first records the SHA-256 of its
 * results with a secret salt, and reveals results and salt only when every lab has committed.
 * The gateway computes commitments with the same function, so both sides agree byte for byte.
 */
import { recordHash } from '../../rules/signatures';
import type { RevealedResult } from './verification';

/** The commitment of `lab` to `results` in case `caseId`: SHA-256 hex of their canonical JSON with the salt. */
export function resultsCommitment(
  caseId: string,
  lab: string,
  results: readonly RevealedResult[],
  salt: string,
): string {
  return recordHash({ caseId, lab, results, salt });
}
