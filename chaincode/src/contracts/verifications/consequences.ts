/**
 * Consequences of an evaluation (rule 30): a lab UNSATISFACTORY on some analytes has its
 * recognitions for those analytes suspended (rule 20) and every lot it tested goes on
 * HOLD_ADDITIONAL_VERIFICATION, downstream batches included (rule 33).
 */
import type { Outcome } from '../../rules/supply/outcome';
import type { AllianceContext } from '../context';
import { flagForAdditionalVerification } from '../lots/propagate';
import { labHooks } from '../lots/lab-hooks';

/** Applies the consequences of every UNSATISFACTORY lab outcome; returns what it changed. */
export async function applyConsequences(
  ctx: AllianceContext,
  caseId: string,
  labOutcomes: readonly { lab: string; analyte: string; counted: Outcome }[],
): Promise<{ suspendedRecognitions: string[]; heldLots: string[] }> {
  const failing = new Map<string, string[]>();
  for (const o of labOutcomes) {
    if (o.counted === 'UNSATISFACTORY') failing.set(o.lab, [...(failing.get(o.lab) ?? []), o.analyte]);
  }
  const suspendedRecognitions: string[] = [];
  const heldLots: string[] = [];
  for (const [lab, analytes] of failing) {
    const cause = `comparative verification ${caseId} UNSATISFACTORY for ${analytes.join(', ')}`;
    suspendedRecognitions.push(...(await labHooks().suspendRecognitions(ctx, lab, analytes, cause)));
    const tested = await labHooks().lotsTestedWith(ctx, { labMspId: lab });
    if (tested.length > 0) {
      heldLots.push(
        ...(await flagForAdditionalVerification(ctx, tested, {
          kind: 'VERIFICATION_FAILED',
          refId: caseId,
          reason: cause,
        })),
      );
    }
    ctx.emit('verification.lab_failed', { kind: 'lab', id: lab }, { caseId, analytes });
  }
  return { suspendedRecognitions, heldLots: [...new Set(heldLots)] };
}
