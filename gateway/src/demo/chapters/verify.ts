/**
 * Chapter 10: each org checks one of its own transactions without trusting its peer: the library
 * fetches the block through qscc and recomputes signatures, the proposal binding, the endorsement
 * policy and the header chain back to a block hash it already trusts.
 */
import { dirname, join } from 'node:path';
import { peerLedgerSource } from '../../verify/ledger-source';
import { fileTrustStore } from '../../verify/trust-store';
import { verifyTransaction, type TransactionVerification } from '../../verify/verify-transaction';
import type { Actor } from '../actors';
import type { Story } from '../story';

/** The org whose transaction is checked, through which of its identities. */
const VERIFIERS: readonly { org: string; actor: Actor }[] = [
  { org: 'platform', actor: 'auditor' },
  { org: 'supplier', actor: 'supplier' },
  { org: 'brand', actor: 'brandUser' },
  { org: 'lab', actor: 'labReviewer' },
  { org: 'verifier', actor: 'verifierAnalyst' },
];

/** One org's check of one of its transactions. */
export interface OrgVerification {
  readonly org: string;
  readonly verification: TransactionVerification;
}

/**
 * Verifies one transaction per org through that org's own peer.
 * @param profilePath - the profile; the trust store sits beside it (as `alliance tx verify` keeps it)
 */
export async function verifyEachOrg(story: Story, profilePath: string): Promise<OrgVerification[]> {
  const { narrator } = story;
  narrator.chapter('Each org verifies one of its transactions without trusting its peer');
  const trustStore = fileTrustStore(join(dirname(profilePath), 'trusted-blocks.json'));
  const out: OrgVerification[] = [];
  for (const { org, actor } of VERIFIERS) {
    const txId = story.facts.txByOrg.get(org);
    if (txId === undefined) throw new Error(`no transaction of ${org} to verify`);
    const source = peerLedgerSource(story.actors.client(actor).connection);
    const v = await verifyTransaction(source, txId, { trustStore });
    out.push({ org, verification: v });
    const failed = v.findings.filter((f) => !f.ok).map((f) => f.check);
    narrator.line(
      `   ${story.actors.name(actor).padEnd(17)} tx ${txId.slice(0, 16)}… block ${v.blockNumber.toString()}: ${v.verified ? 'VERIFIED' : `FAILED (${failed.join(', ')})`} — ${v.findings.length.toString()} checks, peer says ${v.peerValidationName}`,
    );
  }
  narrator.fact(
    'key-level policies at those blocks need the auditor’s replay from block 0 (the library says so in its notes)',
  );
  return out;
}
