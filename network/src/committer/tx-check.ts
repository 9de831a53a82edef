import { common, peer } from '@hyperledger/fabric-protos';
import {
  TxParseError,
  computeTxId,
  parseChaincodeAction,
  parseEnvelope,
  parseTransactionStructure,
  type ParsedEndorserTransaction,
  type ParsedEnvelope,
} from '../block';
import { validateConfigTransaction } from './config-apply';
import type { PreparedTx } from './prepare';
import type { CommitChannel } from './types';

const Code = peer.TxValidationCode;

/** The outcome of checking one envelope before endorsement policies and MVCC. */
export type TxCheck =
  | { kind: 'invalid'; code: number; reason: string }
  | { kind: 'endorser'; tx: ParsedEndorserTransaction }
  | { kind: 'config'; env: ParsedEnvelope; config: common.Config };

function invalid(code: number, reason: string): TxCheck {
  return { kind: 'invalid', code, reason };
}

/** True when the creator deserializes as a valid member of the channel and signed the payload. */
function creatorSigned(env: ParsedEnvelope, channel: CommitChannel): boolean {
  try {
    const creator = channel.msps.deserialize(env.creator);
    return channel.msps.verify(creator, env.payloadBytes, env.signature);
  } catch {
    return false;
  }
}

function checkConfig(env: ParsedEnvelope, channel: CommitChannel): TxCheck {
  const verdict = validateConfigTransaction(env, channel);
  return verdict.valid
    ? { kind: 'config', env, config: verdict.config }
    : invalid(Code.INVALID_CONFIG_TRANSACTION, verdict.reason);
}

/**
 * Runs the per-transaction checks a Fabric 2.5 committer makes before endorsement policies
 * (msgvalidation.go `ValidateTransaction`, then channel, duplicate tx id in the ledger and the
 * dispatcher's chaincode action checks), in Fabric's order, so the first failure names the code.
 * @param envelopeBytes one entry of the block data
 * @param channel the channel configuration in force
 * @param inLedger whether a tx id is already in the ledger (valid or not)
 * @param prepared what {@link prepareBlock} decoded of this envelope, so nothing is decoded twice
 */
export function checkTransaction(
  envelopeBytes: Uint8Array,
  channel: CommitChannel,
  inLedger: (txId: string) => boolean,
  prepared: PreparedTx = {},
): TxCheck {
  try {
    const env = prepared.env ?? parseEnvelope(envelopeBytes);
    if (!creatorSigned(env, channel))
      return invalid(Code.BAD_CREATOR_SIGNATURE, 'creator signature does not verify');
    if (env.type === common.HeaderType.CONFIG) {
      if (env.data.length === 0)
        return invalid(Code.INVALID_CONFIG_TRANSACTION, 'config transaction has no data');
    } else if (env.type === common.HeaderType.ENDORSER_TRANSACTION) {
      if (env.txId !== computeTxId(env.nonce, env.creator)) {
        return invalid(Code.BAD_PROPOSAL_TXID, `tx id ${env.txId} is not hex(sha256(nonce || creator))`);
      }
    } else {
      return invalid(Code.UNSUPPORTED_TX_PAYLOAD, `header type ${env.type} is not committed`);
    }
    const isEndorser = env.type === common.HeaderType.ENDORSER_TRANSACTION;
    const structure = isEndorser && !prepared.tx ? parseTransactionStructure(env) : undefined;
    if (env.channelId !== channel.channelId) {
      return invalid(Code.TARGET_CHAIN_NOT_FOUND, `channel '${env.channelId}' is not '${channel.channelId}'`);
    }
    if (!isEndorser) return checkConfig(env, channel);
    if (inLedger(env.txId)) return invalid(Code.DUPLICATE_TXID, `tx id ${env.txId} is already in the ledger`);
    const tx = prepared.tx ?? (structure && parseChaincodeAction(structure));
    if (!tx) throw new Error('an endorser transaction was neither prepared nor parsed');
    return { kind: 'endorser', tx };
  } catch (err) {
    if (err instanceof TxParseError) return invalid(err.code, err.message);
    throw err;
  }
}
