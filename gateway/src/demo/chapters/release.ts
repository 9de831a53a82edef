/**
 * Chapter 8: the brand releases the lot (the chaincode checks rule 31 itself), makes a batch of
 * softgels from it (an EPCIS transformation), and asks for the batch's verdict.
 */
import type { Verdict } from '@alliance/chaincode/model';
import { MATERIAL_GTIN, PLANT_GLN, SOFTGEL_GTIN } from '../data/alliance';
import { lotOf, type Story } from '../story';

/** Releases the lot, makes the batch (sets `facts.batchId`) and returns the batch's verdict. */
export async function releaseAndMake(story: Story): Promise<Verdict> {
  const { narrator, ids, time } = story;
  const lotId = lotOf(story);
  narrator.chapter('The lot is released; the brand makes a formulation batch; its verdict');
  const when = () => ({ eventTime: time.now(), eventTimeZoneOffset: '+08:00' });
  const released = await story.act('brandAdmin', 'lot.release', `releases ${lotId}`, (c) =>
    c.lots.release({ lotId, ...when() }),
  );
  narrator.fact(`lot state ${released.state}`);
  const batch = await story.act(
    'brandUser',
    'lot.transform',
    `makes softgel batch ${ids.batchNumber} from 100 kg of ${lotId}`,
    (c) =>
      c.lots.transform({
        transformationId: ids.transformationId,
        productId: ids.productId,
        inputQuantityList: [{ epcClass: lotId, quantity: 100, uom: 'KGM' }],
        outputQuantityList: [{ epcClass: `${SOFTGEL_GTIN}.${ids.batchNumber}`, quantity: 150, uom: 'KGM' }],
        ilmd: { lotNumber: ids.batchNumber, itemExpirationDate: time.date(700) },
        bizLocation: PLANT_GLN,
        countryOfOrigin: 'CN',
        ...when(),
      }),
  );
  story.facts.batchId = batch.id;
  const verdict = await story.read('brandUser', (c) => c.verdicts.get({ lotId: batch.id }));
  printVerdict(story, verdict);
  const badge = await story.act(
    'auditor',
    'verdict.assess-badge',
    `re-assesses SupplierMSP's TRUSTED_SOURCE badge for ${MATERIAL_GTIN}`,
    (c) => c.verdicts.assessBadge({ supplier: 'SupplierMSP', gtin: MATERIAL_GTIN }),
  );
  narrator.fact(
    `badge ${badge.trustedSource ? 'TRUSTED_SOURCE' : 'withheld'}: ${badge.reasons[0] ?? 'every condition holds'}`,
  );
  return verdict;
}

/** Prints a verdict: state, releasable, trusted, reasons, and the daily exposure when asked. */
export function printVerdict(story: Story, v: Verdict, withExposure = true): void {
  const { narrator } = story;
  narrator.fact(
    `verdict on ${v.lotId}: state ${v.state}, releasable ${String(v.releasable)}, ${v.trusted ? 'TRUSTED' : 'NOT TRUSTED'}`,
  );
  for (const e of withExposure ? (v.exposure ?? []) : []) {
    narrator.fact(
      `  ${e.element}: ${e.exposureUgPerDay?.toPrecision(2) ?? '?'} µg/day of PDE ${e.pdeUgPerDay.toString()} µg/day (${e.basis})`,
    );
  }
  for (const r of v.reasons) narrator.fact(`  ${r.code}: ${r.message}`);
}
