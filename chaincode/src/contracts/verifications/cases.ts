/**
 * Verification cases and their protocol (rules 28-29): opened by the requesting brand, approved
 * with e-signatures by every participating lab and the brand, frozen on approval (a change makes a
 * new version that needs approving again), then samples are dispatched.
 */
import { recordHash } from '../../rules/signatures';
import { nextVerificationState, type VerificationEvent } from '../../rules/supply/verification-state';
import { AllianceError } from '../../model/errors';
import type {
  ApprovalRecord,
  ProtocolInput,
  ProtocolRecord,
  VerificationCaseRecord,
} from '../../model/supply/verification';
import type { AllianceContext } from '../context';
import { lotKey } from '../lots/keys';
import { approvalKey, approvalScan, caseKey, protocolKey, VERIFICATION_KEYS } from './keys';

/** The case `caseId`. @throws AllianceError NOT_FOUND */
export function loadCase(ctx: AllianceContext, caseId: string): Promise<VerificationCaseRecord> {
  return ctx.store.mustGet<VerificationCaseRecord>(
    caseKey(ctx.store, caseId),
    'NOT_FOUND',
    `verification case ${caseId}`,
  );
}

/** The protocol version the case is on. */
export function loadProtocol(ctx: AllianceContext, c: VerificationCaseRecord): Promise<ProtocolRecord> {
  return ctx.store.mustGet<ProtocolRecord>(
    protocolKey(ctx.store, c.caseId, c.protocolVersion),
    'NOT_FOUND',
    'protocol',
  );
}

/** The case after `event`. @throws AllianceError INVALID_STATE */
export function advance(
  c: VerificationCaseRecord,
  event: VerificationEvent,
): VerificationCaseRecord['state'] {
  const next = nextVerificationState(c.state, event);
  if (next === undefined) {
    throw new AllianceError('INVALID_STATE', `case ${c.caseId} is ${c.state}: ${event} is not allowed`, {
      details: { caseId: c.caseId, state: c.state, event },
    });
  }
  return next;
}

/** Writes the case after a change by the caller. */
export async function saveCase(ctx: AllianceContext, c: VerificationCaseRecord): Promise<void> {
  await ctx.store.put(caseKey(ctx.store, c.caseId), { ...c, updated: ctx.stamp() });
}

/** @throws AllianceError NOT_OWNER unless the caller is the requesting brand. */
export function requireRequester(ctx: AllianceContext, c: VerificationCaseRecord): void {
  if (ctx.caller.mspId !== c.requester)
    throw new AllianceError('NOT_OWNER', `only ${c.requester} manages case ${c.caseId}`);
}

/** Stores a protocol version after checking its labs and test items exist. */
async function storeProtocol(
  ctx: AllianceContext,
  input: ProtocolInput,
  version: number,
): Promise<{ hash: string; verifier: string }> {
  let verifier: string | undefined;
  for (const lab of input.protocol.labs) {
    const member = await ctx.member(lab.mspId);
    if (member?.status !== 'ACTIVE' || !(member.roles.includes('LAB') || member.roles.includes('VERIFIER'))) {
      throw new AllianceError('VALIDATION_FAILED', `${lab.mspId} is not an active lab`, {
        issues: [{ path: 'protocol.labs', message: `${lab.mspId} is not an active lab` }],
      });
    }
    if (verifier === undefined && member.roles.includes('VERIFIER')) verifier = lab.mspId;
  }
  if (verifier === undefined) {
    throw new AllianceError('VALIDATION_FAILED', 'a verification needs a VERIFIER lab', {
      issues: [{ path: 'protocol.labs', message: 'must include a VERIFIER lab' }],
    });
  }
  for (const item of input.protocol.testItems) {
    if (!(await ctx.store.exists(lotKey(ctx.store, item.lotId)))) {
      throw new AllianceError('LOT_NOT_FOUND', `no lot ${item.lotId}`, { details: { lotId: item.lotId } });
    }
  }
  const hash = recordHash(input.protocol);
  const record: ProtocolRecord = {
    caseId: input.caseId,
    version,
    protocol: input.protocol,
    hash,
    recorded: ctx.stamp(),
  };
  await ctx.store.put(protocolKey(ctx.store, input.caseId, version), record);
  return { hash, verifier };
}

/** Opens a case with protocol version 1 in DRAFT; its key is owned by the verifier lab and the requester. */
export async function openCase(ctx: AllianceContext, input: ProtocolInput): Promise<VerificationCaseRecord> {
  const key = caseKey(ctx.store, input.caseId);
  if (await ctx.store.exists(key)) throw new AllianceError('ALREADY_EXISTS', `case ${input.caseId} exists`);
  const { hash, verifier } = await storeProtocol(ctx, input, 1);
  const requester = ctx.caller.mspId;
  const c: VerificationCaseRecord = {
    caseId: input.caseId,
    requester,
    verifier,
    labs: input.protocol.labs.map((l) => l.mspId),
    protocolVersion: 1,
    protocolHash: hash,
    state: 'DRAFT',
    created: ctx.stamp(),
    updated: ctx.stamp(),
  };
  await ctx.store.put(key, c);
  await ctx.store.setOwners(key, [...new Set([verifier, requester])]);
  ctx.emit(
    'verification.opened',
    { kind: 'verification', id: c.caseId },
    { requester, verifier, labs: c.labs, protocolHash: hash },
  );
  return c;
}

/** A new protocol version (only before any results are committed); approvals start again. */
export async function reviseProtocol(
  ctx: AllianceContext,
  input: ProtocolInput,
): Promise<VerificationCaseRecord> {
  const c = await loadCase(ctx, input.caseId);
  requireRequester(ctx, c);
  if (!['DRAFT', 'APPROVED', 'SAMPLES_DISPATCHED'].includes(c.state)) {
    throw new AllianceError('INVALID_STATE', `case ${c.caseId} is ${c.state}: results are already sealed`);
  }
  const version = c.protocolVersion + 1;
  const { hash, verifier } = await storeProtocol(ctx, input, version);
  if (verifier !== c.verifier)
    throw new AllianceError('INVALID_STATE', 'a new version may not change the verifier lab');
  const revised: VerificationCaseRecord = {
    ...c,
    labs: input.protocol.labs.map((l) => l.mspId),
    protocolVersion: version,
    protocolHash: hash,
    state: 'DRAFT',
  };
  await saveCase(ctx, revised);
  ctx.emit(
    'verification.protocol_revised',
    { kind: 'verification', id: c.caseId },
    { version, protocolHash: hash },
  );
  return revised;
}

/** An approval e-signature by a participating lab or the brand; the last one approves (freezes) the protocol. */
export async function approveProtocol(ctx: AllianceContext, caseId: string): Promise<VerificationCaseRecord> {
  const c = await loadCase(ctx, caseId);
  const mspId = ctx.caller.mspId;
  const needed = [...c.labs, c.requester];
  if (!needed.includes(mspId))
    throw new AllianceError('NOT_OWNER', `${mspId} does not take part in case ${caseId}`);
  advance(c, 'APPROVE');
  const key = approvalKey(ctx.store, caseId, c.protocolVersion, mspId);
  if (await ctx.store.exists(key))
    throw new AllianceError('ALREADY_EXISTS', `${mspId} already approved version ${c.protocolVersion}`);
  const approval: ApprovalRecord = {
    caseId,
    version: c.protocolVersion,
    mspId,
    signature: ctx.sign('APPROVAL', c.protocolHash),
  };
  await ctx.store.put(key, approval);
  const approved = new Set(
    (
      await ctx.store.list<ApprovalRecord>(
        VERIFICATION_KEYS.approval,
        approvalScan(caseId, c.protocolVersion),
      )
    ).map((a) => a.value.mspId),
  );
  approved.add(mspId);
  ctx.emit(
    'verification.approval_signed',
    { kind: 'verification', id: caseId },
    { mspId, version: c.protocolVersion },
  );
  if (needed.every((m) => approved.has(m))) {
    const frozen: VerificationCaseRecord = { ...c, state: advance(c, 'APPROVE') };
    await saveCase(ctx, frozen);
    ctx.emit(
      'verification.approved',
      { kind: 'verification', id: caseId },
      { version: c.protocolVersion, protocolHash: c.protocolHash },
    );
    return frozen;
  }
  return c;
}

/** The brand dispatches the samples: APPROVED -> SAMPLES_DISPATCHED. */
export async function dispatchSamples(ctx: AllianceContext, caseId: string): Promise<VerificationCaseRecord> {
  const c = await loadCase(ctx, caseId);
  requireRequester(ctx, c);
  const dispatched: VerificationCaseRecord = { ...c, state: advance(c, 'DISPATCH') };
  await saveCase(ctx, dispatched);
  ctx.emit('verification.samples_dispatched', { kind: 'verification', id: caseId }, {});
  return dispatched;
}
