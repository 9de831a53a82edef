/**
 * Chapter 6: the reports. Structured results bound to the runs, evaluated on the ledger against
 * the USP <2232> limits of the product; authored by the analyst, reviewed and approved by two
 * other lab users (segregation of duties), then VERIFIED and given a recognition by the chaincode.
 */
import type { RecognitionRecord } from '@alliance/chaincode/model/lab/report';
import { metalsReport, tocopherolReport, type ReportDates } from '../data/results';
import { lotOf, type Story } from '../story';
import type { RunFiles } from './runs';

/** Takes both reports to VERIFIED; returns their recognitions. */
export async function reports(story: Story, files: RunFiles): Promise<RecognitionRecord[]> {
  const { narrator, ids, time } = story;
  const lotId = lotOf(story);
  narrator.chapter('The lab reports: authored, reviewed and approved by three different users');
  const dates = (): ReportDates => ({
    sampledAt: time.at(18.5),
    receivedAt: time.at(22),
    issuedAt: time.now(),
  });
  const recognitions: RecognitionRecord[] = [];
  for (const input of [
    metalsReport(ids, lotId, dates(), files.metals.sha256),
    tocopherolReport(ids, lotId, dates(), files.tocopherol.sha256),
  ]) {
    const reportId = input.reportId;
    const draft = await story.act('labAnalyst', 'report.create', `creates ${reportId}: ${input.title}`, (c) =>
      c.reports.create(input),
    );
    for (const v of draft.evaluation.verdicts) {
      narrator.fact(
        `${v.analyte}/${v.species}: ${v.outcome}${v.limit === undefined ? '' : ` (limit ${v.limit.toString()} µg/g, ${v.limitSource ?? ''})`}`,
      );
    }
    if (draft.labelClaims !== undefined) {
      const flags = draft.labelFlags.map((f) => f.message);
      narrator.fact(
        `label claim ${JSON.stringify(draft.labelClaims)}: ${flags.length === 0 ? 'no flag (no 2S-α-tocopherol above the LOQ)' : flags.join('; ')}`,
      );
    }
    await story.act(
      'labAnalyst',
      'report.submit',
      `submits ${reportId} (content final, hash ${draft.contentHash.slice(0, 12)}…)`,
      (c) => c.reports.submit({ reportId }),
    );
    await story.act('labAnalyst', 'report.sign', `signs ${reportId} as author`, (c) =>
      c.reports.sign({ reportId }),
    );
    await story.act('labReviewer', 'report.review', `reviews ${reportId}`, (c) =>
      c.reports.review({ reportId }),
    );
    const approved = await story.act('labApprover', 'report.approve', `approves ${reportId}`, (c) =>
      c.reports.approve({ reportId }),
    );
    if (approved.state !== 'VERIFIED') {
      throw new Error(
        `report ${reportId} stopped at ${approved.state}: ${(approved.verification?.failures ?? []).join('; ')}`,
      );
    }
    const recognition = await story.read('brandUser', (c) => c.reports.recognition({ reportId }));
    recognitions.push(recognition);
    narrator.fact(`VERIFIED; recognition ${recognition.status} until ${recognition.validUntil.slice(0, 10)}`);
    for (const r of recognition.reasons)
      narrator.fact(`  ${r.effect === 'CONDITIONS' ? 'condition' : 'denied'}: ${r.message}`);
  }
  return recognitions;
}
