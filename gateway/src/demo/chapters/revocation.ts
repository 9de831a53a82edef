/**
 * Chapter 9: the producer withdraws the certificate of the GBW(E) solution the ICP-MS was
 * calibrated against. The lab revokes the CRM on the ledger; the chaincode suspends the
 * instrument, holds the lot tested with that calibration and, following the lineage, the brand's
 * batch, each hold carrying its cause.
 */
import type { HoldRecord, Verdict } from '@alliance/chaincode/model';
import { lotOf, type Story } from '../story';
import { printVerdict } from './release';

/** What the revocation did to the batch. */
export interface RevocationOutcome {
  readonly heldLots: readonly string[];
  readonly suspendedInstruments: readonly string[];
  readonly batchVerdict: Verdict;
  readonly batchHolds: readonly HoldRecord[];
}

/** Revokes the metals CRM and shows the hold on the lot and the batch. */
export async function revocation(story: Story): Promise<RevocationOutcome> {
  const { narrator, ids } = story;
  const lotId = lotOf(story);
  const batchId = story.facts.batchId;
  if (batchId === undefined) throw new Error('the batch is not made yet');
  narrator.chapter('The reference material’s certificate is revoked: the lot and the batch go on hold');
  const reason = 'producer withdrew certificate of lot 230512: Hg value failed stability monitoring';
  const consequences = await story.act(
    'labAdmin',
    'crm.revoke',
    `revokes CRM ${ids.crmMetals} (${reason})`,
    (c) => c.calibrations.revokeCrm({ crmId: ids.crmMetals, reason }),
  );
  narrator.fact(`instruments suspended: ${consequences.suspendedInstruments.join(', ') || 'none'}`);
  narrator.fact(`lots held: ${consequences.heldLots.join(', ') || 'none'}`);
  const lotVerdict = await story.read('brandUser', (c) => c.verdicts.get({ lotId }));
  narrator.fact(`lot ${lotId}: ${lotVerdict.state}, releasable ${String(lotVerdict.releasable)}`);
  const batchVerdict = await story.read('brandUser', (c) => c.verdicts.get({ lotId: batchId }));
  printVerdict(story, batchVerdict, false);
  const batchHolds = await story.read('brandUser', (c) => c.lots.holds({ lotId: batchId }));
  for (const h of batchHolds.filter((x) => x.status === 'OPEN')) {
    narrator.fact(
      `hold ${h.holdId} on ${h.lotId} from ${h.originLotId}: ${h.cause.kind} ${h.cause.refId}: ${h.cause.reason}`,
    );
  }
  return {
    heldLots: consequences.heldLots,
    suspendedInstruments: consequences.suspendedInstruments,
    batchVerdict,
    batchHolds,
  };
}
