/**
 * Chapter 4: the lab registers its certified reference materials (certificates bound by hash),
 * files its method validations, and calibrates both instruments against the CRMs. The chaincode
 * computes each calibration's traceability class: GBW(E) and CNAS-accredited producers give T1.
 */
import { isChaincodeError } from '../../errors/guards';
import {
  metalsCalibration,
  metalsCrm,
  metalsMethodValidation,
  tocopherolCalibration,
  tocopherolCrm,
  tocopherolMethodValidation,
} from '../data/lab';
import type { Story } from '../story';

/** Registers the CRMs and method validations and records both calibrations. */
export async function calibrations(story: Story): Promise<void> {
  const { narrator, ids, time, evidence } = story;
  narrator.chapter('The lab registers reference materials and calibrates against them');
  const metalsCert = await evidence.write(
    `${ids.crmMetals}-certificate.txt`,
    certificate('GBW(E)082430 multi-element (As, Cd, Hg, Pb) 100 µg/mL', 'NIM, China', '230512'),
  );
  const tocoCert = await evidence.write(
    `${ids.crmTocopherol}-certificate.txt`,
    certificate('RRR-α-tocopherol purity 98.7 %', 'RMP-0042 (ISO 17034, CNAS-RM0042)', '24A07'),
  );
  for (const crm of [metalsCrm(ids, time, metalsCert.sha256), tocopherolCrm(ids, time, tocoCert.sha256)]) {
    await story.act(
      'labAdmin',
      'crm.register',
      `registers CRM ${crm.crmId}: ${crm.catalogueCode} lot ${crm.lot} from ${crm.producer}`,
      (c) => c.calibrations.registerCrm(crm),
    );
  }
  const validations = [
    metalsMethodValidation(
      (
        await evidence.write(
          'method-validation-ICPMS-2232.txt',
          'USP <233> validation: recovery 94.8/98.6/101.3 % at 50/100/150 % J; RSD 3.2 %; IP 5.9 %\n',
        )
      ).sha256,
    ),
    tocopherolMethodValidation(
      (
        await evidence.write(
          'method-validation-LCMSMS-VE.txt',
          'Chiral LC-MS/MS validation: recovery 97.2/99.1/100.4 %; RSD 1.9 %; IP 3.1 %; E/Z and 2R/2S resolved\n',
        )
      ).sha256,
    ),
  ];
  for (const v of validations) {
    try {
      await story.act(
        'labAdmin',
        'method.validate',
        `files the validation of method ${v.methodId}@${v.version} (${v.kind})`,
        (c) => c.reports.recordMethodValidation(v),
      );
    } catch (e) {
      // A method is validated once per version, not once per demo run.
      if (!isChaincodeError(e, 'ALREADY_EXISTS')) throw e;
      narrator.fact(`method ${v.methodId}@${v.version} is already validated on the ledger`);
    }
  }
  for (const input of [metalsCalibration(ids, time.now()), tocopherolCalibration(ids, time.now())]) {
    const record = await story.act(
      'labAnalyst',
      'calibration.record',
      `calibrates ${input.instrumentId} against ${input.crmIds.join(', ')} (${input.points.length.toString()} point${input.points.length === 1 ? '' : 's'})`,
      (c) => c.calibrations.record(input),
    );
    narrator.fact(
      `traceability class ${record.traceability.traceabilityClass} (computed), ${record.outOfTolerance ? 'OUT OF TOLERANCE' : 'every point within tolerance'}, due ${record.dueAt}`,
    );
  }
}

/** The text of a CRM certificate (what the producer issues; the ledger keeps its SHA-256). */
function certificate(material: string, producer: string, lot: string): string {
  return [
    `Certificate of analysis: ${material}`,
    `producer ${producer}`,
    `lot ${lot}`,
    'certified values with expanded uncertainty (k = 2), metrologically traceable to SI',
    '',
  ].join('\n');
}
