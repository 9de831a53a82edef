import type { peer } from '@hyperledger/fabric-protos';
import { aclFailure } from '../system';
import { runAuthFilters, validateProposal, verifyProposalSignatureAhead } from './checks';
import { peerFailure, rejected } from './errors';
import { proposalResponse, proposalResponsePayload } from './response';
import { SimulationFailure, SYSTEM_CHAINCODES } from './chaincode-info';
import { simulate } from './simulate';
import type { Endorser, EndorserDeps } from './types';
import { unpackProposal, type UnpackedProposal } from './unpack';

/** Creates the endorser of one channel on one peer. */
export function createEndorser(deps: EndorserDeps): Endorser {
  let inFlight = 0;
  return {
    processProposal: async (sp) => {
      inFlight++;
      try {
        // A lone proposal verifies at once; concurrent ones hand their checks to the thread pool.
        return await processProposal(sp, deps, inFlight > 1);
      } finally {
        inFlight--;
      }
    },
  };
}

async function processProposal(
  sp: peer.SignedProposal,
  deps: EndorserDeps,
  concurrent: boolean,
): Promise<peer.ProposalResponse> {
  const up = unpackProposal(sp);
  runAuthFilters(up, deps.timeWindowMs, (deps.now ?? Date.now)());
  const channelId = up.channelHeader.getChannelId();
  if (channelId !== deps.channelId) return peerFailure(`channel '${channelId}' not found`);
  const channel = deps.channel();
  if (concurrent) await verifyProposalSignatureAhead(up, channel);
  validateProposal(up, channel);
  preProcess(up, deps);
  try {
    const { outcome, version } = await simulate(up, deps, channel);
    const prp = proposalResponsePayload(up.proposalHash, outcome, { name: up.chaincodeName, version });
    return proposalResponse(outcome, prp, deps.signer);
  } catch (err) {
    if (err instanceof SimulationFailure) return peerFailure(err.message);
    throw err;
  }
}

/** Uniqueness of the tx id against the ledger, then the channel's peer/Propose ACL for user chaincodes. */
function preProcess(up: UnpackedProposal, deps: EndorserDeps): void {
  const txId = up.channelHeader.getTxId();
  const creator = up.signatureHeader.getCreator_asU8();
  if (deps.ledger.getTx(txId)) {
    throw rejected(
      `duplicate transaction found [${txId}]. Creator [${Buffer.from(creator).toString('hex')}]`,
    );
  }
  // System chaincodes check their own ACLs.
  if (SYSTEM_CHAINCODES.has(up.chaincodeName)) return;
  const denied = aclFailure('peer/Propose', deps.channel(), up.signedProposal, creator);
  if (denied) throw rejected(denied);
}
