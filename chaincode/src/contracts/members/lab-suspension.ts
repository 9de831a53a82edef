/**
 * What suspending a laboratory member sets off (rules 20 and 33): its recognitions are suspended,
 * and every lot it tested, with everything made from them, goes on HOLD_ADDITIONAL_VERIFICATION.
 * The holds close again once the lab is reinstated (see `lots/holds.ts`).
 */
import type { MemberRecord } from '../../model/member';
import type { AllianceContext } from '../context';
import { labHooks } from '../lots/lab-hooks';
import { flagForAdditionalVerification } from '../lots/propagate';

/** What a lab's suspension changed. */
export interface LabSuspensionEffects {
  /** Recognition ids now suspended. */
  recognitions: string[];
  /** Lots and batches now held, the lab's tested lots first. */
  held: string[];
}

/** Applies the consequences of suspending `lab`; nothing for a member that is not a laboratory. */
export async function applyLabSuspension(
  ctx: AllianceContext,
  lab: MemberRecord,
  reason: string,
): Promise<LabSuspensionEffects> {
  if (!lab.roles.includes('LAB')) return { recognitions: [], held: [] };
  const hooks = labHooks();
  const cause = `lab ${lab.mspId} suspended: ${reason}`;
  const recognitions = await hooks.suspendRecognitions(ctx, lab.mspId, 'ALL', cause);
  const tested = await hooks.lotsTestedWith(ctx, { labMspId: lab.mspId });
  const held =
    tested.length === 0
      ? []
      : await flagForAdditionalVerification(ctx, tested, {
          kind: 'LAB_SUSPENDED',
          refId: lab.mspId,
          reason: cause,
        });
  return { recognitions, held };
}
