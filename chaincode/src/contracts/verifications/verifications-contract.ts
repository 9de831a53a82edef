/** Contract `verifications`: comparative verification by third-party labs (8.7, rules 28-30). */
import { canonicalJson } from '../../ledger/json';
import { AllianceError } from '../../model/errors';
import {
  parseCaseStepInput,
  parseCloseCaseInput,
  parseCommitInput,
  parseProtocolInput,
  parseRevealInput,
  type VerificationCaseRecord,
} from '../../model/supply/verification';
import { VERIFICATIONS_ACCESS } from '../../rules/supply/roles';
import { AllianceContract } from '../base';
import type { AllianceContext } from '../context';
import {
  advance,
  approveProtocol,
  dispatchSamples,
  loadCase,
  loadProtocol,
  openCase,
  reviseProtocol,
  saveCase,
} from './cases';
import { outcomeKey } from './keys';
import { commitResults, revealResults } from './results';

/** The requester, the verifier lab or the platform may steer an evaluated case. */
async function requireCaseManager(ctx: AllianceContext, c: VerificationCaseRecord): Promise<void> {
  const mspId = ctx.caller.mspId;
  if (mspId === c.requester || mspId === c.verifier) return;
  if ((await ctx.member(mspId))?.roles.includes('PLATFORM') === true) return;
  throw new AllianceError('NOT_OWNER', `${mspId} does not manage case ${c.caseId}`);
}

/** The `verifications` contract. */
export class VerificationsContract extends AllianceContract {
  constructor() {
    super('verifications', VERIFICATIONS_ACCESS);
  }

  /** Opens a case with its protocol (every rule-28 field), in DRAFT. */
  async OpenCase(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await openCase(ctx, ctx.input(parseProtocolInput)));
  }

  /** A new protocol version before results are sealed; approvals start again. */
  async ReviseProtocol(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await reviseProtocol(ctx, ctx.input(parseProtocolInput)));
  }

  /** An approval e-signature on the current protocol version; the last one freezes it. */
  async ApproveProtocol(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await approveProtocol(ctx, ctx.input(parseCaseStepInput).caseId));
  }

  /** Samples sent to every lab. */
  async DispatchSamples(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await dispatchSamples(ctx, ctx.input(parseCaseStepInput).caseId));
  }

  /** A lab's hash commitment to its results. */
  async CommitResults(ctx: AllianceContext): Promise<string> {
    const { caseId, commitment } = ctx.input(parseCommitInput);
    return canonicalJson(await commitResults(ctx, caseId, commitment));
  }

  /** A lab's reveal, checked against its commitment; the last one evaluates the case. */
  async RevealResults(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await revealResults(ctx, ctx.input(parseRevealInput)));
  }

  /** QUESTIONABLE or UNSATISFACTORY -> INVESTIGATION. */
  async Investigate(ctx: AllianceContext): Promise<string> {
    const c = await loadCase(ctx, ctx.input(parseCaseStepInput).caseId);
    await requireCaseManager(ctx, c);
    const next: VerificationCaseRecord = { ...c, state: advance(c, 'INVESTIGATE') };
    await saveCase(ctx, next);
    ctx.emit('verification.investigation_opened', { kind: 'verification', id: c.caseId }, {});
    return canonicalJson(next);
  }

  /** INVESTIGATION (or SATISFACTORY) -> CLOSED, with a reason. */
  async CloseCase(ctx: AllianceContext): Promise<string> {
    const { caseId, reason } = ctx.input(parseCloseCaseInput);
    const c = await loadCase(ctx, caseId);
    await requireCaseManager(ctx, c);
    const next: VerificationCaseRecord = { ...c, state: advance(c, 'CLOSE') };
    await ctx.store.put(ctx.store.key('vcase~closure', [caseId]), { caseId, closed: ctx.stamp(reason) });
    await saveCase(ctx, next);
    ctx.emit('verification.closed', { kind: 'verification', id: caseId }, { reason });
    return canonicalJson(next);
  }

  /** A case with its current protocol. */
  async GetCase(ctx: AllianceContext): Promise<string> {
    const c = await loadCase(ctx, ctx.input(parseCaseStepInput).caseId);
    return canonicalJson({ case: c, protocol: await loadProtocol(ctx, c) });
  }

  /** The evaluated outcome of a case (scores, outcomes, consequences). */
  async GetOutcome(ctx: AllianceContext): Promise<string> {
    const { caseId } = ctx.input(parseCaseStepInput);
    return canonicalJson(
      await ctx.store.mustGet(outcomeKey(ctx.store, caseId), 'NOT_FOUND', `outcome of ${caseId}`),
    );
  }
}
