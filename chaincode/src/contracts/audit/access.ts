/**
 * Who may call the `audit` contract. Any active member may ask; the transaction then lets only
 * the record's readers through (see `trail.ts`), which the table cannot express.
 */
import { ANY_ORG, type AccessTable } from '../../rules/roles';

/** The `audit` contract's access table. */
export const AUDIT_ACCESS: AccessTable = {
  GetAuditTrail: { org: ANY_ORG, evaluate: true },
};
