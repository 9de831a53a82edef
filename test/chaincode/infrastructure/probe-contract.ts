/**
 * A contract that exists only to exercise the base contract, the context and the harness
 * without depending on any alliance contract.
 */
import { AllianceContract } from '@alliance/chaincode/contracts/base';
import type { AllianceContext } from '@alliance/chaincode/contracts/context';
import { memberKey } from '@alliance/chaincode/ledger/governance-keys';
import {
  AllianceError,
  identifier,
  orgRole,
  parserFor,
  z,
  type MemberRecord,
} from '@alliance/chaincode/model';
import { ANY_ORG } from '@alliance/chaincode/rules/roles';

const seedInput = parserFor(
  z.strictObject({
    members: z.array(z.strictObject({ mspId: z.string(), roles: z.array(orgRole), suspended: z.boolean() })),
  }),
);
const putInput = parserFor(z.strictObject({ key: identifier, value: z.string() }));
const putSequenceInput = parserFor(
  z.strictObject({ key: identifier, values: z.array(z.string()), reason: z.string().optional() }),
);

/** Test-only contract `probe`. */
export class ProbeContract extends AllianceContract {
  constructor() {
    super('probe', {
      Seed: { org: ['PLATFORM'], bootstrap: true },
      Put: { org: ['LAB'], user: ['analyst'] },
      PutAndFail: { org: ['LAB'] },
      Crash: { org: ANY_ORG },
      Whoami: { org: ANY_ORG, evaluate: true },
      Scan: { org: ANY_ORG, evaluate: true },
      History: { org: ANY_ORG, evaluate: true },
      Own: { org: ANY_ORG },
      PutSequence: { org: ANY_ORG },
      ForgeTrail: { org: ANY_ORG },
    });
  }

  /** Writes member records directly (stands in for the bootstrap). */
  async Seed(ctx: AllianceContext): Promise<void> {
    for (const m of ctx.input(seedInput).members) {
      const record: MemberRecord = {
        mspId: m.mspId,
        name: m.mspId,
        roles: m.roles,
        status: m.suspended ? 'SUSPENDED' : 'ACTIVE',
        version: 1,
        created: ctx.stamp(),
        updated: ctx.stamp(),
      };
      await ctx.store.put(memberKey(ctx.store, m.mspId), record);
    }
  }

  /** Puts a composite key `item`+[key], emits twice, and returns what a read-back sees. */
  async Put(ctx: AllianceContext): Promise<string> {
    const { key, value } = ctx.input(putInput);
    const k = ctx.store.key('item', [key]);
    await ctx.store.put(k, { value });
    ctx.emit('item.put', { kind: 'item', id: key }, { value });
    ctx.emit('item.seen', { kind: 'item', id: key }, {});
    const readBack = await ctx.store.get<{ value: string }>(k);
    return JSON.stringify({ readBack: readBack?.value ?? null });
  }

  /** Writes, emits, then refuses: nothing may survive. */
  async PutAndFail(ctx: AllianceContext): Promise<void> {
    await ctx.store.put(ctx.store.key('item', ['doomed']), { value: 'x' });
    ctx.emit('item.put', { kind: 'item', id: 'doomed' }, {});
    throw new AllianceError('INVALID_STATE', 'refused on purpose', { details: { why: 'test' } });
  }

  /** Fails with a non-alliance error carrying a secret. */
  Crash(_ctx: AllianceContext): Promise<void> {
    return Promise.reject(new Error('secret internal detail at /srv/chaincode'));
  }

  /** Who the context thinks the caller is, and the ledger time. */
  Whoami(ctx: AllianceContext): Promise<string> {
    return Promise.resolve(JSON.stringify({ caller: ctx.caller, now: ctx.now, txId: ctx.txId }));
  }

  /** Every `item` entry in key order. */
  async Scan(ctx: AllianceContext): Promise<string> {
    const entries = await ctx.store.list<{ value: string }>('item', []);
    return JSON.stringify(entries.map((e) => ({ attrs: e.attrs, value: e.value.value })));
  }

  /** History of item `key`. */
  async History(ctx: AllianceContext): Promise<string> {
    const { key } = ctx.input(parserFor(z.strictObject({ key: identifier })));
    return JSON.stringify(await ctx.store.history(ctx.store.key('item', [key])));
  }

  /** Sets a 2-of-3 key-level policy on item `key`, returning the policy read in the same tx. */
  async Own(ctx: AllianceContext): Promise<string> {
    const { key } = ctx.input(parserFor(z.strictObject({ key: identifier })));
    const k = ctx.store.key('item', [key]);
    await ctx.store.put(k, { value: 'owned' });
    await ctx.store.setOwners(k, ['LabMSP', 'BrandMSP', 'VerifierMSP'], 2);
    return JSON.stringify({ before: await ctx.store.owners(k) });
  }

  /** Puts the values one after the other under item `key` (the last one is what commits). */
  async PutSequence(ctx: AllianceContext): Promise<void> {
    const { key, values } = ctx.input(putSequenceInput);
    for (const value of values) await ctx.store.put(ctx.store.key('item', [key]), { value });
  }

  /** Tries to write an audit-trail entry of its own through the store. */
  async ForgeTrail(ctx: AllianceContext): Promise<void> {
    await ctx.store.put(ctx.store.key('audit~change', ['item', 'a', ctx.now, ctx.txId]), { forged: true });
  }

  /** A method the access table does not list. */
  Unlisted(_ctx: AllianceContext): Promise<void> {
    return Promise.resolve();
  }
}
