/** Contract `verdicts`: the verdict on a lot or batch, and the supplier badges (8.9). */
import { canonicalJson } from '../../ledger/json';
import { parseBadgeInput, parseVerdictInput, type BadgeRecord } from '../../model/supply/verdict';
import { VERDICTS_ACCESS } from '../../rules/supply/roles';
import { AllianceContract } from '../base';
import type { AllianceContext } from '../context';
import { assessSupplierBadge, badgeKey } from './badge';
import { verdictFor } from './verdict';

/** The `verdicts` contract. */
export class VerdictsContract extends AllianceContract {
  constructor() {
    super('verdicts', VERDICTS_ACCESS);
  }

  /** Whether a lot or batch is releasable and trusted, with every reason and the evidence ids. */
  async GetVerdict(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await verdictFor(ctx, ctx.input(parseVerdictInput).lotId));
  }

  /** Re-judges a supplier's badge for a material (rules 36-37); records and announces a change. */
  async AssessBadge(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await assessSupplierBadge(ctx, ctx.input(parseBadgeInput)));
  }

  /** The recorded badge of a supplier and material (`null` when never assessed). */
  async GetBadge(ctx: AllianceContext): Promise<string> {
    const input = ctx.input(parseBadgeInput);
    return canonicalJson(
      (await ctx.store.get<BadgeRecord>(badgeKey(ctx.store, input.supplier, input.gtin))) ?? null,
    );
  }
}
