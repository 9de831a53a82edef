import type { common, peer } from '@hyperledger/fabric-protos';
import type { EndorsingPeer, GatewayBackend } from './backend';
import { askEndorser, type EndorserOutcome } from './outcome';
import { chooseEndorsingOrgs } from './plan';
import { chaincodeRequirement } from './requirements';

/**
 * The endorsement requests of one Endorse call: each peer is asked at most once, and a request
 * made early is reused when the plan later needs that peer.
 */
export class EndorsementRequests {
  readonly #asked = new Map<EndorsingPeer, Promise<EndorserOutcome>>();

  constructor(
    private readonly signed: peer.SignedProposal,
    private readonly local: EndorsingPeer,
  ) {}

  /** The outcome of asking `target` (the request already made, if any). */
  ask(target: EndorsingPeer): Promise<EndorserOutcome> {
    let outcome = this.#asked.get(target);
    if (!outcome) {
      outcome = askEndorser(target, this.signed, target === this.local);
      this.#asked.set(target, outcome);
    }
    return outcome;
  }
}

/** Plans by chaincode policy, per channel config (a config update brings a new object). */
const plansByConfig = new WeakMap<common.Config, Map<string, string[]>>();

/**
 * The other orgs' peers that the invoked chaincode's own policy needs beside the local org, asked
 * while the local peer endorses so the two simulations overlap. The plan proper is still made
 * from the first endorsement's writes (key-level policies): a speculative endorsement the plan
 * does not need is simply not used, and a plan needing others asks them afterwards.
 * @param peers the local peer and the other orgs' peers, as the Endorse call sees them
 */
export function speculativeEndorsers(
  backend: GatewayBackend,
  chaincodeName: string,
  peers: readonly EndorsingPeer[],
): EndorsingPeer[] {
  const sources = backend.policySources();
  const policy = sources.chaincodePolicy(chaincodeName);
  if (!policy) return [];
  let plans = plansByConfig.get(sources.config);
  if (!plans) {
    plans = new Map();
    plansByConfig.set(sources.config, plans);
  }
  const key = `${chaincodeName}\u0000${Buffer.from(policy).toString('base64')}`;
  let orgs = plans.get(key);
  if (!orgs) {
    const local = backend.local.mspId;
    orgs =
      chooseEndorsingOrgs(
        [chaincodeRequirement(chaincodeName, sources)],
        peers.map((p) => p.mspId),
        [local],
      )?.filter((org) => org !== local) ?? [];
    plans.set(key, orgs);
  }
  return peers.filter((p) => p !== backend.local && orgs.includes(p.mspId));
}
