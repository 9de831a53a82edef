/**
 * Chapter 2: the supplier registers the raw-material lot and ships it; the brand receives it,
 * takes the sample for the overseas lab and starts testing. EPCIS event times are a day ago.
 */
import { MATERIAL_GTIN, PLANT_GLN, SUPPLIER_GLN } from '../data/alliance';
import type { Story } from '../story';

/** Brings the lot from CREATED to UNDER_TEST at the brand; sets `facts.lotId`. */
export async function supply(story: Story): Promise<void> {
  const { narrator, time, ids } = story;
  narrator.chapter('The supplier registers a raw-material lot; the brand receives and samples it');
  const supplierWhen = (h: number) => ({ eventTime: time.at(h), eventTimeZoneOffset: '+01:00' });
  const brandWhen = (h: number) => ({ eventTime: time.at(h), eventTimeZoneOffset: '+08:00' });
  const lot = await story.act(
    'supplier',
    'lot.register',
    `registers lot ${ids.lotNumber} of natural vitamin E concentrate (GTIN ${MATERIAL_GTIN}), 250 kg`,
    (c) =>
      c.lots.register({
        gtin: MATERIAL_GTIN,
        lot: ids.lotNumber,
        supplierGln: SUPPLIER_GLN,
        countryOfOrigin: 'DE',
        expiryDate: time.date(730),
        quantity: 250,
        uom: 'KGM',
        productId: ids.productId,
        ...supplierWhen(0),
      }),
  );
  const lotId = lot.id;
  story.facts.lotId = lotId;
  const po = [{ type: 'po' as const, bizTransaction: `urn:epcglobal:cbv:bt:${PLANT_GLN}:PO-${ids.suffix}` }];
  await story.act('supplier', 'lot.ship', `ships ${lotId} to BrandMSP against its purchase order`, (c) =>
    c.lots.ship({ lotId, to: 'BrandMSP', bizTransactionList: po, ...supplierWhen(0.5) }),
  );
  await story.act(
    'brandUser',
    'lot.receive',
    `receives ${lotId} (ownership and key-level policy move to BrandMSP)`,
    (c) => c.lots.receive({ lotId, bizTransactionList: po, ...brandWhen(18) }),
  );
  await story.act(
    'brandUser',
    'lot.sample',
    'samples the lot and sends the sample to the overseas lab',
    (c) => c.lots.sample({ lotId, ...brandWhen(18.5) }),
  );
  await story.act(
    'brandUser',
    'lot.start-testing',
    'starts testing: the lot stays quarantined until released',
    (c) => c.lots.startTesting({ lotId, ...brandWhen(19) }),
  );
}
