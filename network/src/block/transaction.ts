import { common, peer } from '@hyperledger/fabric-protos';
import { decodeOr, parseEnvelope, type ParsedEnvelope } from './envelope';
import { TxParseError } from './errors';
import { sha256 } from './hash';
import { decodeRwset, type NamespaceRwset } from './rwset';

const Code = peer.TxValidationCode;

/** The endorsed part of an ENDORSER_TRANSACTION, with the byte strings that signatures and hashes cover. */
export interface EndorserTransactionStructure extends ParsedEnvelope {
  readonly transaction: peer.Transaction;
  /** The action's SignatureHeader bytes (part of the proposal hash). */
  readonly actionHeaderBytes: Uint8Array;
  readonly chaincodeActionPayload: peer.ChaincodeActionPayload;
  /** `ChaincodeActionPayload.chaincode_proposal_payload` as received. */
  readonly chaincodeProposalPayloadBytes: Uint8Array;
  /** The ProposalResponsePayload bytes every endorser signed (with its own identity appended). */
  readonly proposalResponsePayloadBytes: Uint8Array;
  readonly proposalResponsePayload: peer.ProposalResponsePayload;
  readonly endorsements: peer.Endorsement[];
}

/** An ENDORSER_TRANSACTION fully parsed: structure plus the chaincode action, rwset and event. */
export interface ParsedEndorserTransaction extends EndorserTransactionStructure {
  readonly headerExtension: peer.ChaincodeHeaderExtension;
  /** Chaincode name the client invoked (channel header extension). */
  readonly chaincodeName: string;
  readonly chaincodeActionBytes: Uint8Array;
  readonly chaincodeAction: peer.ChaincodeAction;
  readonly rwsetBytes: Uint8Array;
  readonly rwset: NamespaceRwset[];
  readonly eventBytes: Uint8Array;
  readonly event: peer.ChaincodeEvent | undefined;
}

/**
 * Checks the transaction structure as msgvalidation.go `validateEndorserTransaction` does: one
 * action, a complete action header, and the proposal hash binding
 * `SHA-256(channel header || action header || chaincode proposal payload)`. Throws TxParseError
 * INVALID_ENDORSER_TRANSACTION.
 */
export function parseTransactionStructure(env: ParsedEnvelope): EndorserTransactionStructure {
  const invalid = Code.INVALID_ENDORSER_TRANSACTION;
  const transaction = decodeOr(invalid, 'transaction', () => peer.Transaction.deserializeBinary(env.data));
  const actions = transaction.getActionsList();
  const action = actions[0];
  if (actions.length !== 1 || !action) {
    throw new TxParseError(invalid, `only one action per transaction is supported, got ${actions.length}`);
  }
  const actionHeaderBytes = action.getHeader_asU8();
  const actionHeader = decodeOr(invalid, 'action header', () =>
    common.SignatureHeader.deserializeBinary(actionHeaderBytes),
  );
  if (actionHeader.getNonce_asU8().length === 0 || actionHeader.getCreator_asU8().length === 0) {
    throw new TxParseError(invalid, 'action header lacks nonce or creator');
  }
  const chaincodeActionPayload = decodeOr(invalid, 'chaincode action payload', () =>
    peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()),
  );
  const endorsed = chaincodeActionPayload.getAction();
  if (!endorsed) throw new TxParseError(invalid, 'chaincode action payload has no endorsed action');
  const proposalResponsePayloadBytes = endorsed.getProposalResponsePayload_asU8();
  const proposalResponsePayload = decodeOr(invalid, 'proposal response payload', () =>
    peer.ProposalResponsePayload.deserializeBinary(proposalResponsePayloadBytes),
  );
  const chaincodeProposalPayloadBytes = chaincodeActionPayload.getChaincodeProposalPayload_asU8();
  const proposalHash = sha256(env.channelHeaderBytes, actionHeaderBytes, chaincodeProposalPayloadBytes);
  if (!Buffer.from(proposalHash).equals(proposalResponsePayload.getProposalHash_asU8())) {
    throw new TxParseError(invalid, 'proposal hash does not match');
  }
  return {
    ...env,
    transaction,
    actionHeaderBytes,
    chaincodeActionPayload,
    chaincodeProposalPayloadBytes,
    proposalResponsePayloadBytes,
    proposalResponsePayload,
    endorsements: endorsed.getEndorsementsList(),
  };
}

/**
 * Decodes the chaincode action the endorsers signed and checks it as Fabric's validation
 * dispatcher does: BAD_HEADER_EXTENSION, BAD_RESPONSE_PAYLOAD, BAD_RWSET, INVALID_OTHER_REASON
 * (no chaincode id, event of another chaincode), INVALID_CHAINCODE (name mismatch, empty version),
 * ILLEGAL_WRITESET (a namespace twice).
 */
export function parseChaincodeAction(tx: EndorserTransactionStructure): ParsedEndorserTransaction {
  const headerExtension = decodeOr(Code.BAD_HEADER_EXTENSION, 'header extension', () =>
    peer.ChaincodeHeaderExtension.deserializeBinary(tx.channelHeader.getExtension_asU8()),
  );
  const chaincodeName = headerExtension.getChaincodeId()?.getName() ?? '';
  const chaincodeActionBytes = tx.proposalResponsePayload.getExtension_asU8();
  const chaincodeAction = decodeOr(Code.BAD_RESPONSE_PAYLOAD, 'chaincode action', () =>
    peer.ChaincodeAction.deserializeBinary(chaincodeActionBytes),
  );
  const rwsetBytes = chaincodeAction.getResults_asU8();
  const rwset = decodeOr(Code.BAD_RWSET, 'read-write set', () => decodeRwset(rwsetBytes));
  const actionChaincode = chaincodeAction.getChaincodeId();
  if (!actionChaincode)
    throw new TxParseError(Code.INVALID_OTHER_REASON, 'chaincode action has no chaincode id');
  if (chaincodeName === '' || actionChaincode.getName() !== chaincodeName) {
    throw new TxParseError(
      Code.INVALID_CHAINCODE,
      `chaincode action names '${actionChaincode.getName()}', header names '${chaincodeName}'`,
    );
  }
  if (actionChaincode.getVersion() === '')
    throw new TxParseError(Code.INVALID_CHAINCODE, 'chaincode version empty');
  const eventBytes = chaincodeAction.getEvents_asU8();
  const event =
    eventBytes.length === 0
      ? undefined
      : decodeOr(Code.INVALID_OTHER_REASON, 'chaincode event', () =>
          peer.ChaincodeEvent.deserializeBinary(eventBytes),
        );
  if (event && event.getChaincodeId() !== chaincodeName) {
    throw new TxParseError(Code.INVALID_OTHER_REASON, `event of chaincode '${event.getChaincodeId()}'`);
  }
  const seen = new Set<string>();
  for (const ns of rwset) {
    if (seen.has(ns.namespace))
      throw new TxParseError(Code.ILLEGAL_WRITESET, `namespace '${ns.namespace}' twice`);
    seen.add(ns.namespace);
  }
  return {
    ...tx,
    headerExtension,
    chaincodeName,
    chaincodeActionBytes,
    chaincodeAction,
    rwsetBytes,
    rwset,
    eventBytes,
    event,
  };
}

/**
 * Parses an ENDORSER_TRANSACTION envelope all the way down (no signature checks). Throws
 * TxParseError carrying the TxValidationCode of the first defect found.
 */
export function parseEndorserTransaction(envelopeBytes: Uint8Array): ParsedEndorserTransaction {
  const env = parseEnvelope(envelopeBytes);
  if (env.type !== common.HeaderType.ENDORSER_TRANSACTION) {
    throw new TxParseError(Code.UNKNOWN_TX_TYPE, `header type ${env.type} is not ENDORSER_TRANSACTION`);
  }
  return parseChaincodeAction(parseTransactionStructure(env));
}
