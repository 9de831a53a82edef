/**
 * Commit-reveal result submission (rule 29): every lab commits the hash of its results first;
 * reveals are accepted only once all commitments are in and must match them. The last reveal
 * evaluates the case on the ledger (rule 30).
 */
import { outstanding } from '../../rules/supply/verification-state';
import { AllianceError } from '../../model/errors';
import { resultsCommitment } from '../../model/supply/commitment';
import type {
  CommitmentRecord,
  RevealInput,
  RevealRecord,
  VerificationCaseRecord,
} from '../../model/supply/verification';
import type { AllianceContext } from '../context';
import { advance, loadCase, loadProtocol, saveCase } from './cases';
import { evaluateCase } from './evaluation';
import { commitmentKey, resultScan, revealKey, VERIFICATION_KEYS } from './keys';

/** @throws AllianceError NOT_OWNER unless the caller is a participating lab. */
function requireLab(ctx: AllianceContext, c: VerificationCaseRecord): string {
  const lab = ctx.caller.mspId;
  if (!c.labs.includes(lab)) throw new AllianceError('NOT_OWNER', `${lab} is not a lab of case ${c.caseId}`);
  return lab;
}

/** The labs that already have a record of `objectType` for the case's protocol version, plus `adding`. */
async function labsWith(
  ctx: AllianceContext,
  objectType: string,
  c: VerificationCaseRecord,
  adding: string,
): Promise<string[]> {
  const existing = await ctx.store.list<{ lab: string }>(objectType, resultScan(c.caseId, c.protocolVersion));
  return [...existing.map((e) => e.value.lab), adding];
}

/** A lab seals its results by their hash; the last commitment moves the case to RESULTS_COMPLETE. */
export async function commitResults(
  ctx: AllianceContext,
  caseId: string,
  commitment: string,
): Promise<VerificationCaseRecord> {
  const c = await loadCase(ctx, caseId);
  const lab = requireLab(ctx, c);
  let state = advance(c, 'COMMIT');
  const key = commitmentKey(ctx.store, caseId, c.protocolVersion, lab);
  if (await ctx.store.exists(key)) throw new AllianceError('ALREADY_EXISTS', `${lab} already committed`);
  const record: CommitmentRecord = {
    caseId,
    version: c.protocolVersion,
    lab,
    commitment,
    committed: ctx.stamp(),
  };
  await ctx.store.put(key, record);
  const missing = outstanding(c.labs, await labsWith(ctx, VERIFICATION_KEYS.commitment, c, lab));
  if (missing.length === 0) state = advance({ ...c, state }, 'SEAL');
  const updated: VerificationCaseRecord = { ...c, state };
  await saveCase(ctx, updated);
  ctx.emit('verification.committed', { kind: 'verification', id: caseId }, { lab, outstanding: missing });
  return updated;
}

/**
 * A lab reveals results and salt; they must hash to its commitment and cover every analyte of the
 * protocol with the protocol's number of replicates. The last reveal evaluates the case.
 */
export async function revealResults(
  ctx: AllianceContext,
  input: RevealInput,
): Promise<VerificationCaseRecord> {
  const c = await loadCase(ctx, input.caseId);
  const lab = requireLab(ctx, c);
  if (c.state !== 'RESULTS_COMPLETE') {
    throw new AllianceError(
      'INVALID_STATE',
      `case ${c.caseId} is ${c.state}: reveals wait for every commitment`,
    );
  }
  const committed = await ctx.store.get<CommitmentRecord>(
    commitmentKey(ctx.store, c.caseId, c.protocolVersion, lab),
  );
  if (committed === undefined) throw new AllianceError('INVALID_STATE', `${lab} has no commitment`);
  const key = revealKey(ctx.store, c.caseId, c.protocolVersion, lab);
  if (await ctx.store.exists(key)) throw new AllianceError('ALREADY_EXISTS', `${lab} already revealed`);
  if (resultsCommitment(c.caseId, lab, input.results, input.salt) !== committed.commitment) {
    throw new AllianceError('COMMITMENT_MISMATCH', 'the revealed results do not match the commitment', {
      details: { lab },
    });
  }
  const { protocol } = await loadProtocol(ctx, c);
  const issues = protocol.analytes.flatMap((plan) => {
    const found = input.results.filter((r) => r.analyte === plan.analyte);
    if (found.length !== 1) return [{ path: 'results', message: `give ${plan.analyte} exactly once` }];
    return found[0]?.values.length === protocol.replicates
      ? []
      : [{ path: 'results', message: `${plan.analyte} needs ${protocol.replicates} replicates` }];
  });
  if (input.results.length !== protocol.analytes.length)
    issues.push({ path: 'results', message: 'only the protocol analytes' });
  if (issues.length > 0)
    throw new AllianceError('VALIDATION_FAILED', issues[0]?.message ?? 'invalid results', { issues });
  const record: RevealRecord = {
    caseId: c.caseId,
    version: c.protocolVersion,
    lab,
    salt: input.salt,
    results: input.results,
    revealed: ctx.stamp(),
  };
  await ctx.store.put(key, record);
  ctx.emit('verification.revealed', { kind: 'verification', id: c.caseId }, { lab });
  const previous = await ctx.store.list<RevealRecord>(
    VERIFICATION_KEYS.reveal,
    resultScan(c.caseId, c.protocolVersion),
  );
  const reveals = [...previous.map((e) => e.value), record];
  if (
    outstanding(
      c.labs,
      reveals.map((r) => r.lab),
    ).length > 0
  )
    return c;
  const evaluated = await evaluateCase(ctx, { ...c, state: advance(c, 'EVALUATE') }, protocol, reveals);
  await saveCase(ctx, evaluated);
  return evaluated;
}
