/**
 * Chapter 3: the overseas lab registers an ICP-MS and an LC-MS/MS (USP <1058> group C) and
 * qualifies each through IQ, OQ and PQ. Every test is on the ledger with its limit; the chaincode
 * computes pass or fail and moves the state machine REGISTERED → IQ_PASSED → OQ_PASSED → QUALIFIED.
 */
import { icpMsTests, iqTests, lcMsMsTests, type TestSheetRow } from '../data/qualification';
import type { Story } from '../story';

interface InstrumentPlan {
  readonly instrumentId: string;
  readonly technique: 'ICP-MS' | 'LC-MS/MS';
  readonly model: string;
  readonly serialNumber: string;
  readonly softwareVersion: string;
  readonly firmwareVersion: string;
  readonly location: string;
  readonly tests: (by: string) => TestSheetRow[];
}

/** Registers and qualifies both instruments. */
export async function instruments(story: Story): Promise<void> {
  const { narrator, ids } = story;
  narrator.chapter('The overseas lab qualifies an ICP-MS and an HPLC-MS/MS (IQ, OQ, PQ)');
  const plans: InstrumentPlan[] = [
    {
      instrumentId: ids.icpMs,
      technique: 'ICP-MS',
      model: 'QMS-7900',
      serialNumber: `JP21${ids.suffix}`,
      softwareVersion: 'MassHunter 5.1',
      firmwareVersion: 'FW 2.4.1',
      location: 'Elemental lab, room 2.14',
      tests: icpMsTests,
    },
    {
      instrumentId: ids.lcMsMs,
      technique: 'LC-MS/MS',
      model: 'TQ-6500+',
      serialNumber: `BK20${ids.suffix}`,
      softwareVersion: 'Analyst 1.7.3',
      firmwareVersion: 'FW 3.0.2',
      location: 'Chromatography lab, room 2.09',
      tests: lcMsMsTests,
    },
  ];
  for (const p of plans) await qualify(story, p);
}

async function qualify(story: Story, p: InstrumentPlan): Promise<void> {
  const { time, evidence, narrator } = story;
  const { tests, ...facts } = p;
  await story.act(
    'labAdmin',
    'instrument.register',
    `registers ${p.technique} ${p.instrumentId} (${p.model}, group C, ${p.softwareVersion})`,
    (c) =>
      c.instruments.register({
        ...facts,
        uspGroup: 'C',
        manufacturer: 'Vendor A Analytical',
        limitOverrides: [],
      }),
  );
  for (const stage of ['IQ', 'OQ', 'PQ'] as const) {
    const sheet = stage === 'IQ' ? iqTests(p.technique, 'analyst@lab') : tests('analyst@lab');
    const protocol = await evidence.write(
      `${p.instrumentId}-${stage}.txt`,
      qualificationDocument(p, stage, sheet),
    );
    const outcome = await story.act(
      'labAnalyst',
      `instrument.${stage.toLowerCase()}`,
      `records ${stage} of ${p.instrumentId}: ${sheet.length.toString()} tests`,
      (c) =>
        c.instruments.qualify({
          qualificationId: `${p.instrumentId}-${stage}`,
          instrumentId: p.instrumentId,
          stage,
          performedAt: time.now(),
          softwareVersion: p.softwareVersion,
          firmwareVersion: p.firmwareVersion,
          tests: sheet,
          documents: [{ name: protocol.fileName, sha256: protocol.sha256 }],
        }),
    );
    const passed = outcome.qualification.tests.filter((t) => t.passed).length;
    narrator.fact(
      `${passed.toString()}/${sheet.length.toString()} tests passed (computed on the ledger); state ${outcome.state.state}${outcome.state.qualifiedUntil ? ` until ${outcome.state.qualifiedUntil.slice(0, 10)}` : ''}`,
    );
  }
}

/** The signed protocol a lab files for a qualification stage (its SHA-256 goes on the ledger). */
function qualificationDocument(p: InstrumentPlan, stage: string, sheet: readonly TestSheetRow[]): string {
  const rows = sheet.map(
    (t) =>
      `${t.testId}\t${t.name}\t${t.setPoint?.toString() ?? ''}\t${t.measured.toString()} ${t.unit}\t${JSON.stringify(t.limit)}`,
  );
  return [
    `${stage} protocol and report`,
    `instrument ${p.instrumentId} ${p.technique} ${p.model} s/n ${p.serialNumber}`,
    `software ${p.softwareVersion}, firmware ${p.firmwareVersion}`,
    ...rows,
    'performed by analyst@lab; reviewed by reviewer@lab',
    '',
  ].join('\n');
}
