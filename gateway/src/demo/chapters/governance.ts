/**
 * Chapter 1: the registrar records the labs' accreditations and proficiency tests, and the brand
 * registers its product. Accreditations and PT rounds belong to the alliance, not to one run, so
 * a second run finds them and says so instead of recording them twice.
 */
import { isChaincodeError } from '../../errors/guards';
import { labAccreditation, labProficiencyTests, product, verifierAccreditation } from '../data/alliance';
import type { Story } from '../story';

/** Records what the registrar and the brand must have on the ledger before any lot is tested. */
export async function governance(story: Story): Promise<void> {
  const { narrator, time } = story;
  narrator.chapter('The registrar records the labs’ accreditations; the brand registers its product');
  for (const accreditation of [labAccreditation(time), verifierAccreditation(time)]) {
    const exists = await story
      .read('registrar', (c) =>
        c.members.getAccreditation({
          labMspId: accreditation.labMspId,
          body: accreditation.body,
          certificateNumber: accreditation.certificateNumber,
        }),
      )
      .then(() => true)
      .catch((e: unknown) => {
        if (isChaincodeError(e, 'NOT_FOUND')) return false;
        throw e;
      });
    const what = `${accreditation.labMspId}: ${accreditation.body} ${accreditation.certificateNumber}, ILAC-MRA, ${accreditation.scope.length} scope items, valid to ${accreditation.validTo}`;
    if (exists) narrator.fact(`already on the ledger: ${what}`);
    else
      await story.act('registrar', 'accreditation.record', `records ${what}`, (c) =>
        c.members.recordAccreditation(accreditation),
      );
  }
  const known = await story.read('registrar', (c) => c.members.listProficiencyTests({ labMspId: 'LabMSP' }));
  for (const pt of labProficiencyTests(time)) {
    if (known.some((k) => k.round === pt.round && k.analyte === pt.analyte)) continue;
    await story.act(
      'registrar',
      'pt.record',
      `records PT ${pt.scheme} ${pt.round} ${pt.analyte}: z = ${pt.score.toString()}`,
      (c) => c.members.recordProficiencyTest(pt),
    );
  }
  const spec = product(story.ids);
  await story.act(
    'brandAdmin',
    'product.register',
    `registers ${spec.productId} "${spec.name}" (USP, ${spec.maxDailyServingG.toString()} g/day)`,
    (c) => c.products.register(spec),
  );
}
