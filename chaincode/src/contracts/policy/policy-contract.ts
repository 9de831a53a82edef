/** Contract `policy`: the alliance's versioned policy document (the bracketed parameters of §8). */
import { z } from 'zod';
import { canonicalJson } from '../../ledger/json';
import { policyAmendment } from '../../model/policy';
import { parserFor } from '../../model/validate';
import { POLICY_ACCESS } from '../../rules/roles';
import { AllianceContract } from '../base';
import type { AllianceContext } from '../context';
import { amendPolicy, policyHistory, policyVersion } from './amendments';

const parseGetPolicy = parserFor(z.strictObject({ version: z.number().int().min(1).optional() }));
const parseAmendment = parserFor(policyAmendment);

/** The `policy` contract. */
export class PolicyContract extends AllianceContract {
  constructor() {
    super('policy', POLICY_ACCESS);
  }

  /** The version in force (no argument or `{}`), or `{version}`. */
  async GetPolicy(ctx: AllianceContext): Promise<string> {
    const { version } = ctx.optionalInput(parseGetPolicy, {});
    return canonicalJson(version === undefined ? await ctx.policy() : await policyVersion(ctx, version));
  }

  /** Every version, oldest first. */
  async PolicyHistory(ctx: AllianceContext): Promise<string> {
    ctx.expectNoInput();
    return canonicalJson(await policyHistory(ctx));
  }

  /** Adopts a new version: `{changes: {<parameter>: value, ...}, reason}`. */
  async AmendPolicy(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await amendPolicy(ctx, ctx.input(parseAmendment)));
  }
}
