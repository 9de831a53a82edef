/**
 * Cross-area queries on reports and recognitions (chaincode-api.md, "Cross-area hooks"), used by
 * the supply area (release, verdicts, verification consequences).
 */
import type { RecognitionRecord, ReportRecord } from '../../model/lab/report';
import type { AllianceContext } from '../context';
import { CALIBRATION_BY_CRM, type CalibrationIndexEntry } from '../calibrations/keys';
import { RUN_BY_CALIBRATION, RUN_BY_INSTRUMENT, RUN_BY_LAB, type RunIndexEntry } from '../runs/keys';
import { RECOGNITION_BY_LAB, recognitionKey, REPORT_BY_LOT, reportKey } from './keys';

/** Every report on `lotId` (any state), oldest first. */
export async function reportsForLot(ctx: AllianceContext, lotId: string): Promise<ReportRecord[]> {
  const reports: ReportRecord[] = [];
  for (const entry of await ctx.store.list<{ reportId: string }>(REPORT_BY_LOT, [lotId])) {
    const report = await getReport(ctx, entry.value.reportId);
    if (report !== undefined) reports.push(report);
  }
  return reports.sort((a, b) => a.created.at.localeCompare(b.created.at) || a.reportId.localeCompare(b.reportId));
}

/** One report, if it exists. */
export async function getReport(ctx: AllianceContext, id: string): Promise<ReportRecord | undefined> {
  return ctx.store.get<ReportRecord>(reportKey(ctx.store, id));
}

/** The recognition of a report, if one was computed. */
export async function recognitionOf(ctx: AllianceContext, reportId: string): Promise<RecognitionRecord | undefined> {
  return ctx.store.get<RecognitionRecord>(recognitionKey(ctx.store, reportId));
}

/**
 * Suspends a lab's recognitions that cover any of `analytes` (or all of them) and are not
 * suspended yet (rule 20: lab suspended, unsatisfactory PT, failed comparative verification).
 * @returns the ids of the reports whose recognition was suspended now.
 */
export async function suspendRecognitions(
  ctx: AllianceContext,
  labMspId: string,
  analytes: string[] | 'ALL',
  cause: string,
): Promise<string[]> {
  const suspended: string[] = [];
  for (const entry of await ctx.store.list<{ reportId: string }>(RECOGNITION_BY_LAB, [labMspId])) {
    const recognition = await recognitionOf(ctx, entry.value.reportId);
    if (recognition === undefined || recognition.suspendedAt !== undefined) continue;
    if (analytes !== 'ALL' && !recognition.analytes.some((a) => analytes.includes(a))) continue;
    await ctx.store.put(recognitionKey(ctx.store, recognition.reportId), { ...recognition, suspendedAt: ctx.now, suspensionCause: cause });
    ctx.emit('recognition.suspended', { kind: 'recognition', id: recognition.reportId }, { labMspId, cause });
    suspended.push(recognition.reportId);
  }
  return suspended;
}

async function lotsOf(ctx: AllianceContext, type: string, first: string): Promise<Set<string>> {
  return new Set((await ctx.store.list<RunIndexEntry>(type, [first])).map((e) => e.value.lotId));
}

/** Lots tested by a lab, on an instrument or with a CRM (every filter given must hold). */
export async function lotsTestedWith(
  ctx: AllianceContext,
  by: { labMspId?: string; instrumentId?: string; crmId?: string },
): Promise<string[]> {
  const sets: Set<string>[] = [];
  if (by.labMspId !== undefined) sets.push(await lotsOf(ctx, RUN_BY_LAB, by.labMspId));
  if (by.instrumentId !== undefined) sets.push(await lotsOf(ctx, RUN_BY_INSTRUMENT, by.instrumentId));
  if (by.crmId !== undefined) {
    const lots = new Set<string>();
    for (const use of await ctx.store.list<CalibrationIndexEntry>(CALIBRATION_BY_CRM, [by.crmId])) {
      for (const lot of await lotsOf(ctx, RUN_BY_CALIBRATION, use.value.calibrationId)) lots.add(lot);
    }
    sets.push(lots);
  }
  const [first, ...rest] = sets;
  if (first === undefined) return [];
  return [...first].filter((lot) => rest.every((s) => s.has(lot))).sort();
}
