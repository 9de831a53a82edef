/**
 * Writing lab records: a new record gets a key-level policy naming the issuing lab; an existing
 * one may only be changed by its owner. Shared by the instruments, calibrations, runs and
 * reports contracts.
 */
import { AllianceError } from '../model/errors';
import type { AllianceContext } from './context';

/**
 * Writes a new lab record and names the calling lab as the key's only endorser.
 * @throws AllianceError ALREADY_EXISTS when the key holds a record.
 */
export async function createOwned(
  ctx: AllianceContext,
  key: string,
  what: string,
  value: unknown,
): Promise<void> {
  if (await ctx.store.exists(key)) {
    throw new AllianceError('ALREADY_EXISTS', `${what} already exists`, { details: { what } });
  }
  await ctx.store.put(key, value);
  await ctx.store.setOwners(key, [ctx.caller.mspId]);
}

/**
 * Refuses a change by anyone but the owning lab (rule 1: only the owning org changes its own
 * records).
 * @throws AllianceError NOT_OWNER
 */
export function requireOwner(ctx: AllianceContext, ownerMspId: string, what: string): void {
  if (ctx.caller.mspId !== ownerMspId) {
    throw new AllianceError('NOT_OWNER', `${what} belongs to ${ownerMspId}`, {
      details: { what, owner: ownerMspId, caller: ctx.caller.mspId },
    });
  }
}
