/** Contract `audit`: reading the audit trail of any record (rule 3). */
import { canonicalJson } from '../../ledger/json';
import { parseAuditTrailInput } from '../../model/audit';
import { AllianceContract } from '../base';
import type { AllianceContext } from '../context';
import { AUDIT_ACCESS } from './access';
import { auditTrailOf } from './trail';

/** The `audit` contract. */
export class AuditContract extends AllianceContract {
  constructor() {
    super('audit', AUDIT_ACCESS);
  }

  /**
   * Every change of one record, oldest first: `{objectType, attributes}` for a composite key
   * (`{"objectType":"lot","attributes":["09506000134352.VEB3"]}`) or `{key}` for a plain one.
   */
  async GetAuditTrail(ctx: AllianceContext): Promise<string> {
    return canonicalJson(await auditTrailOf(ctx, ctx.input(parseAuditTrailInput)));
  }
}
