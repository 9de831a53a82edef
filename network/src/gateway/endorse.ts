import { status as GrpcStatus } from '@grpc/grpc-js';
import { gateway, type peer } from '@hyperledger/fabric-protos';
import { RpcError, type ErrorDetail } from '../grpc/status';
import type { EndorsingPeer, GatewayBackend } from './backend';
import { chooseEndorsingOrgs } from './plan';
import { chaincodeAction, prepareTransaction, unpackProposal, type UnpackedProposal } from './proposal';
import { endorsementRequirements } from './requirements';
import { EndorsementRequests, speculativeEndorsers } from './speculation';

const FIRST_FAILED = 'failed to endorse transaction, see attached details for more info';
const COLLECT_FAILED =
  'failed to collect enough transaction endorsements, see attached details for more info';

/**
 * Gateway.Endorse: endorses on a first peer (the local org unless orgs were named), plans the
 * other orgs the chaincode and key-level policies of the written keys need, collects their
 * endorsements (re-planning around failed orgs), requires byte-identical response payloads,
 * and returns the prepared transaction.
 */
export async function endorse(
  backend: GatewayBackend,
  request: gateway.EndorseRequest,
): Promise<gateway.EndorseResponse> {
  const proposal = unpackProposal(request.getProposedTransaction());
  if (proposal.channelId !== backend.channelId) {
    throw new RpcError(
      GrpcStatus.FAILED_PRECONDITION,
      `no endorsers available for channel ${proposal.channelId}`,
    );
  }
  const named = request.getEndorsingOrganizationsList();
  const peers = [backend.local, ...backend.remotes];
  const candidates =
    named.length > 0
      ? named.map((org) => peerOf(peers, org))
      : proposal.hasTransient
        ? [backend.local]
        : peers;
  const requests = new EndorsementRequests(proposal.signed, backend.local);
  if (named.length === 0 && !proposal.hasTransient) {
    // The chaincode policy's other orgs simulate while the local peer does (latency of one
    // endorsement, not two); the plan below still decides which endorsements are used.
    for (const target of speculativeEndorsers(backend, proposal.chaincodeName, peers))
      void requests.ask(target);
  }
  const first = await firstEndorsement(requests, candidates);
  const endorsements = new Map<string, peer.ProposalResponse>([[first.mspId, first.response]]);
  const details: ErrorDetail[] = [];
  if (named.length > 0) {
    await collect(
      requests,
      candidates.filter((p) => p !== first.peer),
      endorsements,
      details,
    );
    if (endorsements.size < candidates.length)
      throw new RpcError(GrpcStatus.ABORTED, COLLECT_FAILED, details);
  } else {
    await collectPlanned(backend, proposal, requests, first, peers, endorsements, details);
  }
  const prp = first.response.getPayload_asU8();
  const signatures = [...endorsements.values()]
    .map((r) => r.getEndorsement())
    .filter((e): e is peer.Endorsement => e !== undefined);
  const out = new gateway.EndorseResponse();
  out.setPreparedTransaction(prepareTransaction(proposal, prp, signatures));
  return out;
}

interface FirstEndorsement {
  readonly peer: EndorsingPeer;
  readonly mspId: string;
  readonly response: peer.ProposalResponse;
}

async function firstEndorsement(
  requests: EndorsementRequests,
  candidates: readonly EndorsingPeer[],
): Promise<FirstEndorsement> {
  const details: ErrorDetail[] = [];
  for (const target of candidates) {
    const outcome = await requests.ask(target);
    if (outcome.kind === 'endorsed') return { peer: target, mspId: target.mspId, response: outcome.response };
    details.push(outcome.detail);
    if (outcome.kind !== 'peer-failure' && outcome.kind !== 'unreachable') break;
  }
  throw new RpcError(GrpcStatus.ABORTED, FIRST_FAILED, details);
}

async function collectPlanned(
  backend: GatewayBackend,
  proposal: UnpackedProposal,
  requests: EndorsementRequests,
  first: FirstEndorsement,
  peers: readonly EndorsingPeer[],
  endorsements: Map<string, peer.ProposalResponse>,
  details: ErrorDetail[],
): Promise<void> {
  const rwset = chaincodeAction(first.response.getPayload_asU8()).getResults_asU8();
  const requirements = endorsementRequirements(proposal.chaincodeName, rwset, backend.policySources());
  const failed = new Set<string>();
  for (;;) {
    const usable = peers.filter((p) => !failed.has(p.mspId)).map((p) => p.mspId);
    const plan = chooseEndorsingOrgs(
      requirements,
      [first.mspId, ...usable.filter((m) => m !== first.mspId)],
      [...endorsements.keys()],
    );
    if (!plan) {
      const unmet = requirements
        .filter((r) => !r.satisfiedBy([...endorsements.keys()]))
        .map((r) => r.description);
      details.push({
        address: first.peer.address,
        mspId: first.mspId,
        message: `no combination of available organizations satisfies: ${unmet.join('; ')}`,
      });
      throw new RpcError(GrpcStatus.ABORTED, COLLECT_FAILED, details);
    }
    const missing = plan.filter((org) => !endorsements.has(org)).map((org) => peerOf(peers, org));
    if (missing.length === 0) return;
    // Each round either adds endorsements or rules orgs out, so the loop ends.
    await collect(requests, missing, endorsements, details);
    for (const target of missing) if (!endorsements.has(target.mspId)) failed.add(target.mspId);
  }
}

/** Asks `targets` in parallel; keeps endorsements whose payload equals the first one's. */
async function collect(
  requests: EndorsementRequests,
  targets: readonly EndorsingPeer[],
  endorsements: Map<string, peer.ProposalResponse>,
  details: ErrorDetail[],
): Promise<void> {
  const reference = [...endorsements.values()][0]?.getPayload_asU8() ?? new Uint8Array();
  const outcomes = await Promise.all(targets.map((t) => requests.ask(t)));
  outcomes.forEach((outcome, i) => {
    const target = targets[i] as EndorsingPeer;
    if (outcome.kind !== 'endorsed') {
      details.push(outcome.detail);
    } else if (!Buffer.from(outcome.response.getPayload_asU8()).equals(reference)) {
      details.push({
        address: target.address,
        mspId: target.mspId,
        message: 'ProposalResponsePayloads do not match',
      });
    } else {
      endorsements.set(target.mspId, outcome.response);
    }
  });
}

function peerOf(peers: readonly EndorsingPeer[], mspId: string): EndorsingPeer {
  const found = peers.find((p) => p.mspId === mspId);
  if (!found)
    throw new RpcError(GrpcStatus.UNAVAILABLE, `no endorsing peers found for organization ${mspId}`);
  return found;
}
