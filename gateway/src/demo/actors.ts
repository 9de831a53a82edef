/**
 * The people of the story, each connected with their own org's identity from the profile: the
 * chaincode sees who signs, so roles and segregation of duties are checked for real.
 */
import type { NetworkProfile } from '../connect/profile';
import { connectAllianceClient, type AllianceClient } from '../contracts/alliance-client';

/** Every identity the demo acts as (`org/user` in the profile). */
export const DEMO_IDENTITIES = {
  registrar: 'platform/Admin',
  auditor: 'platform/auditor',
  supplier: 'supplier/User1',
  brandUser: 'brand/User1',
  brandAdmin: 'brand/Admin',
  brandApprover: 'brand/approver',
  labAdmin: 'lab/Admin',
  labAnalyst: 'lab/analyst',
  labReviewer: 'lab/reviewer',
  labApprover: 'lab/approver',
  verifierAnalyst: 'verifier/analyst',
  verifierApprover: 'verifier/approver',
} as const;

/** A role in the story. */
export type Actor = keyof typeof DEMO_IDENTITIES;

/** The connected actors; closing closes every connection. */
export interface Actors extends Disposable {
  /** The client of an actor (connected on first use). */
  client(actor: Actor): AllianceClient;
  /** The identity name an actor signs as. */
  name(actor: Actor): string;
  close(): void;
}

/** Connects the story's actors lazily through `profile`. */
export function connectActors(profile: NetworkProfile | string): Actors {
  const open = new Map<Actor, AllianceClient>();
  const close = (): void => {
    for (const c of open.values()) c.close();
    open.clear();
  };
  return {
    client: (actor) => {
      let c = open.get(actor);
      if (!c) {
        c = connectAllianceClient({ profile, identity: DEMO_IDENTITIES[actor] });
        open.set(actor, c);
      }
      return c;
    },
    name: (actor) => DEMO_IDENTITIES[actor],
    close,
    [Symbol.dispose]: close,
  };
}
