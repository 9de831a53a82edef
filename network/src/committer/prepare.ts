import { common } from '@hyperledger/fabric-protos';
import {
  blockSignedData,
  parseChaincodeAction,
  parseEnvelope,
  parseTransactionStructure,
  type ParsedEndorserTransaction,
  type ParsedEnvelope,
  type SignedData,
} from '../block';
import type { ChannelMsps } from '../identity';
import { endorsementSignedData } from './endorsement';
import type { CommitChannel } from './types';

/** One envelope of a block, decoded ahead of validation (fields absent where decoding failed). */
export interface PreparedTx {
  readonly env?: ParsedEnvelope;
  /** Set only when the whole endorser transaction decoded. */
  readonly tx?: ParsedEndorserTransaction;
}

function decode(envelope: Uint8Array): PreparedTx {
  let env: ParsedEnvelope;
  try {
    env = parseEnvelope(envelope);
  } catch {
    return {};
  }
  if (env.type !== common.HeaderType.ENDORSER_TRANSACTION) return { env };
  try {
    return { env, tx: parseChaincodeAction(parseTransactionStructure(env)) };
  } catch {
    return { env };
  }
}

/** Starts the background check of each signature of a set whose signer deserializes, each signer once. */
function checkAhead(signed: readonly SignedData[], msps: ChannelMsps, checks: Promise<boolean>[]): void {
  const signers = new Set<string>();
  for (const sd of signed) {
    try {
      const identity = msps.deserialize(sd.identity);
      const signer = `${identity.mspId}\u0000${identity.id}`;
      if (signers.has(signer)) continue; // as the policy check, never verify one signer twice
      signers.add(signer);
      checks.push(msps.verifyInBackground(identity, sd.data, sd.signature));
    } catch {
      // An identity that does not deserialize fails validation with its own code.
    }
  }
}

/**
 * Decodes a block's envelopes once and, for a block of several transactions, runs every
 * signature check its validation will make (the orderer's block signatures, each creator
 * signature, each endorsement) in the thread pool at the same time, so the block verifies on
 * every core rather than one check after another on the event loop; a block of one transaction
 * (an idle network) is verified on the spot, without the thread-pool round trips. Nothing here
 * decides validity: validation still runs in block order and makes each check itself; the
 * checks that succeeded here are answered from the MSPs' memo, and anything that failed is
 * checked again there and gets its proper code.
 */
export async function prepareBlock(
  block: common.Block,
  envelopes: readonly Uint8Array[],
  channel: CommitChannel,
  withBlockSignatures: boolean,
): Promise<PreparedTx[]> {
  if (envelopes.length < 2) return envelopes.map(decode);
  const { msps } = channel;
  const checks: Promise<boolean>[] = [];
  if (withBlockSignatures) {
    try {
      checkAhead(blockSignedData(block), msps, checks);
    } catch {
      // Undecodable block metadata is refused by the block signature check itself.
    }
  }
  const prepared = envelopes.map((envelope) => {
    const decoded = decode(envelope);
    const { env, tx } = decoded;
    if (env) {
      checkAhead([{ data: env.payloadBytes, identity: env.creator, signature: env.signature }], msps, checks);
    }
    if (tx) checkAhead(endorsementSignedData(tx), msps, checks);
    return decoded;
  });
  await Promise.all(checks);
  return prepared;
}
