/**
 * Audit-trail stamps (domain reference §2.6): who acted (user id linked to a printed name and
 * organisation), when (ledger time) and, for corrections, why. Every record carries the stamp of
 * its creation and of its latest change; older versions stay in the key's history.
 */

/** The identity that performed an action. */
export interface Actor {
  mspId: string;
  /** Unique user id within the MSP (X.509 subject and issuer). */
  userId: string;
  /** Certificate common name. */
  printedName: string;
}

/** Who did something, when, and (for changes) why. */
export interface AuditStamp {
  by: Actor;
  /** Ledger time, ISO 8601 UTC. */
  at: string;
  /** The stated reason; mandatory for corrections and governance changes. */
  reason?: string;
}
