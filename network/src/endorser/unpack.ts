import { createHash } from 'node:crypto';
import { common, peer } from '@hyperledger/fabric-protos';
import { rejected } from './errors';

/** A decoded proposal, keeping the received bytes that are hashed and signed. */
export interface UnpackedProposal {
  signedProposal: peer.SignedProposal;
  channelHeader: common.ChannelHeader;
  signatureHeader: common.SignatureHeader;
  chaincodeName: string;
  /** ChaincodeInput bytes as the proposal carries them. */
  input: peer.ChaincodeInput;
  inputBytes: Uint8Array;
  /** SHA-256(channel header bytes || signature header bytes || ChaincodeProposalPayload without transient). */
  proposalHash: Uint8Array;
}

function decode<T>(what: string, bytes: Uint8Array, parse: (b: Uint8Array) => T): T {
  try {
    return parse(bytes);
  } catch (err) {
    throw rejected(`error unmarshalling ${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Decodes a SignedProposal as Fabric's UnpackProposal does; failures are refused proposals. */
export function unpackProposal(sp: peer.SignedProposal): UnpackedProposal {
  const proposal = decode('Proposal', sp.getProposalBytes_asU8(), (b) => peer.Proposal.deserializeBinary(b));
  const header = decode('Header', proposal.getHeader_asU8(), (b) => common.Header.deserializeBinary(b));
  const channelHeaderBytes = header.getChannelHeader_asU8();
  const signatureHeaderBytes = header.getSignatureHeader_asU8();
  const channelHeader = decode('ChannelHeader', channelHeaderBytes, (b) =>
    common.ChannelHeader.deserializeBinary(b),
  );
  const signatureHeader = decode('SignatureHeader', signatureHeaderBytes, (b) =>
    common.SignatureHeader.deserializeBinary(b),
  );
  const extension = decode('ChaincodeHeaderExtension', channelHeader.getExtension_asU8(), (b) =>
    peer.ChaincodeHeaderExtension.deserializeBinary(b),
  );
  const chaincodeId = extension.getChaincodeId();
  if (!chaincodeId) throw rejected('ChaincodeHeaderExtension.ChaincodeId is nil');
  if (chaincodeId.getName() === '') throw rejected('ChaincodeHeaderExtension.ChaincodeId.Name is empty');
  const payload = decode('ChaincodeProposalPayload', proposal.getPayload_asU8(), (b) =>
    peer.ChaincodeProposalPayload.deserializeBinary(b),
  );
  const invocation = decode('ChaincodeInvocationSpec', payload.getInput_asU8(), (b) =>
    peer.ChaincodeInvocationSpec.deserializeBinary(b),
  );
  const spec = invocation.getChaincodeSpec();
  if (!spec) throw rejected('chaincode invocation spec did not contain chaincode spec');
  const input = spec.getInput();
  if (!input) throw rejected('chaincode input did not contain any input');

  // The hash covers the payload without its transient map: only field 1 re-encoded.
  const withoutTransient = new peer.ChaincodeProposalPayload();
  withoutTransient.setInput(payload.getInput_asU8());
  const proposalHash = createHash('sha256')
    .update(channelHeaderBytes)
    .update(signatureHeaderBytes)
    .update(withoutTransient.serializeBinary())
    .digest();
  return {
    signedProposal: sp,
    channelHeader,
    signatureHeader,
    chaincodeName: chaincodeId.getName(),
    input,
    inputBytes: input.serializeBinary(),
    proposalHash,
  };
}
