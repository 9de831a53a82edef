import { peer } from '@hyperledger/fabric-protos';
import type { Signer } from '../identity';

/** What a simulation produced, ready to be put into a proposal response. */
export interface SimulationOutcome {
  response: peer.Response;
  /** rwset.TxReadWriteSet bytes (empty for qscc/cscc, which run without a simulator). */
  rwset: Uint8Array;
  event?: peer.ChaincodeEvent;
}

/** ProposalResponsePayload{proposal_hash, extension = ChaincodeAction{results, events, response, chaincode_id}} bytes. */
export function proposalResponsePayload(
  proposalHash: Uint8Array,
  outcome: SimulationOutcome,
  chaincode: { name: string; version: string },
): Uint8Array {
  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(chaincode.name);
  chaincodeId.setVersion(chaincode.version);
  const action = new peer.ChaincodeAction();
  action.setResults(outcome.rwset);
  if (outcome.event) action.setEvents(outcome.event.serializeBinary());
  action.setResponse(outcome.response);
  action.setChaincodeId(chaincodeId);
  const payload = new peer.ProposalResponsePayload();
  payload.setProposalHash(proposalHash);
  payload.setExtension$(action.serializeBinary());
  return payload.serializeBinary();
}

/**
 * The proposal response for a simulated proposal, classed as Fabric's endorser does: status
 * >= 500 carries the payload but no endorsement; 400..499 carries neither; below 400 the payload
 * is endorsed by signing payload || endorser with the peer's key.
 */
export function proposalResponse(
  outcome: SimulationOutcome,
  prpBytes: Uint8Array,
  signer: Signer,
): peer.ProposalResponse {
  const result = new peer.ProposalResponse();
  result.setResponse(outcome.response);
  const status = outcome.response.getStatus();
  if (status >= 500) {
    result.setPayload(prpBytes);
    return result;
  }
  if (status >= 400) return result;
  const endorsement = new peer.Endorsement();
  endorsement.setEndorser(signer.serialized);
  endorsement.setSignature(signer.sign(Buffer.concat([prpBytes, signer.serialized])));
  result.setVersion(1);
  result.setPayload(prpBytes);
  result.setEndorsement(endorsement);
  return result;
}
